/**
 * Deterministic support, which costs nothing: a claim found in a source as written, or whose
 * hard terms all occur in one source sentence that shares most of its key words, is supported
 * with that span; a claim with a hard term no source contains is unsupported outright; the
 * rest (paraphrases) are left for the model, whose answer must then be found verbatim.
 */
import type { ClaimSupport } from '../schemas.js';
import { findNormalised, normaliseSpaces, type Found } from './normalise.js';
import type { PreparedSource } from './sources.js';
import { hardTerms, keyTerms, type HardTerm } from './terms.js';

export type SupportCheck =
  | { status: 'supported'; support: ClaimSupport }
  | { status: 'unsupported'; reason: string }
  | { status: 'pending' };

/** Share of a claim's key words a sentence must contain to support it without a model. */
const KEY_SHARE = 0.5;

function support(source: PreparedSource, found: Found, method: ClaimSupport['method']): ClaimSupport {
  return { source: source.label, start: found.start, end: found.end, quote: source.text.slice(found.start, found.end), method };
}

function numberMatches(claim: Extract<HardTerm, { kind: 'number' }>, stated: HardTerm): boolean {
  if (stated.kind === 'date') return claim.unit == null && claim.value === stated.year && stated.month == null;
  if (stated.kind !== 'number') return false;
  if (claim.unit != null && claim.unit !== stated.unit) return false;
  if (stated.value === claim.value) return true;
  // "34.6k" or "over 34,000" from 34,612: the source's figure rounded or cut at the claim's precision.
  if (claim.precision <= 1) return false;
  const floor = Math.floor(stated.value / claim.precision) * claim.precision;
  const round = Math.round(stated.value / claim.precision) * claim.precision;
  return Math.abs(floor - claim.value) < 1e-6 || Math.abs(round - claim.value) < 1e-6;
}

function dateMatches(claim: Extract<HardTerm, { kind: 'date' }>, stated: HardTerm): boolean {
  if (stated.kind === 'number') return claim.month == null && stated.unit == null && stated.value === claim.year;
  if (stated.kind !== 'date' || stated.year !== claim.year) return false;
  if (claim.month != null && stated.month !== claim.month) return false;
  return claim.day == null || stated.day === claim.day;
}

/** Where a source states a hard term, or undefined. */
export function findTerm(term: HardTerm, source: PreparedSource): Found | undefined {
  if (term.kind === 'number' || term.kind === 'date') {
    const match = source.figures.find((stated) => (term.kind === 'number' ? numberMatches(term, stated) : dateMatches(term, stated)));
    return match ? { start: match.start, end: match.end } : undefined;
  }
  return findNormalised(source.loose, source.text, term.raw);
}

export function termSupport(term: HardTerm, sources: readonly PreparedSource[]): ClaimSupport | null {
  for (const source of sources) {
    const found = findTerm(term, source);
    if (found) return support(source, found, 'deterministic');
  }
  return null;
}

function inside(found: Found | undefined, span: { start: number; end: number }): boolean {
  return found != null && found.start >= span.start && found.end <= span.end;
}

function sentenceWith(terms: readonly HardTerm[], claimKeys: readonly string[], sources: readonly PreparedSource[]): ClaimSupport | null {
  let best: { source: PreparedSource; found: Found; share: number } | undefined;
  for (const source of sources) {
    for (const sentence of source.sentences) {
      const share = claimKeys.filter((key) => sentence.keys.has(key)).length / claimKeys.length;
      if (share < KEY_SHARE || (best && share <= best.share)) continue;
      const local = { ...source, figures: source.figures.filter((figure) => inside(figure, sentence)) };
      if (terms.every((term) => inside(findTerm(term, local), sentence))) best = { source, found: sentence, share };
    }
  }
  return best ? support(best.source, best.found, 'deterministic') : null;
}

/**
 * The free check of one claim. `known` names (the tool's, the personas') are never treated as
 * claims of their own.
 */
export function checkDeterministic(claim: string, known: readonly string[], sources: readonly PreparedSource[]): SupportCheck {
  for (const source of sources) {
    const found = findNormalised(source.loose, source.text, claim);
    if (found) return { status: 'supported', support: support(source, found, 'deterministic') };
  }
  const terms = hardTerms(claim, known);
  const missing = terms.find((term) => termSupport(term, sources) == null);
  if (missing) return { status: 'unsupported', reason: `${missing.kind} "${missing.raw}" occurs in no source` };
  if (terms.length === 0) return { status: 'pending' };
  // The words beyond the hard terms must be there too: "OpenRouter's scale" is not supported
  // by any sentence that merely names OpenRouter.
  const termKeys = new Set(terms.flatMap((term) => keyTerms(term.raw)));
  const rest = keyTerms(claim).filter((key) => !termKeys.has(key));
  if (rest.length === 0) return { status: 'pending' };
  const sentence = sentenceWith(terms, rest, sources);
  return sentence ? { status: 'supported', support: sentence } : { status: 'pending' };
}

/**
 * A model's supporting sentence, accepted only if a source contains it verbatim (whitespace
 * aside): a quote no source contains is no support.
 */
export function verbatimSupport(sentence: string, sources: readonly PreparedSource[]): ClaimSupport | null {
  const wanted = sentence.trim();
  if (wanted.length < 8) return null;
  for (const source of sources) {
    const found = findNormalised(source.spaces, source.text, wanted, normaliseSpaces);
    if (found) return support(source, found, 'model');
  }
  return null;
}
