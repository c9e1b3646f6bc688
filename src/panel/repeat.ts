/**
 * Repeat-N (issue 14): a persona asked N times with the same request gives N runs; the draft
 * keeps the median score (its verdict through the review's threshold), the quote of the run
 * closest to that median, and every run beside it. Judge scores vary between identical calls
 * even at temperature 0, so the median of several is the steadier reading. Pure.
 */
import { sumUsage } from '../providers/index.js';
import type { Failure, PersonaReview, PersonaRun, RunSpread, Verdict } from '../schemas.js';

/** Runs per persona: 1 (the default) to 9. */
export const MAX_REPEAT = 9;

/** The median of sorted or unsorted numbers (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Sample standard deviation (n − 1), 2 decimals; null for fewer than two values. */
export function sampleSd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return Math.round(Math.sqrt(variance) * 100) / 100;
}

type Answered = Extract<PersonaRun, { status: 'answered' }>;

/** One run's outcome as the panel got it, numbered from 1. */
export function asRun(run: number, result: PersonaReview | Failure, spec: string): PersonaRun {
  if ('score' in result) {
    return {
      run,
      status: 'answered',
      score: result.score,
      verdict: result.verdict,
      quote: result.quote,
      ...(result.confidence !== undefined ? { confidence: result.confidence } : {}),
      model: result.model,
      usage: result.usage,
      latencyMs: result.latencyMs,
      attempts: result.attempts,
    };
  }
  return { run, status: 'failed', model: result.model ?? spec, error: result.error, ...(result.usage ? { usage: result.usage } : {}) };
}

/**
 * The run whose quote is kept: of the runs whose verdict is the median's, the closest to the
 * median score (the earliest on a tie). One always exists: the middle run on the median's side
 * of the threshold has its verdict.
 */
function keptRun(answered: readonly Answered[], score: number, verdict: Verdict): Answered {
  const candidates = answered.filter((run) => run.verdict === verdict);
  const pool = candidates.length > 0 ? candidates : answered;
  return pool.reduce((best, run) => (Math.abs(run.score - score) < Math.abs(best.score - score) ? run : best));
}

/**
 * The persona's entry from its runs: a review over the runs that answered (with `runs` and
 * `spread`), or, when none answered, a failure listing every run. A single run is returned as
 * it came, without `runs` or `spread`, so a review without `--repeat` keeps its old shape.
 */
export function combineRuns(
  persona: { id: string; name: string },
  spec: string,
  results: ReadonlyArray<PersonaReview | Failure>,
  threshold: number,
): PersonaReview | Failure {
  if (results.length === 1) return results[0] as PersonaReview | Failure;
  const runs = results.map((result, index) => asRun(index + 1, result, spec));
  const answered = runs.filter((run): run is Answered => run.status === 'answered');
  const usage = sumUsage(runs.flatMap((run) => (run.usage ? [run.usage] : [])));
  if (answered.length === 0) {
    const first = runs[0] as Extract<PersonaRun, { status: 'failed' }>;
    return { persona: persona.id, model: spec, error: `all ${runs.length} runs failed; the first: ${first.error}`, usage, runs };
  }
  const scores = answered.map((run) => run.score);
  const score = Math.round(median(scores));
  const verdict: Verdict = score >= threshold ? 'ship' : 'skip';
  const kept = keptRun(answered, score, verdict);
  const confidences = answered.flatMap((run) => (run.confidence === undefined ? [] : [run.confidence]));
  const spread: RunSpread = {
    runs: runs.length,
    answered: answered.length,
    sd: sampleSd(scores),
    median: score,
    min: Math.min(...scores),
    max: Math.max(...scores),
    flipped: new Set(answered.map((run) => run.verdict)).size > 1,
    keptRun: kept.run,
  };
  return {
    persona: persona.id,
    name: persona.name,
    score,
    verdict,
    quote: kept.quote,
    ...(confidences.length > 0 ? { confidence: Math.round(median(confidences)) } : {}),
    model: spec,
    usage,
    latencyMs: Math.max(...answered.map((run) => run.latencyMs)),
    attempts: answered.reduce((sum, run) => sum + run.attempts, 0) + runs.length - answered.length,
    runs,
    spread,
  };
}
