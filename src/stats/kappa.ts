/**
 * Cohen's κ between two raters' categorical labels: the parts with Cohen's standard error
 * (eval's side-by-side figures) and, for the calibration report, an outcome that tells a
 * constant rater apart, with a seeded percentile bootstrap interval.
 */
import { quantile, requirePaired, seeded } from './describe.js';

/** Observed agreement, chance agreement and κ of two raters over the same items. */
export interface KappaParts {
  n: number;
  /** Observed agreement p_o. */
  observed: number;
  /** Agreement expected by chance from each rater's own label rates, p_e. */
  expected: number;
  /** (p_o − p_e) / (1 − p_e); null when p_e = 1 (both raters gave one and the same label throughout). */
  kappa: number | null;
  /**
   * Cohen's (1960) large-sample standard error √(p_o(1 − p_o) / (n(1 − p_e)²)): a rough width
   * for κ, honest only from a few dozen items on; null where κ is.
   */
  standardError: number | null;
}

/** Cohen's κ for categorical labels (any number of categories); null for no pairs. */
export function cohensKappa<T>(a: readonly T[], b: readonly T[]): KappaParts | null {
  requirePaired(a, b);
  const n = a.length;
  if (n === 0) return null;
  const countsA = new Map<T, number>();
  const countsB = new Map<T, number>();
  let same = 0;
  a.forEach((label, index) => {
    const other = b[index] as T;
    countsA.set(label, (countsA.get(label) ?? 0) + 1);
    countsB.set(other, (countsB.get(other) ?? 0) + 1);
    if (label === other) same++;
  });
  const observed = same / n;
  let expected = 0;
  for (const [label, count] of countsA) expected += (count / n) * ((countsB.get(label) ?? 0) / n);
  // Rounding can leave p_e a hair above or below 1 when a single label was used throughout.
  if (expected > 1 - 1e-12) return { n, observed, expected: 1, kappa: null, standardError: null };
  const kappa = (observed - expected) / (1 - expected);
  const standardError = Math.sqrt((observed * (1 - observed)) / (n * (1 - expected) ** 2));
  return { n, observed, expected, kappa, standardError };
}

export type KappaOutcome =
  | { kind: 'value'; kappa: number }
  /** One rater gave the same label every time: chance agreement cannot be told from agreement. */
  | { kind: 'constant'; rater: 'first' | 'second' | 'both' }
  | { kind: 'empty' };

/**
 * Cohen's κ = (p_o − p_e) / (1 − p_e) over paired labels (any number of categories). When a
 * rater is constant, κ is 0 or 0/0 whatever the agreement, so it is reported as undefined
 * rather than as a number that says nothing.
 */
export function cohenKappa(pairs: ReadonlyArray<readonly [string, string]>): KappaOutcome {
  const n = pairs.length;
  if (n === 0) return { kind: 'empty' };
  const first = pairs.map((pair) => pair[0]);
  const second = pairs.map((pair) => pair[1]);
  const constantFirst = new Set(first).size === 1;
  const constantSecond = new Set(second).size === 1;
  if (constantFirst || constantSecond) {
    return { kind: 'constant', rater: constantFirst && constantSecond ? 'both' : constantFirst ? 'first' : 'second' };
  }
  // Neither rater is constant, so p_e < 1 and κ is a number.
  return { kind: 'value', kappa: cohensKappa(first, second)?.kappa ?? 0 };
}

export interface BootstrapInterval {
  low: number;
  high: number;
  /** Resamples whose κ was defined (a resample can draw one label only). */
  valid: number;
}

/**
 * Percentile bootstrap 95% interval of κ: `resamples` draws of n pairs with replacement, each
 * with its own κ; resamples where κ is undefined are left out, and when more than half are,
 * there is no interval (null).
 */
export function bootstrapKappa(
  pairs: ReadonlyArray<readonly [string, string]>,
  options: { resamples: number; seed: number },
): BootstrapInterval | null {
  const n = pairs.length;
  if (n === 0 || options.resamples <= 0) return null;
  const random = seeded(options.seed);
  const values: number[] = [];
  const sample: Array<readonly [string, string]> = new Array(n);
  for (let draw = 0; draw < options.resamples; draw++) {
    for (let index = 0; index < n; index++) sample[index] = pairs[Math.floor(random() * n)] as readonly [string, string];
    const outcome = cohenKappa(sample);
    if (outcome.kind === 'value') values.push(outcome.kappa);
  }
  if (values.length * 2 < options.resamples) return null;
  values.sort((a, b) => a - b);
  return { low: quantile(values, 0.025), high: quantile(values, 0.975), valid: values.length };
}

