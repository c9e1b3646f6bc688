/**
 * The statistics of the calibration report, as small pure functions: Cohen's κ with a seeded
 * bootstrap interval, Pearson's r, the effective number of independent votes, a 10-point score
 * histogram, mean and SD. Pure so each is tested against known values.
 */

export type Random = () => number;

/**
 * SplitMix32-style generator (a 32-bit mix of a Weyl sequence): the bootstrap must give the same
 * interval on every run, and `Math.random` cannot be seeded.
 */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((total, value) => total + value, 0) / values.length;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sd(values: readonly number[]): number | null {
  const average = mean(values);
  if (average == null || values.length < 2) return null;
  const squares = values.reduce((total, value) => total + (value - average) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

/** Ten bins of 10 points: 0–9, 10–19, …, 80–89, 90–100 (a 100 falls in the last bin). */
export function histogram(scores: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const score of scores) {
    const bin = Math.min(9, Math.max(0, Math.floor(score / 10)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
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
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
    if (a === b) agree += 1;
  }
  const constantFirst = first.size === 1;
  const constantSecond = second.size === 1;
  if (constantFirst || constantSecond) {
    return { kind: 'constant', rater: constantFirst && constantSecond ? 'both' : constantFirst ? 'first' : 'second' };
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, count] of first) expected += (count / n) * ((second.get(label) ?? 0) / n);
  return { kind: 'value', kappa: (observed - expected) / (1 - expected) };
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

/** Linear interpolation between order statistics (type 7, R's default). */
export function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const lower = sorted[below] as number;
  const upper = sorted[Math.min(sorted.length - 1, below + 1)] as number;
  return lower + (upper - lower) * (position - below);
}

/** Pearson's r; null when either series is constant (or shorter than 2). */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  if (mx == null || my == null || xs.length !== ys.length || xs.length < 2) return null;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let index = 0; index < xs.length; index++) {
    const dx = (xs[index] as number) - mx;
    const dy = (ys[index] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Effective number of independent votes from an n×n correlation matrix (diagonal 1):
 * n_eff = n² / Σᵢⱼ ρᵢⱼ with every ρ clipped to ≥ 0. This is n divided by Kish's design effect
 * for correlated members, deff = 1 + (n − 1)·ρ̄ (Kish, *Survey Sampling*, 1965, ch. 5: deff of a cluster of m correlated members), with ρ̄
 * the mean off-diagonal correlation: identical voters give 1, independent ones n. Null when
 * any correlation is undefined.
 */
export function effectiveVotes(matrix: ReadonlyArray<ReadonlyArray<number | null>>): number | null {
  const n = matrix.length;
  if (n === 0) return null;
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = i === j ? 1 : matrix[i]?.[j];
      if (value == null) return null;
      total += Math.max(0, value);
    }
  }
  return (n * n) / total;
}
