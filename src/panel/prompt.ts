/**
 * Builds one persona's review call. Prompt caching is the design constraint: the system text
 * and the first user part (roster, scoring rule, profile, page excerpt) are byte-identical for
 * every persona of a panel, and only a short second part names the persona. The first part
 * carries the cache breakpoint. Wording lives in `prompts/review.md`.
 */
import type { ChatMessage } from '../providers/model.js';
import type { ToolProfile } from '../schemas.js';
import {
  delimitUntrusted,
  renderTemplate,
  splitAtBreakpoint,
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
}

export interface PersonaRequest {
  system: string;
  messages: ChatMessage[];
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

function splitTemplate(template: PromptTemplate): { shared: string; perCall: string } {
  const parts = splitAtBreakpoint(template.user);
  // The loader guarantees the line in prompts/review.md; a hand-built template may lack it.
  if (parts.shared === '') throw new Error('review template: the user section has no cache-breakpoint line');
  return parts;
}

/**
 * The first user part, shared by every persona of the panel. Exported so tests and the bench
 * can measure the cacheable share without building a request per persona.
 */
export function sharedPrefixText(input: SharedInput): string {
  return renderShared(splitTemplate(input.template).shared, sharedVariables(input));
}

function renderShared(shared: string, variables: Record<string, string>): string {
  // A trailing newline keeps the persona part's first line a line of its own, however an
  // adapter joins the parts.
  return `${renderTemplate(shared, variables)}\n`;
}

export function buildPersonaRequest(input: PersonaRequestInput): PersonaRequest {
  if (!input.panel.some((member) => member.id === input.persona.id)) {
    throw new Error(`buildPersonaRequest: persona "${input.persona.id}" is not in the panel`);
  }
  const { shared, perCall } = splitTemplate(input.template);
  const variables = sharedVariables(input);
  const personaPart = renderTemplate(perCall, { ...variables, personaName: input.persona.name });
  return {
    system: input.template.system,
    messages: [
      {
        role: 'user',
        parts: [{ text: renderShared(shared, variables), cacheBreakpoint: true }, { text: personaPart }],
      },
    ],
  };
}
