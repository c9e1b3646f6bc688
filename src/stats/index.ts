/**
 * Small pure statistics shared by the stages that judge the panel (eval, calibrate): agreement
 * and Cohen's κ between two raters' categorical labels, and the mean and SD of a sample. Every
 * function returns null where the figure is undefined (no data, or κ with no variation at
 * all) rather than a NaN a caller might print as a number.
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

function requirePaired(a: readonly unknown[], b: readonly unknown[]): void {
  // A length mismatch is a programming error (the caller paired the wrong lists), not data.
  if (a.length !== b.length) throw new Error(`stats: paired labels differ in length (${a.length} vs ${b.length})`);
}

/** Share of pairs with the same label, 0..1; null for no pairs. */
export function agreement<T>(a: readonly T[], b: readonly T[]): number | null {
  requirePaired(a, b);
  if (a.length === 0) return null;
  return a.filter((label, index) => label === b[index]).length / a.length;
}

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
