/**
 * Batch-API cost: the same tools reviewed twice by `runBatch` with the default panel, once
 * online and once in `--mode batch-api`, each against a fresh simulator (so both start with a
 * cold prompt cache), priced from the same price table. The figure is batch-API cost ÷ online
 * cost (issue 11's target ≤ 0.5). Models whose adapter has no batch interface run online in the
 * batch-api run too and count at the online price, so the figure is what the panel as
 * configured would save. Cost is the measure here, not time: the simulator runs in-process.
 */
import path from 'node:path';
import { DEFAULT_RATE_LIMITS_FILE, loadRateLimits, readSource, runBatch, type BatchMode, type BatchReport } from '../batch/index.js';
import { createEngine } from '../engine/index.js';
import { startSimulator } from '../simulator/index.js';
import { openStore } from '../store/index.js';
import { figure, type Figure } from './figures.js';
import { checkIntegrity, draftsPerTool, type Integrity } from './integrity.js';
import { startPageServer, toolUrls, writeToolList } from './pages.js';
import { benchConfig, scratchDir } from './setup.js';

export interface BatchApiCostOptions {
  tools: number;
  log: (line: string) => void;
}

const BENCHMARK = 'batch-API cost';

async function runIn(mode: BatchMode, targets: readonly string[]): Promise<{ report: BatchReport; integrity: Integrity }> {
  const simulator = await startSimulator({ seed: 11 });
  const scratch = scratchDir(`batch-api-${mode}`);
  try {
    const config = benchConfig(simulator.baseUrls, { PANEL_DB: path.join(scratch.dir, 'panel.db'), PANEL_BATCH_MODE: mode });
    const limits = await loadRateLimits(DEFAULT_RATE_LIMITS_FILE);
    // Far above what this run reaches: the figure is about cost, not about the limiter.
    const fast = { ...limits, default: { requestsPerMinute: 60_000, tokensPerMinute: 1e12, burstSeconds: 2 }, providers: {} };
    const source = await readSource(writeToolList(scratch.dir, targets), { config });
    const store = openStore(config.dbPath);
    try {
      const report = await runBatch(
        source,
        { force: false, limit: undefined, concurrency: 16, budgetUsd: undefined, graceMs: 30_000, model: undefined, personaModels: {}, mode },
        { engine: await createEngine(config, { store }), limits: fast, batchApi: { pollMs: 50, flushMs: 200 } },
      );
      return { report, integrity: checkIntegrity(source.tools.map((tool) => tool.url), draftsPerTool(store.db)) };
    } finally {
      store.close();
    }
  } finally {
    await simulator.close();
    scratch.remove();
  }
}

export async function benchBatchApiCost(options: BatchApiCostOptions): Promise<{ figures: Figure[]; details: unknown }> {
  const pages = await startPageServer();
  try {
    const targets = toolUrls(pages.url, options.tools);
    options.log(`${BENCHMARK}: ${options.tools} tools online, then the same tools in batch-api mode`);
    const online = await runIn('online', targets);
    const batched = await runIn('batch-api', targets);
    const ratio = online.report.usage.costUsd > 0 ? batched.report.usage.costUsd / online.report.usage.costUsd : Number.NaN;
    const share = batched.report.batchApi;
    const calls = share ? share.calls.batch + share.calls.online : 0;
    const complete = online.integrity.ok && batched.integrity.ok;
    return {
      figures: [
        figure({
          id: 'batch-api.cost-ratio',
          benchmark: BENCHMARK,
          label: `batch-API cost ÷ online cost, same ${options.tools} tools`,
          value: Math.round(ratio * 1000) / 1000,
          unit: '×',
          target: { op: '<=', value: 0.5 },
          note:
            `$${batched.report.usage.costUsd.toFixed(4)} vs $${online.report.usage.costUsd.toFixed(4)} online (floor: the online run); ` +
            `${share?.calls.batch ?? 0} of ${calls} calls through ${share?.batches ?? 0} provider batches, the rest online (models without a batch interface, re-asks); ` +
            'batch discounts from data/prices.json (Gemini bills batch cache reads at the online rate), cache hits as each run got them' +
            (complete ? '' : '; NOT every tool got exactly one draft'),
        }),
        figure({
          id: 'batch-api.batch-share',
          benchmark: BENCHMARK,
          label: 'share of the batch-api run cost paid at the batch rate',
          value: share?.batchShare ?? 0,
          unit: '',
        }),
      ],
      details: { online: online.report, batchApi: batched.report, integrity: { online: online.integrity, batchApi: batched.integrity } },
    };
  } finally {
    await pages.close();
  }
}
