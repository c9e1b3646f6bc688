/**
 * Editing one persona: the rules (score 0–100, verdict consistent with the score, a quote that
 * is a quote), and the commit every persona change shares with regeneration: a new revision,
 * the panel recomputed over the current answers, the usage total, one audit row.
 */
import { aggregateVerdict, DEFAULT_SHIP_THRESHOLD, verdictForScore } from '../aggregate/index.js';
import { UsageError } from '../errors.js';
import { DeskError } from './desk-errors.js';
import { sumUsage, zeroUsage } from '../providers/index.js';
import { Verdict, type Failure, type PersonaReview, type Review, type Usage } from '../schemas.js';
import { isAnswer, type NewRevision, type PersonaRevision, type Store } from '../store/index.js';
import type { EditChanges } from './desk-types.js';

/** `model` of an answer an editor wrote for a persona whose model failed: no model gave it. */
export const EDITOR_MODEL = 'editor';

/** The quote limit of a model answer (PersonaAnswer), so an edited quote fits the same page. */
const MAX_QUOTE_CHARS = 700;

/**
 * The ship line an edit of `review` is checked against: the one its panel used (stored with the
 * review since issue 13), not today's PANEL_SHIP_THRESHOLD, so a review drafted at 60 stays at 60.
 */
export function reviewThreshold(review: Pick<Review, 'shipThreshold'>): number {
  return review.shipThreshold ?? DEFAULT_SHIP_THRESHOLD;
}

function checkChanges(changes: EditChanges, persona: string): void {
  const { score, verdict, quote } = changes;
  if (score === undefined && verdict === undefined && quote === undefined) {
    throw new UsageError(`edit ${persona}: nothing to change (give a score, a verdict or a quote)`);
  }
  if (score !== undefined && (!Number.isInteger(score) || score < 0 || score > 100)) {
    throw new UsageError(`score must be a whole number from 0 to 100, got ${String(score)}`);
  }
  if (verdict !== undefined && !Verdict.safeParse(verdict).success) {
    throw new UsageError(`verdict must be "ship" or "skip", got "${String(verdict)}"`);
  }
  if (quote !== undefined && quote.trim() === '') throw new UsageError('quote must not be empty');
  if (quote !== undefined && quote.trim().length > MAX_QUOTE_CHARS) {
    throw new UsageError(`quote has ${quote.trim().length} characters; keep it to ${MAX_QUOTE_CHARS} (one to three sentences)`);
  }
}

/**
 * The persona's answer after the edit. A score alone carries the verdict with it (the
 * threshold decides); a verdict that disagrees with the (new) score is refused; a failed
 * persona is written from scratch and needs a score and a quote.
 */
export function editedEntry(
  current: PersonaReview | Failure,
  changes: EditChanges,
  context: { threshold: number; name: string },
): PersonaReview {
  const persona = current.persona;
  checkChanges(changes, persona);
  const quote = changes.quote?.trim();
  if (!isAnswer(current) && (changes.score === undefined || quote === undefined)) {
    throw new UsageError(`${persona} has no answer (its model failed): writing it needs both a score and a quote`);
  }
  const score = changes.score ?? (current as PersonaReview).score;
  const verdict = changes.verdict ?? (changes.score === undefined && isAnswer(current) ? current.verdict : verdictForScore(score, context.threshold));
  if (verdict !== verdictForScore(score, context.threshold)) {
    throw new UsageError(
      `verdict "${verdict}" disagrees with score ${score}: on this panel ${context.threshold} or more is ship, below is skip (change the score, or leave the verdict out)`,
    );
  }
  if (isAnswer(current) && verdict !== current.verdict && quote === undefined && changes.keepQuote !== true) {
    throw new QuoteNeededError({ persona, name: current.name, score, verdict, was: current.verdict, threshold: context.threshold });
  }
  if (!isAnswer(current)) {
    return { persona, name: context.name, score, verdict, quote: quote as string, model: EDITOR_MODEL, usage: zeroUsage(), latencyMs: 0, attempts: 1 };
  }
  const next = { ...current, score, verdict, quote: quote ?? current.quote };
  if (next.score === current.score && next.verdict === current.verdict && next.quote === current.quote) {
    throw new UsageError(`edit changes nothing: ${current.name} is already ${score} · ${verdict} with that quote`);
  }
  return next;
}

/**
 * A score edit that moves a persona across the ship line while its quote still argues the old
 * verdict: the editor rewrites the quote or says to keep it (CLI `--quote`/`--keep-quote`, the
 * web form's question). Bad input (exit 2, 400); the fields let the page ask the question.
 */
export class QuoteNeededError extends UsageError {
  constructor(readonly crossing: { persona: string; name: string; score: number; verdict: Verdict; was: Verdict; threshold: number }) {
    super(
      `score ${crossing.score} moves ${crossing.name} across the ship line (${crossing.threshold}) from ${crossing.was} to ${crossing.verdict}, but its quote was written for ${crossing.was}: ` +
        'rewrite it with --quote "…" or keep it with --keep-quote',
    );
  }
}

/** What an answer or failure looked like, for audit details: small and readable. */
export function entrySnapshot(entry: PersonaReview | Failure): Record<string, unknown> {
  return isAnswer(entry)
    ? { score: entry.score, verdict: entry.verdict, quote: entry.quote, model: entry.model }
    : { failed: entry.error, ...(entry.model ? { model: entry.model } : {}) };
}

export interface PersonaChange {
  /** The editor acting (also the author of the revision). */
  actor: string;
  revision: Omit<NewRevision, 'reviewId' | 'at'> | null;
  /** Usage spent by this change, added to the review's total. */
  spent?: Usage | undefined;
  audit: { action: string; detail: Record<string, unknown> };
}

/**
 * Writes a persona change: its revision (if any), the recomputed panel and usage, and the
 * audit row. Call inside `store.write`, after the checks, so all of it commits together.
 */
export function commitPersonaChange(store: Store, reviewId: string, at: string, change: PersonaChange): PersonaRevision | null {
  const added = change.revision ? store.addRevision({ ...change.revision, reviewId, at }) : null;
  const current = store.currentRevisions([reviewId]).get(reviewId) ?? [];
  const answers = current.flatMap((revision) => (isAnswer(revision.entry) ? [revision.entry] : []));
  const review = store.getReview(reviewId);
  if (review == null) throw new DeskError('not-found', `review ${reviewId} no longer exists`);
  const usage = change.spent ? sumUsage([review.usage, change.spent]) : review.usage;
  store.setPanel(reviewId, { panel: aggregateVerdict(answers, current.length), usage, at });
  store.appendAudit({
    reviewId,
    at,
    actor: change.actor,
    action: change.audit.action,
    detail: { ...change.audit.detail, ...(added ? { revision: added.revision } : {}) },
  });
  return added;
}
