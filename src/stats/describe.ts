/**
 * Small pure statistics shared by the stages that judge the panel (eval, calibrate): mean, SD,
 * agreement, a 10-point histogram, quantiles, Pearson's r, the effective number of votes and a
 * seedable generator. Every function returns null where the figure is undefined (no data, no
 * variation) rather than a NaN a caller might print as a number.
 */
/** Arithmetic mean; null for an empty sample. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n − 1); null below two values. */
export function sd(values: readonly number[]): number | null {
  const centre = mean(values);
  if (centre == null || values.length < 2) return null;
  const squares = values.reduce((sum, value) => sum + (value - centre) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}

export function requirePaired(a: readonly unknown[], b: readonly unknown[]): void {
  // A length mismatch is a programming error (the caller paired the wrong lists), not data.
  if (a.length !== b.length) throw new Error(`stats: paired labels differ in length (${a.length} vs ${b.length})`);
}

/** Share of pairs with the same label, 0..1; null for no pairs. */
export function agreement<T>(a: readonly T[], b: readonly T[]): number | null {
  requirePaired(a, b);
  if (a.length === 0) return null;
  return a.filter((label, index) => label === b[index]).length / a.length;
}



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

/** Ten bins of 10 points: 0–9, 10–19, …, 80–89, 90–100 (a 100 falls in the last bin). */
export function histogram(scores: readonly number[]): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const score of scores) {
    const bin = Math.min(9, Math.max(0, Math.floor(score / 10)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  return bins;
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
