/**
 * `npm run bench`: the spec's four benchmarks against the simulator — panel overhead, batch
 * throughput, prompt efficiency, engine cost — and CLI start (issue 11), each returning figures with targets and
 * verdicts. The one public entry of `bench/`. Benchmarks run one after another (they measure
 * time and CPU, so they must not share the machine); one that fails to run is recorded as an
 * error and the others still run. Timing is reported, never asserted: tests check arithmetic.
 */
import { benchBatchApiCost } from './batch-api-cost.js';
import { benchCliStart } from './cli-start.js';
import { benchEngineCost } from './engine-cost.js';
import { figure, type Figure } from './figures.js';
import { benchPanelOverhead } from './panel-overhead.js';
import { benchPromptEfficiency, PAGES } from './prompt-efficiency.js';
import { commit, machine, summarise, type BenchResults } from './report.js';
import { benchThroughput } from './throughput.js';

export { formatTable, type Figure } from './figures.js';
export { DEFAULT_OUT, writeResults, type BenchResults } from './report.js';

export const BENCHMARKS = ['panel', 'throughput', 'prompt', 'engine', 'batch-api', 'cli'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];
export type BenchMode = 'quick' | 'default' | 'full';

/** What each mode runs. `quick` is a smoke test (seconds, figures not meaningful). */
export const PLANS = {
  quick: {
    panel: { panels: 3, warmup: 1 },
    throughput: { requestsPerMinute: 1200, minutes: 0.1, concurrency: 16 },
    prompt: { pages: PAGES.slice(0, 2), batch: { tools: 4, panels: 2 } },
    engine: { reviews: 20, warmup: 5, batchSizes: [100, 300] as [number, number], concurrency: 8, capped: false },
    'batch-api': { tools: 10 },
    cli: { runs: 1, warmup: false, drafts: 100 },
  },
  default: {
    panel: { panels: 10, warmup: 2 },
    throughput: { requestsPerMinute: 600, minutes: 4, concurrency: 16 },
    prompt: { pages: PAGES, batch: { tools: 100, panels: 20 } },
    engine: { reviews: 200, warmup: 20, batchSizes: [1000, 10_000] as [number, number], concurrency: 8, capped: true },
    'batch-api': { tools: 100 },
    cli: { runs: 7, warmup: true, drafts: 10_000 },
  },
  full: {
    panel: { panels: 30, warmup: 3 },
    throughput: { requestsPerMinute: 600, minutes: 10, concurrency: 16 },
    prompt: { pages: PAGES, batch: { tools: 100, panels: 40 } },
    engine: { reviews: 500, warmup: 50, batchSizes: [1000, 10_000] as [number, number], concurrency: 8, capped: true },
    'batch-api': { tools: 100 },
    cli: { runs: 15, warmup: true, drafts: 10_000 },
  },
} as const;

export interface BenchOptions {
  mode: BenchMode;
  only?: readonly BenchmarkName[];
  log: (line: string) => void;
}

const TITLES: Record<BenchmarkName, string> = {
  panel: 'panel overhead',
  throughput: 'batch throughput',
  prompt: 'prompt efficiency',
  engine: 'engine cost',
  'batch-api': 'batch-API cost',
  cli: 'cli start',
};

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const plan = PLANS[options.mode];
  const log = options.log;
  const started = performance.now();
  const selected = BENCHMARKS.filter((name) => options.only == null || options.only.includes(name));
  const runners: Record<BenchmarkName, () => Promise<{ figures: Figure[]; details: unknown }>> = {
    panel: () => benchPanelOverhead({ ...plan.panel, log }),
    throughput: () => benchThroughput({ ...plan.throughput, log }),
    prompt: () => benchPromptEfficiency({ ...plan.prompt, log }),
    engine: () => benchEngineCost({ ...plan.engine, log }),
    'batch-api': () => benchBatchApiCost({ ...plan['batch-api'], log }),
    cli: () => benchCliStart({ ...plan.cli, log }),
  };
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const errors: BenchResults['errors'] = [];
  for (const name of selected) {
    try {
      const result = await runners[name]();
      figures.push(...result.figures);
      details[name] = result.details;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${TITLES[name]}: failed: ${message}`);
      errors.push({ benchmark: TITLES[name], error: message });
      figures.push(figure({ id: `${name}.error`, benchmark: TITLES[name], label: 'did not run', value: Number.NaN, unit: '', target: { op: '<=', value: 0 }, note: message }));
    }
  }
  return {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    mode: options.mode,
    machine: machine(),
    commit: commit(),
    wallSeconds: Math.round((performance.now() - started) / 1000),
    figures,
    summary: summarise(figures),
    errors,
    details: { plan, ...details },
  };
}
