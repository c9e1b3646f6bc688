/**
 * The one place an extractor's result becomes an `IntakeSource`: the text budget is applied
 * and the result is checked against the contract the profile stage relies on.
 */
import { IntakeError } from '../errors.js';
import { IntakeSource, type Facts, type ProfileAnswer } from '../schemas.js';
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
    // Prompt-injection detection is a later stage; intake neither flags nor rewrites page text.
    flags: [],
  });
}
