/** The shared stats: κ against worked examples, its undefined cases, and mean/SD. */
import { describe, expect, it } from 'vitest';
import { agreement, cohensKappa, mean, sd } from '../../src/stats/index.js';

const repeat = <T>(label: T, times: number): T[] => Array.from({ length: times }, () => label);

describe('cohensKappa', () => {
  it("reproduces Wikipedia's worked example (50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → κ 0.4)", () => {
    const a = [...repeat('yes', 25), ...repeat('no', 25)];
    const b = [...repeat('yes', 20), ...repeat('no', 5), ...repeat('yes', 10), ...repeat('no', 15)];
    const parts = cohensKappa(a, b);
    expect(parts?.observed).toBeCloseTo(0.7, 12);
    expect(parts?.expected).toBeCloseTo(0.5, 12);
    expect(parts?.kappa).toBeCloseTo(0.4, 12);
    // √(0.7 · 0.3 / (50 · 0.5²))
    expect(parts?.standardError).toBeCloseTo(Math.sqrt(0.21 / 12.5), 12);
  });

  it('is 1 for perfect agreement, about 0 for chance agreement, negative for systematic disagreement', () => {
    expect(cohensKappa(['ship', 'skip', 'ship'], ['ship', 'skip', 'ship'])?.kappa).toBe(1);
    // Rater b agrees on half of each of a's labels: exactly chance.
    expect(cohensKappa(['ship', 'ship', 'skip', 'skip'], ['ship', 'skip', 'ship', 'skip'])?.kappa).toBeCloseTo(0, 12);
    expect(cohensKappa(['ship', 'skip'], ['skip', 'ship'])?.kappa).toBe(-1);
  });

  it('handles three categories', () => {
    // po = 3/6; pe = (2/6·2/6)·3 = 1/3 → κ = (1/2 − 1/3) / (2/3) = 0.25
    expect(cohensKappa(['a', 'a', 'b', 'b', 'c', 'c'], ['a', 'b', 'b', 'c', 'c', 'a'])?.kappa).toBeCloseTo(0.25, 12);
  });

  it('returns null κ when both raters used one and the same label throughout, and null for no items', () => {
    const same = cohensKappa(['ship', 'ship'], ['ship', 'ship']);
    expect(same).toMatchObject({ n: 2, observed: 1, expected: 1, kappa: null, standardError: null });
    // One rater constant, the other not: p_e < 1, κ is defined (0: no information).
    expect(cohensKappa(['ship', 'ship'], ['ship', 'skip'])?.kappa).toBeCloseTo(0, 12);
    expect(cohensKappa([], [])).toBeNull();
  });

  it('refuses lists of different lengths (a pairing bug, not data)', () => {
    expect(() => cohensKappa(['ship'], [])).toThrow(/differ in length/);
    expect(() => agreement(['ship'], [])).toThrow(/differ in length/);
  });
});

describe('agreement, mean and sd', () => {
  it('computes them, with null where they are undefined', () => {
    expect(agreement(['a', 'b', 'b', 'a'], ['a', 'b', 'a', 'a'])).toBe(0.75);
    expect(agreement([], [])).toBeNull();
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBeNull();
    // Sample SD of 2, 4, 4, 4, 5, 5, 7, 9: variance 32/7.
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(sd([5])).toBeNull();
  });
});
