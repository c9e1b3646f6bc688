/**
 * The intake's texts a claim may be supported by, each prepared once per review: normalised
 * for matching, cut into sentences, with the numbers and dates it states.
 */
import type { IntakeSource } from '../schemas.js';
import { normaliseLoose, normaliseSpaces, type Normalised } from './normalise.js';
import { hardTerms, keyTerms, splitSentences, type HardTerm, type Sentence } from './terms.js';

export interface PreparedSource {
  /** 'page', 'readme', 'description', 'title', 'facts', 'json-ld', 'profile-file'. */
  label: string;
  text: string;
  loose: Normalised;
  spaces: Normalised;
  sentences: Array<Sentence & { keys: Set<string> }>;
  /** Numbers and dates the source states. */
  figures: HardTerm[];
}

function lines(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(([, value]) => value != null && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join('\n');
}

export function prepareSource(label: string, text: string): PreparedSource {
  return {
    label,
    text,
    loose: normaliseLoose(text),
    spaces: normaliseSpaces(text),
    sentences: splitSentences(text).map((sentence) => ({ ...sentence, keys: new Set(keyTerms(sentence.text)) })),
    figures: hardTerms(text).filter((term) => term.kind === 'number' || term.kind === 'date'),
  };
}

/**
 * Whatever intake holds: the page text (or README), the page's own description and title, the
 * facts our code gathered, and the known fields (JSON-LD on a page, or a profile file).
 */
export function groundingSources(source: IntakeSource): PreparedSource[] {
  // The known tagline and description are texts under check (a profile file's or JSON-LD's
  // own words become the profile's): they cannot be their own support.
  const { tagline: _tagline, description: _description, ...otherKnown } = source.known;
  const known = lines(otherKnown);
  // A profile file without a `text` of its own gets its tagline and description as text.
  const ownText = source.kind === 'profile-json' && source.text === [source.known.tagline, source.known.description].filter(Boolean).join('\n\n');
  const candidates: Array<[string, string | null]> = [
    [source.kind === 'github' ? 'readme' : 'page', ownText ? null : source.text],
    // A profile file's description and title are its own profile fields, under check themselves.
    ['description', source.kind === 'profile-json' ? null : source.description],
    ['title', source.kind === 'profile-json' ? null : source.title],
    ['facts', lines(source.facts)],
    [source.kind === 'profile-json' ? 'profile-file' : 'json-ld', known],
  ];
  return candidates.flatMap(([label, text]) => (text != null && text.trim() !== '' ? [prepareSource(label, text)] : []));
}

/** The sources as the grounding prompts show them: one fenced block each, page text first. */
export function sourceBlocks(sources: readonly PreparedSource[], fence: (label: string, text: string) => string): string {
  return sources.map((source) => fence(`source ${source.label}`, source.text)).join('\n\n');
}
