/**
 * The one place an extractor's result becomes an `IntakeSource`: the text budget is applied
 * and the result is checked against the contract the profile stage relies on.
 */
import { IntakeError } from '../errors.js';
import { IntakeSource, type Facts, type Flag, type ProfileAnswer } from '../schemas.js';
import { detectInjection } from './injection.js';
import { applyTextBudget, tidyText } from './text-budget.js';

/** What an extractor (HTML, Markdown) found in a document. */
export interface Extracted {
  title: string | null;
  description: string | null;
  /** Canonical URL the document declares, absolute, or null. */
  canonical: string | null;
  text: string;
  links: Record<string, string>;
  facts: Facts;
  known: Partial<ProfileAnswer>;
  /** Text the page carries but does not show (hidden elements, comments, attributes): only for detection. */
  hiddenText?: string;
  /** The document as received: only for detection. */
  raw?: string;
  /** What the extractor itself found worth the editor's attention (a foreign canonical address). */
  flags?: Flag[];
}

/**
 * Prompt-injection findings for an extracted document: the visible text (whole, before the
 * budget cut: the page says it either way), its title, description, facts and known fields, plus what
 * it hides and its source.
 */
export function injectionFlags(extracted: Extracted): Flag[] {
  const strings = [...Object.values(extracted.facts), ...Object.values(extracted.known), extracted.known.pricing?.detail].filter(
    (value): value is string => typeof value === 'string',
  );
  return detectInjection({
    text: [extracted.title ?? '', extracted.description ?? '', ...strings, extracted.text].join('\n'),
    hiddenText: extracted.hiddenText,
    raw: extracted.raw,
  });
}

export function toSource(
  extracted: Extracted,
  origin: { kind: IntakeSource['kind']; target: string; url: string },
): IntakeSource {
  const { text, truncated } = applyTextBudget(tidyText(extracted.text));
  if (text === '' && extracted.title == null && extracted.description == null) {
    // Typically a page that builds itself with JavaScript: nothing for a panel to read.
    throw new IntakeError(`${origin.url} has no readable text, title or description`);
  }
  return IntakeSource.parse({
    kind: origin.kind,
    target: origin.target,
    url: origin.url,
    title: extracted.title,
    description: extracted.description,
    text,
    truncated,
    facts: extracted.facts,
    links: extracted.links,
    known: extracted.known,
    // Flagged, never rewritten: the prompts fence page text as data either way.
    flags: [...(extracted.flags ?? []), ...injectionFlags(extracted)],
  });
}
