/**
 * Confidence routing (issue 14): a draft is `routine` only when nothing about it asks for a
 * closer look — every persona answered, confidently, the same way on every run, no claim or
 * page flag stands, and each persona's answer fits what its calibration history says about
 * it. Everything else is `needs-attention`, with one short reason per finding. It orders the
 * queue; it never approves anything: only an editor publishes.
 */
import type { CalibrationHistory } from '../calibrate/index.js';
import type { PersonaReview, Review, Routing } from '../schemas.js';

// The history's shape is the calibration stage's (src/calibrate/types.ts); the engine builds it
// once per store (`engine.calibration()`).
export type { CalibrationHistory, PersonaHistory } from '../calibrate/index.js';

export interface RoutingLimits {
  /** A persona below this self-rated confidence (or with none) needs attention. */
  minConfidence: number;
  /** A repeated persona whose score SD is above this is unstable. */
  maxScoreSd: number;
  /** A history's score band is used only when it rests on at least this many reviews. */
  minHistoryReviews: number;
}

export const DEFAULT_ROUTING_LIMITS: Readonly<RoutingLimits> = Object.freeze({ minConfidence: 60, maxScoreSd: 10, minHistoryReviews: 20 });

/** Flags that always need an editor: a claim no source supports, a page that tried to instruct the panel. */
const ATTENTION_FLAGS = new Set(['unsupported-claim', 'prompt-injection']);

function stabilityReasons(entry: PersonaReview, limits: RoutingLimits): string[] {
  const spread = entry.spread;
  // One run shows no instability; it is not evidence of stability either, but there is
  // nothing to flag (the README says so).
  if (spread == null) return [];
  const reasons: string[] = [];
  const who = entry.persona;
  if (spread.flipped) {
    const ships = (entry.runs ?? []).filter((run) => run.status === 'answered' && run.verdict === 'ship').length;
    reasons.push(`${who}: verdict flipped between runs (${ships} ship / ${spread.answered - ships} skip)`);
  }
  if (spread.sd != null && spread.sd > limits.maxScoreSd) {
    reasons.push(`${who}: score SD ${spread.sd} over ${spread.answered} runs, above ${limits.maxScoreSd}`);
  }
  if (spread.answered < spread.runs) reasons.push(`${who}: ${spread.runs - spread.answered} of ${spread.runs} runs failed`);
  return reasons;
}

function historyReasons(entry: PersonaReview, history: CalibrationHistory, limits: RoutingLimits): string[] {
  const known = history(entry.persona, entry.model);
  // No history for this persona on this model: nothing to be inconsistent with.
  if (known == null) return [];
  const reasons: string[] = [];
  if (known.outOfBand) {
    const rate = known.shipRate == null ? '' : ` (ship rate ${Math.round(known.shipRate * 100)}%)`;
    reasons.push(`${entry.persona}: out of its calibration band on ${entry.model}${rate}`);
  }
  if (known.reviews >= limits.minHistoryReviews && known.meanScore != null && known.sdScore != null) {
    const low = known.meanScore - 2 * known.sdScore;
    const high = known.meanScore + 2 * known.sdScore;
    if (entry.score < low || entry.score > high) {
      reasons.push(`${entry.persona}: score ${entry.score} outside its usual ${Math.round(low)}–${Math.round(high)} (mean ± 2 SD of ${known.reviews} reviews)`);
    }
  }
  return reasons;
}

/** `routine` or `needs-attention`, with the reasons; pure (same review, same history → same routing). */
export function routeDraft(review: Review, history?: CalibrationHistory, limits: RoutingLimits = DEFAULT_ROUTING_LIMITS): Routing {
  const reasons: string[] = [];
  for (const failure of review.failures) reasons.push(`${failure.persona}: failed, no answer`);
  if (review.reviews.length === 0 && review.failures.length === 0) reasons.push('no persona answered');
  for (const entry of review.reviews) {
    if (entry.confidence === undefined) reasons.push(`${entry.persona}: no confidence given`);
    else if (entry.confidence < limits.minConfidence) reasons.push(`${entry.persona}: confidence ${entry.confidence} below ${limits.minConfidence}`);
    reasons.push(...stabilityReasons(entry, limits));
    if (history) reasons.push(...historyReasons(entry, history, limits));
  }
  const flagged = new Map<string, number>();
  for (const flag of review.flags) if (ATTENTION_FLAGS.has(flag.kind)) flagged.set(flag.kind, (flagged.get(flag.kind) ?? 0) + 1);
  for (const [kind, count] of flagged) reasons.push(`${count} ${kind} flag${count === 1 ? '' : 's'}`);
  return { attention: reasons.length === 0 ? 'routine' : 'needs-attention', reasons };
}
