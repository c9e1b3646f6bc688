/**
 * Batch throughput: tools reviewed per minute ÷ the bound the simulator's rate limit sets, with
 * 5% injected 429s and 2% 5xx, and afterwards the drafts counted per tool in the database (no
 * tool lost, none reviewed twice).
 *
 * The simulator (child process, which also serves the generated tool pages) limits every
 * provider to R requests per sliding minute; the default panel sends 3 calls per tool to OpenAI
 * (profile, Builder, Creator) and 1 each to Anthropic and Gemini, so the bound is R / 3 tools a
 * minute. The engine's limiter is configured at the same R (as an operator would set it to the
 * account's limit). 5xx answers take a slot of the simulator's limit, as they would a real
 * quota, so the best any engine can do is 0.93 / 0.95 ≈ 0.979 of the bound (`faultCeiling`).
 *
 * Steady state is measured from the end of the first minute (the simulator's window is empty at
 * the start, so the first minute may run above the long-run rate) to the moment the last tool
 * starts (after it the batch drains with fewer tools in flight). The whole run and the first
 * minute are reported beside it.
 */
import { loadConfig } from '../config.js';
import { chooseModels, parseModelSpec } from '../providers/index.js';
import { loadReviewContext } from '../review/index.js';
import { runBenchBatch } from './batch-run.js';
import { figure, type Figure } from './figures.js';
import type { Integrity } from './integrity.js';
import { toolUrls } from './pages.js';
import { startSimulatorProcess } from './sim-process.js';
import { benchEnv, scratchDir } from './setup.js';
import { round } from './stats.js';

const TARGET = 0.95;
const BENCHMARK = 'batch throughput';
export const FAULTS = { rate429: 0.05, server500: 0.02 } as const;
const FIRST_MINUTE_MS = 60_000;
/** Below this much steady state the run is a smoke test, and the whole run is the figure. */
const MIN_STEADY_MS = 30_000;

export interface ThroughputOptions {
  /** The simulator's limit per provider, and the engine's. */
  requestsPerMinute: number;
  /** How long the run should take at the bound (sets the number of tools). */
  minutes: number;
  concurrency: number;
  log: (line: string) => void;
}

/** Calls one tool sends to each provider: its persona models and the profile model. */
export function callsPerTool(specs: readonly string[]): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const spec of specs) {
    const { provider } = parseModelSpec(spec);
    calls[provider] = (calls[provider] ?? 0) + 1;
  }
  return calls;
}

/** Tools per minute the limit allows: the busiest provider decides. */
export function throughputBound(requestsPerMinute: number, calls: Record<string, number>): { toolsPerMinute: number; busiest: string; calls: number } {
  const [busiest, most] = Object.entries(calls).sort((a, b) => b[1] - a[1])[0] ?? ['none', 1];
  return { toolsPerMinute: requestsPerMinute / most, busiest, calls: most };
}

/**
 * The best share of the bound any engine can reach under these faults: injected 429s take no
 * slot of the limit, 5xx answers do and must be retried, so only pOk / (1 - p429) of the
 * slots used give answers (0.93 / 0.95 ≈ 0.979 for 5% and 2%).
 */
export function faultCeiling(faults: { rate429: number; server500: number }): number {
  return (1 - faults.rate429 - faults.server500) / (1 - faults.rate429);
}

/** Tools finished per minute inside [fromMs, toMs] (times relative to the batch's start). */
export function rateBetween(doneAtMs: readonly number[], fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return Number.NaN;
  const done = doneAtMs.filter((at) => at > fromMs && at <= toMs).length;
  return done / ((toMs - fromMs) / 60_000);
}

export interface ThroughputDetails {
  requestsPerMinute: number;
  tools: number;
  concurrency: number;
  boundToolsPerMinute: number;
  busiestProvider: string;
  callsPerTool: Record<string, number>;
  wallMs: number;
  steadyWindowMs: [number, number] | null;
  steadyToolsPerMinute: number | null;
  wholeRunToolsPerMinute: number;
  firstMinuteToolsPerMinute: number | null;
  incompletePanels: number;
  failedTools: number;
  integrity: Integrity;
  simulator: { requests: number; byProvider: Record<string, number>; faults: Record<string, number> };
  limiter: Record<string, { rateLimited: number; pauses: number; decreases: number; pausedMs: number }>;
}

export function throughputFigures(details: ThroughputDetails): Figure[] {
  const bound = details.boundToolsPerMinute;
  const steady = details.steadyToolsPerMinute;
  const whole = details.wholeRunToolsPerMinute / bound;
  const limitHits = details.simulator.faults.rateLimited ?? 0;
  const why = `${limitHits} calls refused by the simulator's limit, ${details.limiter[details.busiestProvider]?.decreases ?? 0} limiter slow-downs on ${details.busiestProvider}; 5xx slots cap it at ${round(faultCeiling(FAULTS), 3)}`;
  const integrity = details.integrity;
  const out: Figure[] = [];
  if (steady !== null && details.steadyWindowMs !== null) {
    const [from, to] = details.steadyWindowMs;
    out.push(figure({
      id: 'throughput.steady', benchmark: BENCHMARK, label: `tools/min ÷ bound, steady (${Math.round(from / 1000)}–${Math.round(to / 1000)} s)`,
      value: round(steady / bound, 4), unit: '', target: { op: '>=', value: TARGET },
      note: `${round(steady, 1)} of ${round(bound, 1)} tools/min; ${why}`,
    }));
    out.push(figure({ id: 'throughput.whole', benchmark: BENCHMARK, label: 'tools/min ÷ bound, whole run (incl. drain)', value: round(whole, 4), unit: '' }));
    if (details.firstMinuteToolsPerMinute !== null) {
      out.push(figure({ id: 'throughput.first-minute', benchmark: BENCHMARK, label: 'tools/min ÷ bound, first minute', value: round(details.firstMinuteToolsPerMinute / bound, 4), unit: '' }));
    }
  } else {
    out.push(figure({
      id: 'throughput.whole', benchmark: BENCHMARK, label: 'tools/min ÷ bound, whole run (too short for steady state)',
      value: round(whole, 4), unit: '', target: { op: '>=', value: TARGET },
      note: `no steady state in a run of ${Math.round(details.wallMs / 1000)} s; run without --quick`,
    }));
  }
  out.push(figure({
    id: 'throughput.integrity', benchmark: BENCHMARK, label: `tools lost or reviewed twice (of ${integrity.tools})`,
    value: integrity.lost + integrity.duplicated + integrity.strays, unit: '', target: { op: '<=', value: 0 },
    note: `${integrity.lost} lost, ${integrity.duplicated} reviewed twice, ${integrity.strays} drafts of unknown tools (${details.incompletePanels} incomplete panels, ${details.failedTools} failed tools)`,
  }));
  return out;
}

export async function benchThroughput(options: ThroughputOptions): Promise<{ figures: Figure[]; details: ThroughputDetails }> {
  const simulator = await startSimulatorProcess({
    // Like small real models, per provider (the demo's latencies).
    latencyByProvider: { openai: 420, anthropic: 610, gemini: 350 },
    faults: { ...FAULTS },
    rateLimit: { requestsPerMinute: options.requestsPerMinute },
    pages: true,
  });
  const scratch = scratchDir('throughput');
  try {
    const context = await loadReviewContext();
    const choice = chooseModels({ personas: context.personas, config: loadConfig(benchEnv(simulator.baseUrls)), defaults: context.modelDefaults });
    const calls = callsPerTool([...choice.models.values(), choice.profileModel]);
    const bound = throughputBound(options.requestsPerMinute, calls);
    const tools = Math.max(10, Math.ceil(bound.toolsPerMinute * options.minutes));
    options.log(`batch throughput: ${tools} tools at ${options.requestsPerMinute} requests/min per provider (bound ${round(bound.toolsPerMinute, 1)} tools/min), about ${round(options.minutes, 1)} min`);

    let startedAt = Number.NaN;
    let lastStartMs = 0;
    const doneAtMs: number[] = [];
    let nextLog = 60_000;
    const { report, integrity } = await runBenchBatch({
      baseUrls: simulator.baseUrls,
      targets: toolUrls(simulator.pagesUrl as string, tools),
      dir: scratch.dir,
      requestsPerMinute: options.requestsPerMinute,
      concurrency: options.concurrency,
      onEvent: (event) => {
        const now = performance.now();
        if (event.event === 'batch-start') startedAt = now;
        if (event.event === 'tool-start') lastStartMs = now - startedAt;
        if (event.event === 'tool-done') {
          doneAtMs.push(now - startedAt);
          if (now - startedAt >= nextLog) {
            options.log(`  … ${doneAtMs.length}/${tools} tools after ${Math.round((now - startedAt) / 1000)} s`);
            nextLog += 60_000;
          }
        }
      },
    });
    const stats = await simulator.stats();
    const steadyWindow: [number, number] | null = lastStartMs - FIRST_MINUTE_MS >= MIN_STEADY_MS ? [FIRST_MINUTE_MS, lastStartMs] : null;
    const wallMs = doneAtMs.at(-1) ?? report.wallMs;
    const details: ThroughputDetails = {
      requestsPerMinute: options.requestsPerMinute,
      tools,
      concurrency: options.concurrency,
      boundToolsPerMinute: round(bound.toolsPerMinute, 3),
      busiestProvider: bound.busiest,
      callsPerTool: calls,
      wallMs: Math.round(wallMs),
      steadyWindowMs: steadyWindow && [Math.round(steadyWindow[0]), Math.round(steadyWindow[1])],
      steadyToolsPerMinute: steadyWindow && round(rateBetween(doneAtMs, ...steadyWindow), 2),
      wholeRunToolsPerMinute: round(rateBetween(doneAtMs, 0, wallMs), 2),
      firstMinuteToolsPerMinute: wallMs >= FIRST_MINUTE_MS ? round(rateBetween(doneAtMs, 0, FIRST_MINUTE_MS), 2) : null,
      incompletePanels: report.tools.incomplete,
      failedTools: report.tools.failed,
      integrity,
      simulator: stats,
      limiter: Object.fromEntries(
        Object.entries(report.limiter).map(([provider, each]) => [provider, { rateLimited: each.rateLimited, pauses: each.pauses, decreases: each.decreases, pausedMs: each.pausedMs }]),
      ),
    };
    return { figures: throughputFigures(details), details };
  } finally {
    scratch.remove();
    await simulator.close();
  }
}
