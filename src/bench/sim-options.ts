/**
 * What a benchmark asks of its simulator child process (JSON-serialisable, so latencies are
 * tables rather than functions), and how those tables become the simulator's latency.
 */
import type { RandomFault, SimulatedCall, SimulatedProvider } from '../simulator/index.js';

export interface SimProcessOptions {
  /** Fixed latency for every call not matched below (default 0). */
  latencyMs?: number;
  /** Persona id (lower-case `Persona:` line of the prompt) → fixed latency. */
  latencyByPersona?: Record<string, number>;
  latencyByProvider?: Partial<Record<SimulatedProvider, number>>;
  faults?: Partial<Record<RandomFault, number>>;
  rateLimit?: { requestsPerMinute: number };
  seed?: number;
  retryAfterSeconds?: number;
  /** Also serve generated tool pages (`/tools/N`) from the child, on their own port. */
  pages?: boolean;
}

const PERSONA_LINE = /^Persona: (.+)$/m;

/** Fixed latency per persona (by the prompt's `Persona:` line) or per provider, else `latencyMs`. */
export function latencyOf(options: SimProcessOptions): number | ((call: SimulatedCall) => number) {
  const { latencyMs = 0, latencyByPersona, latencyByProvider } = options;
  if (latencyByPersona === undefined && latencyByProvider === undefined) return latencyMs;
  return (call) => {
    const persona = PERSONA_LINE.exec(call.promptText)?.[1]?.trim().toLowerCase();
    const own = persona === undefined ? undefined : latencyByPersona?.[persona];
    return own ?? latencyByProvider?.[call.provider] ?? latencyMs;
  };
}
