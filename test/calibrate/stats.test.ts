/** The report's statistics against known values: κ from textbook tables, the bootstrap's determinism, n_eff's limits, histogram bins. */
import { describe, expect, it } from 'vitest';
import { bootstrapKappa, cohenKappa, effectiveVotes, histogram, pearson, sd } from '../../src/stats/index.js';

/** Paired labels from a 2×2 table: [yes/yes, yes/no, no/yes, no/no]. */
function table([yy, yn, ny, nn]: readonly [number, number, number, number]): Array<readonly [string, string]> {
  const repeat = (n: number, pair: readonly [string, string]) => Array.from({ length: n }, () => pair);
  return [...repeat(yy, ['yes', 'yes']), ...repeat(yn, ['yes', 'no']), ...repeat(ny, ['no', 'yes']), ...repeat(nn, ['no', 'no'])];
}

const kappaOf = (pairs: Array<readonly [string, string]>) => {
  const outcome = cohenKappa(pairs);
  if (outcome.kind !== 'value') throw new Error(`κ is ${outcome.kind}`);
  return outcome.kappa;
};

describe('Cohen κ', () => {
  it('matches the textbook 2×2 examples (Wikipedia, "Cohen\'s kappa")', () => {
    // 50 proposals, two readers: p_o = 0.7, p_e = 0.5 → κ = 0.4.
    expect(kappaOf(table([20, 5, 10, 15]))).toBeCloseTo(0.4, 10);
    // Same p_o = 0.60, different marginals: κ 0.1304 and 0.2593.
    expect(kappaOf(table([45, 15, 25, 15]))).toBeCloseTo(0.1304, 4);
    expect(kappaOf(table([25, 35, 5, 35]))).toBeCloseTo(0.2593, 4);
  });

  it('handles three categories, perfect and chance agreement', () => {
    // 3×3 table by hand: p_o = 0.7, p_e = (0.4·0.4 + 0.3·0.3 + 0.3·0.3) = 0.34 → κ = 0.36/0.66.
    const pairs: Array<readonly [string, string]> = [
      ...Array.from({ length: 3 }, () => ['ship', 'ship'] as const),
      ['ship', 'skip'],
      ['skip', 'ship'],
      ...Array.from({ length: 2 }, () => ['skip', 'skip'] as const),
      ['mixed', 'skip'],
      ...Array.from({ length: 2 }, () => ['mixed', 'mixed'] as const),
    ];
    // Marginals: first 4/3/3 (ship/skip/mixed), second 4/4/2 — recompute p_e for the assertion.
    const expected = (0.7 - (0.4 * 0.4 + 0.3 * 0.4 + 0.3 * 0.2)) / (1 - (0.4 * 0.4 + 0.3 * 0.4 + 0.3 * 0.2));
    expect(kappaOf(pairs)).toBeCloseTo(expected, 10);
    expect(kappaOf(table([10, 0, 0, 10]))).toBe(1);
    expect(kappaOf(table([5, 5, 5, 5]))).toBeCloseTo(0, 10);
  });

  it('is undefined, not 0, when a rater gave one label only', () => {
    expect(cohenKappa(table([10, 5, 0, 0]))).toEqual({ kind: 'constant', rater: 'first' });
    expect(cohenKappa(table([10, 0, 5, 0]))).toEqual({ kind: 'constant', rater: 'second' });
    expect(cohenKappa(table([10, 0, 0, 0]))).toEqual({ kind: 'constant', rater: 'both' });
    expect(cohenKappa([])).toEqual({ kind: 'empty' });
  });
});

describe('bootstrap interval', () => {
  const pairs = table([20, 5, 10, 15]);

  it('is deterministic for a seed, differs for another, and brackets the estimate', () => {
    const first = bootstrapKappa(pairs, { resamples: 2000, seed: 14 });
    const again = bootstrapKappa(pairs, { resamples: 2000, seed: 14 });
    const other = bootstrapKappa(pairs, { resamples: 2000, seed: 15 });
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(first?.low).toBeLessThan(0.4);
    expect(first?.high).toBeGreaterThan(0.4);
    // n = 50: the standard error of κ is ~0.13, so the 95% interval is ~0.5 wide.
    expect((first?.high ?? 0) - (first?.low ?? 0)).toBeGreaterThan(0.3);
    expect((first?.high ?? 0) - (first?.low ?? 0)).toBeLessThan(0.7);
    expect(first?.valid).toBe(2000);
  });

  it('gives no interval when most resamples draw one label', () => {
    // One "yes" in 40: a resample misses it about 36% of the time, so ~64% are defined.
    expect(bootstrapKappa(table([1, 0, 0, 39]), { resamples: 500, seed: 1 })?.valid).toBeGreaterThan(250);
    // The second reader never says yes: no resample is defined.
    expect(bootstrapKappa(table([0, 1, 0, 39]), { resamples: 500, seed: 1 })).toBeNull();
  });
});

describe('effective votes and correlation', () => {
  it('n for the identity matrix, 1 for all ones, clips negative ρ at 0', () => {
    const identity = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0)));
    expect(effectiveVotes(identity)).toBe(4);
    expect(effectiveVotes([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]])).toBe(1);
    expect(effectiveVotes([[1, -0.5], [-0.5, 1]])).toBe(2);
    // Equicorrelated ρ = 0.5, n = 4: 16 / (4 + 12·0.5) = 1.6.
    expect(effectiveVotes([0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => (i === j ? 1 : 0.5))))).toBeCloseTo(1.6, 10);
    expect(effectiveVotes([[1, null], [null, 1]])).toBeNull();
  });

  it('Pearson r on known series; null for a constant one', () => {
    expect(pearson([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
  });
});

describe('histogram', () => {
  it('puts scores in 10-point bins, 100 in the last', () => {
    expect(histogram([0, 9, 10, 19, 49, 50, 89, 90, 99, 100])).toEqual([2, 2, 0, 0, 1, 1, 0, 0, 1, 3]);
  });
});
