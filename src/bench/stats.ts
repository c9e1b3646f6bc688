/** The arithmetic of the figures: small pure functions, tested on tiny inputs. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/**
 * The p-th percentile by linear interpolation between closest ranks (p50 of [1, 2, 3, 4] is
 * 2.5, p90 of 1..10 is 9.1). NaN for no values.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** Rounds for display and JSON: figures are not more precise than the run that made them. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The simulator's (and the batch limiter's) token estimate: ceil(characters / 4). */
export const estimateTokens = (chars: number): number => Math.ceil(chars / 4);
