/**
 * The panel verdict, exactly as the spec defines it (and as the reference pages show it):
 * ship/skip counts, round(100·ship/n), majority verdict, "Ship · 3 ship / 1 skip" label, mean.
 * Pure functions; the golden test replays shared/reference/panels.json through them.
 */
import type { Panel, Verdict } from '../schemas.js';

export const DEFAULT_SHIP_THRESHOLD = 50;

/** The verdict a score implies: ship iff score >= threshold. */
export function verdictForScore(score: number, threshold = DEFAULT_SHIP_THRESHOLD): Verdict {
  return score >= threshold ? 'ship' : 'skip';
}

/** Issues when a persona's score and verdict disagree (such an answer is re-asked). */
export function scoreVerdictIssues(
  answer: { score: number; verdict: Verdict },
  threshold = DEFAULT_SHIP_THRESHOLD,
): string[] {
  const expected = verdictForScore(answer.score, threshold);
  if (answer.verdict === expected) return [];
  return [
    `verdict "${answer.verdict}" disagrees with score ${answer.score}: on this panel a score of ${threshold} or more is "ship", below is "skip"`,
  ];
}

const LABEL_WORD = { ship: 'Ship', skip: 'Skip', mixed: 'Mixed' } as const;

/** The label of a panel no persona answered: it has no verdict, and no count to show. */
export const NO_VERDICT_LABEL = 'No verdict';

export function panelLabel(verdict: Panel['verdict'], ship: number, skip: number): string {
  if (verdict == null) return NO_VERDICT_LABEL;
  return `${LABEL_WORD[verdict]} · ${ship} ship / ${skip} skip`;
}

/**
 * Aggregates the answers that exist. `expected` is the panel size: fewer answers (a failed
 * persona) make the panel incomplete, computed over the answers given, never filled in. With
 * no answer at all there is no verdict, ship share or mean (null): none was given.
 */
export function aggregateVerdict(
  reviews: ReadonlyArray<{ score: number; verdict: Verdict }>,
  expected: number = reviews.length,
): Panel {
  const ship = reviews.filter((review) => review.verdict === 'ship').length;
  const skip = reviews.length - ship;
  const total = reviews.reduce((sum, review) => sum + review.score, 0);
  const answered = reviews.length > 0;
  const verdict: Panel['verdict'] = !answered ? null : ship > skip ? 'ship' : skip > ship ? 'skip' : 'mixed';
  return {
    verdict,
    label: panelLabel(verdict, ship, skip),
    ship,
    skip,
    shipPercent: answered ? Math.round((100 * ship) / reviews.length) : null,
    meanScore: answered ? Math.round((total / reviews.length) * 100) / 100 : null,
    complete: answered && reviews.length === expected,
  };
}
