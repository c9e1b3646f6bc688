/**
 * The local provider simulator: speaks OpenAI Chat Completions, Anthropic Messages and Gemini
 * generateContent well enough for the official SDKs, so tests, `demo` and `bench` run the real
 * SDK code paths offline. Answers are schema-valid but simulated, never a model's.
 */
import type { Simulator } from './types.js';

export { DEFAULT_RECORDED_CALLS, startSimulator } from './server.js';
export type {
  FaultKind,
  RandomFault,
  ScriptedFault,
  SimulatedCall,
  SimulatedProvider,
  Simulator,
  SimulatorOptions,
  SimulatorStats,
} from './types.js';
export type { BatchSubmissionStats, SimulatorBatches } from './batch-types.js';
export type { PersonaBias } from './persona-tuning.js';

/** One line for a CLI to print on stderr, so nobody mistakes the output for a real panel. */
export function formatSimulatorBanner(simulator: Pick<Simulator, 'url'>): string {
  return `Simulator on ${simulator.url} — answers are simulated, not from real models`;
}
