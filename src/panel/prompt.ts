/**
 * Builds one persona's review call. Prompt caching is the design constraint, and the layout
 * follows how providers cache (an exact prefix, up to a breakpoint): the system text and the
 * first user part (roster, scoring rule) are byte-identical for every call of every tool; the
 * second part (notices, profile, page excerpt) for every persona of one tool; only a short last
 * part names the persona. The first two parts end at cache breakpoints, the every-tool one
 * first. Wording lives in `prompts/review.md`.
 */
import { createHash } from 'node:crypto';
import { cacheRules } from '../cache-minimums.js';
import type { ChatMessage, MessagePart } from '../providers/model.js';
import type { ToolProfile } from '../schemas.js';
import {
  delimitUntrusted,
  renderTemplate,
  splitSections,
  type Persona,
  type PromptTemplate,
  type ReviewVariable,
} from '../templates/index.js';

/** The page excerpt's budget in characters (about 1,500 tokens). */
export const PAGE_EXCERPT_CHARS = 6000;

export interface PersonaRequestInput {
  profile: ToolProfile;
  /** The tool's page text; cut to PAGE_EXCERPT_CHARS here. */
  pageExcerpt: string | null;
  /** The whole panel, always, even when one persona is re-run: it is part of the shared prefix. */
  panel: readonly Persona[];
  persona: Persona;
  /** Ship iff score >= threshold. */
  threshold: number;
  template: PromptTemplate;
  /**
   * Notices about the tool's page from intake (a page flagged for prompt injection, see
   * `pageNotices` in src/intake): shown in the shared prefix, above the tool's data, so every
   * persona reads the same words. They must not quote the page.
   */
  notices?: readonly string[] | undefined;
  /**
   * How many calls of this panel send this tool's prefix to the same model (this one
   * included). The tool part's breakpoint is placed only when another call will read it:
   * a prefix written for one reader is paid for at the write rate and never read back.
   * Default 1.
   */
  toolPrefixReaders?: number | undefined;
}

export interface PersonaRequest {
  system: string;
  messages: ChatMessage[];
  /** The routing key for providers that take one (OpenAI `prompt_cache_key`). */
  cacheKey: string;
}

type SharedInput = Omit<PersonaRequestInput, 'persona'>;

/** Panel order, whatever order the caller passed: the prefix must not depend on it. */
function panelOrder(panel: readonly Persona[]): Persona[] {
  return [...panel].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function roster(panel: readonly Persona[]): string {
  return panelOrder(panel)
    .map((persona) => `<persona name="${persona.name.replace(/"/g, "'")}">\n${persona.body}\n</persona>`)
    .join('\n\n');
}

/** The profile as labelled lines, `Tool:` first (the simulator keys on it), fenced as data. */
export function profileBlock(profile: ToolProfile): string {
  const pricing = profile.pricing.detail.trim()
    ? `${profile.pricing.entry} — ${profile.pricing.detail.trim()}`
    : profile.pricing.entry;
  const links = Object.entries(profile.links);
  const lines = [
    `Tool: ${profile.name}`,
    `Tagline: ${profile.tagline}`,
    `Description: ${profile.description}`,
    `Category: ${profile.category}`,
    `Pricing: ${pricing}`,
    `Best for: ${profile.bestFor}`,
    `Vendor: ${profile.vendor ?? 'unknown'}`,
    `URL: ${profile.url}`,
    `Facts: ${Object.keys(profile.facts).length === 0 ? 'none' : JSON.stringify(profile.facts)}`,
    links.length === 0 ? 'Links: none' : `Links:\n${links.map(([key, url]) => `- ${key}: ${url}`).join('\n')}`,
  ];
  return delimitUntrusted('tool profile', lines.join('\n'));
}

/**
 * Cuts page text to the budget at a word boundary when one is near, never inside a
 * surrogate pair, and says where it was cut.
 */
export function cutExcerpt(text: string, max: number = PAGE_EXCERPT_CHARS): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let cut = trimmed.slice(0, max);
  const space = cut.search(/\s\S*$/);
  if (space > max * 0.9) cut = cut.slice(0, space);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()} […excerpt cut]`;
}

function pageExcerptBlock(pageExcerpt: string | null): string {
  const text = pageExcerpt?.trim() ?? '';
  if (text === '') return '(no page text was captured for this tool)';
  return delimitUntrusted('tool page excerpt', cutExcerpt(text));
}

/** The persona-independent variables; computed once they are identical for every persona. */
function sharedVariables(input: SharedInput): Omit<Record<ReviewVariable, string>, 'personaName'> {
  return {
    panelSize: String(input.panel.length),
    roster: roster(input.panel),
    threshold: String(input.threshold),
    profile: [...(input.notices ?? []), profileBlock(input.profile)].join('\n\n'),
    pageExcerpt: pageExcerptBlock(input.pageExcerpt),
  };
}

interface Sections {
  /** Identical for every tool; absent in a template with a single breakpoint line. */
  everyTool: string | undefined;
  /** Identical for every persona of one tool. */
  tool: string;
  persona: string;
}

function splitTemplate(template: PromptTemplate): Sections {
  const sections = splitSections(template.user);
  // The loader guarantees one or two lines in prompts/review.md; a hand-built template may lack them.
  if (sections.length < 2) throw new Error('review template: the user section has no cache-breakpoint line');
  const [first = '', second = '', third = ''] = sections;
  return sections.length === 2 ? { everyTool: undefined, tool: first, persona: second } : { everyTool: first, tool: second, persona: third };
}

/** Each shared part ends with a newline so the next part's first line is a line of its own, however an adapter joins them. */
function sharedParts(input: SharedInput): { everyTool: string | undefined; tool: string; persona: string; variables: Record<string, string> } {
  const sections = splitTemplate(input.template);
  const variables = sharedVariables(input);
  return {
    everyTool: sections.everyTool === undefined ? undefined : `${renderTemplate(sections.everyTool, variables)}\n`,
    tool: `${renderTemplate(sections.tool, variables)}\n`,
    persona: sections.persona,
    variables,
  };
}

/**
 * The user text shared by every persona of the panel (the every-tool and the tool part).
 * Exported so tests and the bench can measure the cacheable share without building a request
 * per persona.
 */
export function sharedPrefixText(input: SharedInput): string {
  const parts = sharedParts(input);
  return `${parts.everyTool ?? ''}${parts.tool}`;
}

/**
 * The OpenAI routing key. One key per shard of tools, not per call: a tool's persona calls
 * always share it (so they meet the tool's prefix), and each shard's key is shared by many
 * tools (so the every-tool prefix stays warm on its machine), while the shard count keeps each
 * key under OpenAI's ~15 requests a minute before overflow (`data/cache-minimums.json`).
 */
export function reviewCacheKey(profile: Pick<ToolProfile, 'url' | 'name'>, shards: number = cacheRules().providers.openai.keyShards): string {
  const digest = createHash('sha256').update(profile.url || profile.name).digest();
  return `ship-or-skip:review:${digest.readUInt32BE(0) % shards}`;
}

export function buildPersonaRequest(input: PersonaRequestInput): PersonaRequest {
  if (!input.panel.some((member) => member.id === input.persona.id)) {
    throw new Error(`buildPersonaRequest: persona "${input.persona.id}" is not in the panel`);
  }
  const parts = sharedParts(input);
  const personaPart = renderTemplate(parts.persona, { ...parts.variables, personaName: input.persona.name });
  const toolBreakpoint = parts.everyTool === undefined || (input.toolPrefixReaders ?? 1) > 1;
  const userParts: MessagePart[] = [
    ...(parts.everyTool === undefined ? [] : [{ text: parts.everyTool, cacheBreakpoint: true }]),
    toolBreakpoint ? { text: parts.tool, cacheBreakpoint: true } : { text: parts.tool },
    { text: personaPart },
  ];
  return {
    system: input.template.system,
    messages: [{ role: 'user', parts: userParts }],
    cacheKey: reviewCacheKey(input.profile),
  };
}
