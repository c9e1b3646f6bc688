/**
 * Issue 14 on the terminal: a persona's confidence, the spread of its repeated runs, and the
 * draft's routing. Shared by the `review` summary and `drafts show`. Pure.
 */
import type { PersonaReview, Review } from '../schemas.js';
import { terminalLine as clean } from '../terminal-text.js';

/** ` · confidence 72`, or nothing when the persona gave none. */
export function confidenceText(entry: PersonaReview): string {
  return entry.confidence === undefined ? '' : ` · confidence ${entry.confidence}`;
}

/** "SD 12.58 · 41–66", the spread in short (the desk card uses the same words). */
export function spreadText(spread: NonNullable<PersonaReview['spread']>): string {
  return `SD ${spread.sd ?? '—'} · min–max ${spread.min}–${spread.max}`;
}

/** Lines under a repeated persona: each run's score, the spread, a flip, failed runs. */
export function spreadLines(entry: PersonaReview, indent = '      '): string[] {
  const { spread, runs } = entry;
  if (spread == null || runs == null) return [];
  const scores = runs.map((run) => (run.status === 'answered' ? `${run.score} ${run.verdict}` : 'failed')).join(', ');
  const head =
    `${indent}${spread.runs} runs (${scores}): median ${spread.median} · ${spreadText(spread)} · quote of run ${spread.keptRun}` +
    (spread.flipped ? ' · verdict flipped between runs' : '');
  const failed = runs.flatMap((run) => (run.status === 'failed' ? [`${indent}run ${run.run} failed: ${clean(run.error)}`] : []));
  return [head, ...failed];
}

/** "Attention: routine", or "Needs attention:" with one line per reason; nothing on older reviews. */
export function routingLines(review: Review): string[] {
  const routing = review.routing;
  if (routing == null) return [];
  if (routing.attention === 'routine') return ['Attention: routine (confident, stable, no flags; an editor still approves)'];
  return ['Needs attention:', ...routing.reasons.map((reason) => `  ${clean(reason)}`)];
}
