/**
 * Builds the profile call from what intake found. Wording lives in `prompts/profile.md`; this
 * file only turns an IntakeSource into the template's variables. Everything that came from
 * the page (title, description, text) is fenced as untrusted data.
 */
import { pageNotices } from '../intake/index.js';
import type { ChatMessage } from '../providers/model.js';
import { PRICING_ENTRIES, type IntakeSource } from '../schemas.js';
import {
  delimitUntrusted,
  neutraliseDelimiters,
  renderTemplate,
  type ProfileVariable,
  type PromptTemplate,
} from '../templates/index.js';

export interface ProfileRequest {
  system: string;
  messages: ChatMessage[];
}

const NONE = '(none)';
// Titles and meta descriptions are one-liners; a longer one is a page stuffing its metadata.
const TITLE_CHARS = 300;
const DESCRIPTION_CHARS = 600;

/** One line, capped: page metadata must not be able to start new lines of its own. */
function oneLine(text: string | null, max: number): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat === '') return NONE;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Facts and known fields are fenced as data too: their numbers are ours (stars, dates), but
 * many of their strings were written by the tool's makers (a repository description, JSON-LD).
 */
function json(label: string, value: Record<string, unknown>): string {
  return Object.keys(value).length === 0 ? NONE : delimitUntrusted(label, JSON.stringify(value, null, 2));
}

function bulletList(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return NONE;
  return entries.map(([key, value]) => `- ${oneLine(key, 80)}: ${neutraliseDelimiters(oneLine(value, 300))}`).join('\n');
}

export function buildProfileRequest(
  source: IntakeSource,
  template: PromptTemplate,
  options: { categories: readonly string[] },
): ProfileRequest {
  if (options.categories.length === 0) throw new Error('buildProfileRequest: the category list is empty');
  // "Title:" and "Description:" start their lines inside the block: the simulator keys on them.
  const metadata = delimitUntrusted(
    'page metadata',
    `Title: ${oneLine(source.title, TITLE_CHARS)}\nDescription: ${oneLine(source.description, DESCRIPTION_CHARS)}`,
  );
  const label = source.kind === 'github' ? 'repository README' : 'page text';
  const text = source.text.trim() === '' ? '(no text was extracted)' : source.text;
  const truncationNote = [
    source.truncated
      ? `Note: the ${label} below was truncated to fit; the rest is missing, so don't guess what it said.`
      : `The ${label} below is complete.`,
    // A flagged page says so here, outside the fence and without quoting the page.
    ...pageNotices(source.flags),
  ].join('\n\n');
  const variables: Record<ProfileVariable, string> = {
    url: oneLine(source.url, 2000),
    sourceKind: source.kind,
    metadata,
    facts: json('facts from intake', source.facts),
    known: json('known profile fields', source.known),
    links: bulletList(Object.entries(source.links)),
    categories: options.categories.map((category) => `- ${category}`).join('\n'),
    pricingEntries: PRICING_ENTRIES.join(', '),
    truncationNote,
    pageText: delimitUntrusted(label, text),
  };
  return {
    system: template.system,
    messages: [{ role: 'user', parts: [{ text: renderTemplate(template.user, variables) }] }],
  };
}
