/**
 * The grounding prompts (`prompts/grounding-*.md`) and the requests built from them. The
 * sources go first, identical for every call of one review, so the provider's prompt cache can
 * hold them; the text or claims to check go last.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { projectPaths } from '../paths.js';
import type { ChatMessage } from '../providers/index.js';
import {
  contentVersion,
  delimitUntrusted,
  parsePromptTemplate,
  renderTemplate,
  splitAtBreakpoint,
  type PromptTemplate,
} from '../templates/index.js';
import { sourceBlocks, type PreparedSource } from './sources.js';

export interface GroundingPrompts {
  claims: PromptTemplate;
  support: PromptTemplate;
  rewrite: PromptTemplate;
  /** One hash over the three files: `grounding.promptVersion`. */
  version: string;
}

const FILES = { claims: 'grounding-claims.md', support: 'grounding-support.md', rewrite: 'grounding-rewrite.md' } as const;
const RULES = {
  claims: { allowed: ['sources', 'knownNames', 'field', 'text'], perCall: ['field', 'text'] },
  support: { allowed: ['sources', 'knownNames', 'field', 'claims'], perCall: ['field', 'claims'] },
  rewrite: { allowed: ['field', 'text', 'claims'] },
} as const;

/** Labels the simulator and the prompts use for the per-call blocks. */
export const BLOCK = { text: 'text to check', claims: 'claims to check', rewrite: 'text to rewrite', unsupported: 'claims without support' } as const;

async function readPrompt(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

const loaded = new Map<string, Promise<GroundingPrompts>>();

/** Loads the three files once per directory and process (a batch reviews many tools). */
export function loadGroundingPrompts(dir: string = projectPaths.prompts): Promise<GroundingPrompts> {
  let prompts = loaded.get(dir);
  if (prompts == null) {
    prompts = readGroundingPrompts(dir);
    prompts.catch(() => loaded.delete(dir));
    loaded.set(dir, prompts);
  }
  return prompts;
}

async function readGroundingPrompts(dir: string): Promise<GroundingPrompts> {
  const names = ['claims', 'support', 'rewrite'] as const;
  const texts = await Promise.all(names.map((name) => readPrompt(path.join(dir, FILES[name]))));
  const [claims, support, rewrite] = names.map((name, index) =>
    parsePromptTemplate(texts[index] as string, path.join(dir, FILES[name]), RULES[name]),
  ) as [PromptTemplate, PromptTemplate, PromptTemplate];
  const version = contentVersion(names.map((name, index) => `${FILES[name]}\0${texts[index]}`).join('\0'));
  return { claims, support, rewrite, version };
}

export interface GroundingRequest {
  system: string;
  messages: ChatMessage[];
}

export type FieldName = 'tagline' | 'description' | 'quote';

function fieldLabel(field: FieldName, persona?: string): string {
  return field === 'quote' ? `reviewer quote (${persona ?? 'reviewer'})` : field;
}

/** The shared first part, rendered once per review and reused by every call. */
export function sharedPart(
  template: PromptTemplate,
  sources: readonly PreparedSource[],
  knownNames: readonly string[],
  notices: readonly string[] = [],
): string {
  const { shared } = splitAtBreakpoint(template.user);
  const blocks = sources.length > 0 ? sourceBlocks(sources, delimitUntrusted) : '(no source text was captured for this tool)';
  // A flagged page's notice goes above its text, outside the fences, as in every other prompt.
  const variables = { sources: [...notices, blocks].join('\n\n'), knownNames: knownNames.join(', ') || 'none' };
  return `${renderTemplate(shared, variables)}\n`;
}

function request(template: PromptTemplate, shared: string, variables: Record<string, string>): GroundingRequest {
  const perCall = renderTemplate(splitAtBreakpoint(template.user).perCall, variables);
  return {
    system: template.system,
    messages: [{ role: 'user', parts: [{ text: shared, cacheBreakpoint: true }, { text: perCall }] }],
  };
}

export function claimsRequest(prompts: GroundingPrompts, shared: string, field: FieldName, text: string, persona?: string): GroundingRequest {
  return request(prompts.claims, shared, { field: fieldLabel(field, persona), text: delimitUntrusted(BLOCK.text, text) });
}

export function supportRequest(
  prompts: GroundingPrompts,
  shared: string,
  field: FieldName,
  claims: ReadonlyArray<{ id: string; text: string }>,
  persona?: string,
): GroundingRequest {
  const list = claims.map((claim) => `- [${claim.id}] ${claim.text.replace(/\s+/g, ' ')}`).join('\n');
  return request(prompts.support, shared, { field: fieldLabel(field, persona), claims: delimitUntrusted(BLOCK.claims, list) });
}

/** The follow-up message of the writer's own conversation asking for the rewrite. */
export function rewriteMessage(prompts: GroundingPrompts, field: FieldName, text: string, claims: readonly string[]): string {
  const label = field === 'quote' ? 'quote' : field;
  const list = claims.map((claim) => `- ${claim.replace(/\s+/g, ' ')}`).join('\n');
  const user = renderTemplate(prompts.rewrite.user, {
    field: label,
    text: delimitUntrusted(BLOCK.rewrite, text),
    claims: delimitUntrusted(BLOCK.unsupported, list),
  });
  return `${prompts.rewrite.system}\n\n${user}`;
}
