/**
 * Grounding claims on the desk (issue 12), read side: where each claim stands in the texts as
 * they are now, the decision in force, and what approval still waits for. Pure over the two
 * reviews (the engine's, whose texts the spans point into, and the current one) and the
 * decisions, so the web page, the CLI and the approval gate all see the same thing.
 */
import type { Claim, Review } from '../schemas.js';
import type { ClaimDecision } from '../store/index.js';

export interface TextSpan {
  start: number;
  end: number;
}

export interface ClaimView {
  claim: Claim;
  /** "tagline", "description" or "Skeptic's quote". */
  where: string;
  /** The claim's words as they stood in the text the grounding pass checked. */
  words: string;
  /** Where those words are in the text as it stands now; null when they are no longer in it. */
  at: TextSpan | null;
  decision: ClaimDecision | null;
  /** Unsupported and undecided: approval waits for it. */
  open: boolean;
}

export interface GroundingView {
  /** null: the review was made before grounding existed. */
  mode: 'full' | 'deterministic' | null;
  /** Claims listed by a model and checked against the sources (mode 'full'). */
  checked: boolean;
  model: string | null;
  claims: ClaimView[];
  counts: { supported: number; unsupported: number; accepted: number; removed: number; open: number };
}

/** The text of a claim's field in `review`, or null when it has none (a persona that failed). */
export function fieldText(review: Review, claim: Pick<Claim, 'field' | 'personaId'>): string | null {
  if (claim.field === 'tagline') return review.tool.tagline;
  if (claim.field === 'description') return review.tool.description;
  return review.reviews.find((answer) => answer.persona === claim.personaId)?.quote ?? null;
}

export function claimPlace(review: Review, claim: Pick<Claim, 'field' | 'personaId'>): string {
  if (claim.field !== 'quote') return claim.field;
  const name = review.reviews.find((answer) => answer.persona === claim.personaId)?.name ?? claim.personaId ?? 'a persona';
  return `${name}'s quote`;
}

function validSpan(text: string, span: Claim['span']): span is TextSpan {
  return span != null && span.start >= 0 && span.start < span.end && span.end <= text.length;
}

/** Every index of `words` in `text`, the one nearest `near` first. */
function nearestIndex(text: string, words: string, near: number): number {
  let best = -1;
  for (let index = text.indexOf(words); index !== -1; index = text.indexOf(words, index + 1)) {
    if (best === -1 || Math.abs(index - near) < Math.abs(best - near)) best = index;
  }
  return best;
}

/** The claim's words and where they are now: the span itself while the text is unchanged. */
export function locateClaim(engineText: string | null, currentText: string | null, claim: Claim): { words: string; at: TextSpan | null } {
  const words = engineText != null && validSpan(engineText, claim.span) ? engineText.slice(claim.span.start, claim.span.end) : claim.text;
  if (currentText == null || words === '') return { words, at: null };
  if (currentText === engineText && validSpan(currentText, claim.span)) return { words, at: { start: claim.span.start, end: claim.span.end } };
  const index = nearestIndex(currentText, words, claim.span?.start ?? 0);
  return { words, at: index === -1 ? null : { start: index, end: index + words.length } };
}

export function buildGroundingView(engine: Review, current: Review, decisions: ReadonlyMap<string, ClaimDecision>): GroundingView {
  const grounding = current.grounding ?? engine.grounding;
  const claims = (grounding?.claims ?? []).map((claim): ClaimView => {
    const { words, at } = locateClaim(fieldText(engine, claim), fieldText(current, claim), claim);
    const decision = decisions.get(claim.id) ?? null;
    return { claim, where: claimPlace(current, claim), words, at, decision, open: claim.status === 'unsupported' && decision == null };
  });
  const unsupported = claims.filter((each) => each.claim.status === 'unsupported');
  return {
    mode: grounding?.mode ?? null,
    checked: grounding?.mode === 'full',
    model: grounding?.model ?? null,
    claims,
    counts: {
      supported: claims.length - unsupported.length,
      unsupported: unsupported.length,
      accepted: unsupported.filter((each) => each.decision?.action === 'accepted').length,
      removed: unsupported.filter((each) => each.decision?.action === 'removed').length,
      open: unsupported.filter((each) => each.open).length,
    },
  };
}

/** A piece of a field's text: plain, or the words of one claim. */
export interface TextPiece {
  text: string;
  claim: ClaimView | null;
}

/**
 * A field's current text cut at its claims' spans, in order. A claim overlapping one already
 * marked is left unmarked (it is still listed in the claims panel), so pieces never nest.
 */
export function markedPieces(text: string, claims: readonly ClaimView[]): TextPiece[] {
  const placed = claims
    .filter((each): each is ClaimView & { at: TextSpan } => each.at != null && each.at.end <= text.length)
    .sort((a, b) => a.at.start - b.at.start || b.at.end - a.at.end);
  const pieces: TextPiece[] = [];
  let cursor = 0;
  for (const each of placed) {
    if (each.at.start < cursor) continue;
    if (each.at.start > cursor) pieces.push({ text: text.slice(cursor, each.at.start), claim: null });
    pieces.push({ text: text.slice(each.at.start, each.at.end), claim: each });
    cursor = each.at.end;
  }
  if (cursor < text.length || pieces.length === 0) pieces.push({ text: text.slice(cursor), claim: null });
  return pieces;
}

/** The claims standing in one field (a persona's quote: that persona's). */
export function claimsIn(view: GroundingView, field: Claim['field'], personaId?: string): ClaimView[] {
  return view.claims.filter((each) => each.claim.field === field && (field !== 'quote' || each.claim.personaId === personaId));
}

/**
 * The text with the claim's words taken out, tidied (no doubled spaces, no space before
 * punctuation): what the removal form offers the editor to confirm or rewrite. Never saved
 * as it is without the editor sending it.
 */
export function withoutClaim(text: string, at: TextSpan): string {
  return (text.slice(0, at.start) + text.slice(at.end))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\s+([.,;:!?)])/g, '$1')
    .replace(/([(])\s+/g, '$1')
    .replace(/([.,;:!?])\1+/g, '$1')
    .trim();
}

/** Case and spacing aside, does `text` still contain `words`? */
export function stillContains(text: string, words: string): boolean {
  const squash = (value: string) => value.toLowerCase().replace(/\s+/g, ' ').trim();
  const needle = squash(words);
  return needle !== '' && squash(text).includes(needle);
}
