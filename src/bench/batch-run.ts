/**
 * One benchmark batch: a generated source, rate limits written for the simulator's (with the
 * project's adaptive settings from data/rate-limits.json), a fresh database, `runBatch` as the
 * `batch` command runs it, and the integrity count afterwards. Used in-process by the
 * throughput benchmark and in a child process by the memory one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_RATE_LIMITS_FILE, loadRateLimits, readSource, runBatch, type BatchEvent, type BatchReport } from '../batch/index.js';
import { createEngine } from '../engine/index.js';
import { openStore } from '../store/index.js';
import { checkIntegrity, draftsPerTool, type Integrity } from './integrity.js';
import { writeToolList } from './pages.js';
import { benchConfig, type BaseUrls } from './setup.js';

export interface BenchBatchOptions {
  baseUrls: BaseUrls;
  targets: readonly string[];
  /** Scratch directory for the source, the limits file and the database. */
  dir: string;
  /** The engine's limiter, per provider (set to the simulator's limit). */
  requestsPerMinute: number;
  /** Per-provider request rates that override `requestsPerMinute` (a batch paced like a real one). */
  providerRequestsPerMinute?: Record<string, number>;
  burstSeconds?: number;
  concurrency: number;
  /** Extra environment (retry settings). */
  env?: Record<string, string>;
  onEvent?: (event: BatchEvent) => void;
}

export async function runBenchBatch(options: BenchBatchOptions): Promise<{ report: BatchReport; integrity: Integrity }> {
  const list = writeToolList(options.dir, options.targets);
  const limitsFile = path.join(options.dir, 'rate-limits.json');
  const limits = { requestsPerMinute: options.requestsPerMinute, tokensPerMinute: 1e12, burstSeconds: options.burstSeconds ?? 2 };
  // The project's adaptive (429 back-off) settings, so the bench measures what a batch runs with.
  const { adaptive } = await loadRateLimits(DEFAULT_RATE_LIMITS_FILE);
  const providers = Object.fromEntries(
    Object.entries(options.providerRequestsPerMinute ?? {}).map(([name, requestsPerMinute]) => [name, { ...limits, requestsPerMinute }]),
  );
  fs.writeFileSync(limitsFile, JSON.stringify({ about: 'npm run bench', default: limits, providers, adaptive }));
  const config = benchConfig(options.baseUrls, { PANEL_DB: path.join(options.dir, 'panel.db'), ...options.env });
  const [engine, rateLimits] = await Promise.all([createEngine(config), loadRateLimits(limitsFile)]);
  const source = await readSource(list, { config });
  const store = openStore(config.dbPath);
  try {
    const report = await runBatch(
      source,
      { force: false, limit: undefined, concurrency: options.concurrency, budgetUsd: undefined, graceMs: 30_000, model: undefined, personaModels: {} },
      { engine: engine.withStore(store), limits: rateLimits, emit: options.onEvent ?? (() => {}) },
    );
    const integrity = checkIntegrity(source.tools.map((tool) => tool.url), draftsPerTool(store.db));
    return { report, integrity };
  } finally {
    store.close();
  }
}
