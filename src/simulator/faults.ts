/**
 * Decides, per request, whether to answer or to fail, and how: scripted one-shot faults first
 * (tests want "the next OpenAI call gets a 429"), then the rate limit, then seeded random faults
 * (benchmarks want "5% 429s", reproducibly).
 */
import { seededRandom, type Random } from './random.js';
import type { FaultKind, RandomFault, ScriptedFault, SimulatedProvider } from './types.js';

/** Fixed order, so a seed gives the same faults whatever order the options were written in. */
const RANDOM_FAULTS: readonly RandomFault[] = [
  'rate429',
  'server500',
  'overloaded529',
  'malformedJson',
  'invalidAnswer',
  'hang',
];
const WINDOW_MS = 60_000;

export interface FaultPlan {
  faults?: Partial<Record<RandomFault, number>>;
  script?: ScriptedFault[];
  seed?: number;
  rateLimit?: { requestsPerMinute: number };
  retryAfterSeconds?: number;
}

export type FaultDecision =
  | { kind: FaultKind; retryAfterMs: number | undefined }
  /** Over the configured requests-per-minute: a 429 whose retry-after is when a slot frees. */
  | { kind: 'rateLimited'; retryAfterMs: number };

export class FaultPlanner {
  private readonly random: Random;
  private readonly script: ScriptedFault[];
  private readonly windows = new Map<SimulatedProvider, number[]>();

  constructor(private readonly plan: FaultPlan) {
    this.random = seededRandom(plan.seed ?? 1);
    this.script = [...(plan.script ?? [])];
  }

  /** The fault for this request, or undefined to answer normally. */
  decide(provider: SimulatedProvider, now: number): FaultDecision | undefined {
    const scripted = this.takeScripted(provider);
    if (scripted !== undefined) {
      const fallback = scripted.fault === 'rate429' ? this.defaultRetryAfter() : undefined;
      const seconds = scripted.retryAfterSeconds ?? fallback;
      return { kind: scripted.fault, retryAfterMs: seconds === undefined ? undefined : seconds * 1000 };
    }
    const waitMs = this.waitFor(provider, now);
    if (waitMs !== undefined) return { kind: 'rateLimited', retryAfterMs: waitMs };
    const fault = this.drawRandom();
    // An injected 429 is a refusal, like the limit's own, so it takes no slot; anything else
    // (5xx included) reached the "model" and counts, as it would against a real quota.
    if (fault !== 'rate429' && this.plan.rateLimit !== undefined) this.windows.get(provider)?.push(now);
    if (fault === undefined) return undefined;
    return { kind: fault, retryAfterMs: fault === 'rate429' ? this.defaultRetryAfter() * 1000 : undefined };
  }

  private takeScripted(provider: SimulatedProvider): ScriptedFault | undefined {
    const index = this.script.findIndex((entry) => entry.provider === undefined || entry.provider === provider);
    return index === -1 ? undefined : this.script.splice(index, 1)[0];
  }

  /** Sliding 60 s window per provider: the wait in ms until a slot frees, if none is free. */
  private waitFor(provider: SimulatedProvider, now: number): number | undefined {
    if (this.plan.rateLimit === undefined) return undefined;
    const window = (this.windows.get(provider) ?? []).filter((time) => time > now - WINDOW_MS);
    this.windows.set(provider, window);
    const limit = this.plan.rateLimit?.requestsPerMinute;
    if (limit === undefined || limit <= 0 || window.length < limit) return undefined;
    const oldest = window[window.length - limit] ?? now;
    return Math.max(1, oldest + WINDOW_MS - now);
  }

  private drawRandom(): RandomFault | undefined {
    // One draw per admitted request, so a seed gives the same faults at the same request numbers.
    const roll = this.random();
    let threshold = 0;
    for (const fault of RANDOM_FAULTS) {
      threshold += Math.max(0, this.plan.faults?.[fault] ?? 0);
      if (roll < threshold) return fault;
    }
    return undefined;
  }

  private defaultRetryAfter(): number {
    return this.plan.retryAfterSeconds ?? 1;
  }
}
