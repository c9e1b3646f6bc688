/**
 * Prompt templates are markdown files in `prompts/`: YAML front matter (`maxOutputTokens`,
 * optional `notes`) and a body cut into a system and a user section by the marker lines
 * `<!-- system -->` and `<!-- user -->`, with `{{name}}` placeholders. Editing wording is
 * editing a file; the content hash stored with each review says which wording produced it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { contentVersion, parseFrontMatter, splitFrontMatter } from './front-matter.js';

export interface PromptTemplate {
  system: string;
  user: string;
  maxOutputTokens: number;
  /** First 12 hex of the SHA-256 of the file text. */
  version: string;
}

export interface PromptTemplates {
  profile: PromptTemplate;
  review: PromptTemplate;
  /** One hash over both files: the `versions.prompts` of a review. */
  version: string;
}

/**
 * The placeholders each template may use, and that its builder must fill. Checked when the
 * file is loaded, so a misspelt placeholder in an edited prompt is a usage error naming the
 * file, not a crash in the middle of a batch.
 */
export const PROFILE_VARIABLES = [
  'url',
  'sourceKind',
  'metadata',
  'facts',
  'known',
  'links',
  'categories',
  'pricingEntries',
  'truncationNote',
  'pageText',
] as const;
export type ProfileVariable = (typeof PROFILE_VARIABLES)[number];

export const REVIEW_VARIABLES = [
  'panelSize',
  'roster',
  'threshold',
  'profile',
  'pageExcerpt',
  'personaName',
] as const;
export type ReviewVariable = (typeof REVIEW_VARIABLES)[number];
/** The review variables that change from persona to persona. */
export const REVIEW_PER_CALL_VARIABLES: readonly ReviewVariable[] = ['personaName'];
/** The review variables that change from tool to tool (the same for every persona of a panel). */
export const REVIEW_PER_TOOL_VARIABLES: readonly ReviewVariable[] = ['profile', 'pageExcerpt'];

const PromptFrontMatter = z.strictObject({
  maxOutputTokens: z.number().int().min(16).max(64_000),
  notes: z.string().optional(),
});

const SYSTEM_MARKER = '<!-- system -->';
const USER_MARKER = '<!-- user -->';
/**
 * A line in a user section marking the end of a shared prefix: above it goes into the
 * provider's prompt cache, below it is per persona. A review template may have two: the first
 * ends the part every tool shares (instructions, roster, scoring rule), the second the part
 * the personas of one tool share (profile, page excerpt).
 */
export const CACHE_BREAKPOINT = '<!-- cache-breakpoint -->';
// Names start with a letter or `_`; inner spaces are tolerated (`{{ url }}`).
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * Fills `{{name}}` placeholders in one pass. The replacement is a function, so values are
 * inserted literally (`$&` in a page stays `$&`), and the output is never rescanned, so a
 * `{{url}}` inside a substituted (untrusted) value stays text. An unknown placeholder is a
 * programming error: the loader already checked the file, so the caller forgot a variable.
 */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value == null) throw new Error(`template placeholder {{${name}}} has no value`);
    return value;
  });
}

/** Placeholder names used in a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (match) => match[1] ?? ''))];
}

/**
 * Splits a user section at its last cache-breakpoint line into the shared part and the
 * per-call part. The shared part still holds any earlier breakpoint line (see `splitSections`).
 */
export function splitAtBreakpoint(user: string): { shared: string; perCall: string } {
  const lines = user.split('\n');
  const at = lines.findLastIndex((line) => line.trim() === CACHE_BREAKPOINT);
  if (at === -1) return { shared: '', perCall: user };
  return { shared: lines.slice(0, at).join('\n').trim(), perCall: lines.slice(at + 1).join('\n').trim() };
}

/** The text between breakpoint lines, in order (one more section than there are lines). */
export function splitSections(user: string): string[] {
  const sections: string[][] = [[]];
  for (const line of user.split('\n')) {
    if (line.trim() === CACHE_BREAKPOINT) sections.push([]);
    else sections.at(-1)?.push(line);
  }
  return sections.map((lines) => lines.join('\n').trim());
}

export interface TemplateRules {
  /** Placeholders the template may use: exactly what its builder fills. */
  allowed: readonly string[];
  /**
   * Placeholders that differ between the calls of one panel. When given, the user section
   * needs one or two cache-breakpoint lines and these may only appear below the last: one of
   * them above would make every call's prefix different and silently defeat prompt caching.
   */
  perCall?: readonly string[];
  /** Placeholders that differ between tools: with two breakpoints, only below the first. */
  perTool?: readonly string[];
}

/** Parses one prompt file's text. Pure; `rules` says which placeholders may go where. */
export function parsePromptTemplate(text: string, fileName: string, rules: TemplateRules): PromptTemplate {
  const { allowed, perCall, perTool } = rules;
  const { data, body } = splitFrontMatter(text, fileName);
  const front = parseFrontMatter(data, PromptFrontMatter, fileName);
  const lines = body.split('\n');
  const systemAt = markerLine(lines, SYSTEM_MARKER, fileName);
  const userAt = markerLine(lines, USER_MARKER, fileName);
  if (userAt < systemAt) throw new UsageError(`${fileName}: "${SYSTEM_MARKER}" must come before "${USER_MARKER}"`);
  // Text before the system marker would silently never reach a model; refuse it instead.
  if (lines.slice(0, systemAt).join('').trim() !== '') {
    throw new UsageError(`${fileName}: text before "${SYSTEM_MARKER}" is not sent anywhere; move it into front matter "notes"`);
  }
  const system = lines.slice(systemAt + 1, userAt).join('\n').trim();
  const user = lines.slice(userAt + 1).join('\n').trim();
  if (system === '' || user === '') throw new UsageError(`${fileName}: the system and user sections must not be empty`);
  for (const name of placeholders(`${system}\n${user}`)) {
    if (!allowed.includes(name)) {
      throw new UsageError(`${fileName}: unknown placeholder {{${name}}}; known: ${allowed.join(', ')}`);
    }
  }
  if (perCall != null) checkBreakpoint(system, user, perCall, perTool ?? [], fileName);
  return { system, user, maxOutputTokens: front.maxOutputTokens, version: contentVersion(text) };
}

function checkBreakpoint(
  system: string,
  user: string,
  perCall: readonly string[],
  perTool: readonly string[],
  fileName: string,
): void {
  const count = user.split('\n').filter((line) => line.trim() === CACHE_BREAKPOINT).length;
  if (count !== 1 && count !== 2) {
    throw new UsageError(`${fileName}: the user section needs one or two "${CACHE_BREAKPOINT}" lines, found ${count}`);
  }
  const shared = `${system}\n${splitAtBreakpoint(user).shared}`;
  for (const name of placeholders(shared)) {
    if (perCall.includes(name)) {
      throw new UsageError(`${fileName}: {{${name}}} differs per call and must come after the last "${CACHE_BREAKPOINT}"`);
    }
  }
  if (count === 2) {
    const everyTool = `${system}\n${splitSections(user)[0] ?? ''}`;
    for (const name of placeholders(everyTool)) {
      if (perTool.includes(name)) {
        throw new UsageError(`${fileName}: {{${name}}} differs per tool and must come after the first "${CACHE_BREAKPOINT}"`);
      }
    }
  }
}

function markerLine(lines: string[], marker: string, fileName: string): number {
  const found = lines.flatMap((line, index) => (line.trim() === marker ? [index] : []));
  if (found.length !== 1) {
    throw new UsageError(`${fileName}: needs exactly one "${marker}" line, found ${found.length}`);
  }
  return found[0] ?? -1;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

/** Loads `profile.md` and `review.md` from `dir`. */
export async function loadPromptTemplates(dir: string): Promise<PromptTemplates> {
  const profileFile = path.join(dir, 'profile.md');
  const reviewFile = path.join(dir, 'review.md');
  const [profileText, reviewText] = await Promise.all([readText(profileFile), readText(reviewFile)]);
  const profile = parsePromptTemplate(profileText, profileFile, { allowed: PROFILE_VARIABLES });
  const review = parsePromptTemplate(reviewText, reviewFile, {
    allowed: REVIEW_VARIABLES,
    perCall: REVIEW_PER_CALL_VARIABLES,
    perTool: REVIEW_PER_TOOL_VARIABLES,
  });
  // NUL separators keep "ab"+"c" and "a"+"bc" from hashing alike.
  const version = contentVersion(`profile.md\0${profileText}\0review.md\0${reviewText}`);
  return { profile, review, version };
}
