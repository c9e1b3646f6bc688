/**
 * Seeded persona behaviour (issue 14): the simulator can be told a persona's ship rate and
 * how much its score varies between runs of the same prompt, so calibration, repeat-N and
 * eval have a known truth to recover. Off unless `SimulatorOptions.personaBias` is given: by
 * default the same prompt always gets the same answer.
 */
import { hashText, seededRandom, type Random } from './random.js';

export interface PersonaBias {
  /**
   * Applies to persona-answer requests whose prompt text contains this (case-sensitive), e.g.
   * `Persona: Futurist` or a phrase a changed persona file introduces; '' matches every
   * persona. The first matching entry wins.
   */
  match: string;
  /** Probability 0..1 that the persona's underlying call on a tool is ship (default 0.5). */
  shipRate?: number;
  /**
   * Standard deviation, in score points, of the run-to-run noise added to the underlying
   * score; each repeat of an identical prompt draws its own (seeded by prompt and run number).
   * 0 (default): every run of a prompt answers the same.
   */
  noise?: number;
}

/** What one answer is generated with: the matching bias and which run of its prompt this is. */
export interface AnswerTuning {
  bias: PersonaBias;
  /** 0 for the first request with this exact prompt text, 1 for the second… */
  occurrence: number;
}

/** Enough to tell repeats apart in any test or benchmark, bounded so memory stays flat. */
const OCCURRENCE_KEYS = 10_000;

/** One per simulator: counts identical prompts so repeats are told apart deterministically. */
export function createAnswerTuner(biases: readonly PersonaBias[] | undefined): (promptText: string) => AnswerTuning | undefined {
  const seen = new Map<number, number>();
  return (promptText) => {
    const bias = biases?.find((entry) => promptText.includes(entry.match));
    if (bias === undefined) return undefined;
    const key = hashText(promptText);
    const occurrence = seen.get(key) ?? 0;
    if (seen.size >= OCCURRENCE_KEYS && !seen.has(key)) seen.clear();
    seen.set(key, occurrence + 1);
    return { bias, occurrence };
  };
}

/**
 * A biased persona score: the tool's underlying call is drawn from the prompt seed (so a tool
 * keeps its call across runs), the run's noise from the prompt and run number.
 */
export function tunedScore(random: Random, promptText: string, tuning: AnswerTuning): number {
  const shipRate = Math.min(1, Math.max(0, tuning.bias.shipRate ?? 0.5));
  const ships = random() < shipRate;
  const base = ships ? 55 + Math.floor(random() * 38) : 20 + Math.floor(random() * 26);
  const noise = tuning.bias.noise ?? 0;
  if (noise <= 0) return base;
  const run = seededRandom(hashText(`${promptText}\u0000run ${tuning.occurrence}`));
  return Math.min(100, Math.max(0, Math.round(base + noise * normal(run))));
}

/** Box–Muller: one standard normal draw. */
function normal(random: Random): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * A self-rated confidence (0–100) that follows the score's distance from the ship line, as a
 * calibrated model's would: a 90 or a 20 is said with more confidence than a 52.
 */
export function simulatedConfidence(score: number, random: Random): number {
  const distance = Math.abs(score - 50);
  return Math.min(98, Math.max(20, Math.round(45 + distance * 1.3 + (random() - 0.5) * 10)));
}
