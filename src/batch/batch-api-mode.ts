/**
 * The wiring of `--mode batch-api` for one run: a collector per model that has a provider batch
 * interface (`ChatModel.batch`), re-attached to the run's batches left by earlier processes, and
 * the deferred models `runReview` calls. Models without one (OpenRouter, Ollama, fakes) run
 * online in the same run.
 */
import { UsageError } from '../errors.js';
import { projectPaths } from '../paths.js';
import { loadBatchDiscounts, type BatchDiscounts, type ChatModel, type PriceTable } from '../providers/index.js';
import type { ProviderBatchQueries } from '../store/index.js';
import { batchPrice, onlinePrice } from './batch-codec.js';
import { deferModel, type DeferredCounts } from './deferred-model.js';
import type { EmitEvent } from './events.js';
import { BatchCollector } from './provider-batches.js';

export type BatchMode = 'online' | 'batch-api';
export const BATCH_MODES: readonly BatchMode[] = ['online', 'batch-api'];

/** Providers whose adapters have a batch interface (`ChatModel.batch`); the dry run prices them at the batch rate. */
export const BATCH_API_PROVIDERS = ['openai', 'anthropic', 'google'] as const;

/** Tools in flight at once in batch-api mode: they mostly wait on provider batches, so all of them (up to this many). */
export const BATCH_API_MAX_TOOLS = 10_000;

export interface BatchApiSettings {
  pollMs: number;
  flushMs: number;
}

export interface BatchApiShare {
  mode: BatchMode;
  /** Over the whole run: what the provider batches' answers cost, at the batch rate. */
  batchUsd: number;
  /** The rest of the run's cost: calls answered online (re-asks, retries, not-run items, models without a batch interface). */
  onlineUsd: number;
  /** batchUsd ÷ the run's cost (0 when nothing was spent). */
  batchShare: number;
  batches: number;
  batchRequests: number;
  /** This invocation's calls: answered by a batch (or its store) and online. */
  calls: DeferredCounts;
}

/** The run's mode, and the batch discounts it prices with (none needed online). */
export async function batchPricing(mode: BatchMode | undefined, given: BatchDiscounts | undefined): Promise<{ mode: BatchMode; discounts: BatchDiscounts }> {
  const chosen = mode ?? 'online';
  return { mode: chosen, discounts: chosen === 'batch-api' ? (given ?? (await loadBatchDiscounts(projectPaths.prices))) : {} };
}

export class BatchApiRun {
  private readonly collectors = new Map<string, BatchCollector>();
  readonly counts: DeferredCounts = { batch: 0, online: 0 };

  constructor(
    private readonly options: {
      runId: number;
      queries: ProviderBatchQueries;
      prices: PriceTable;
      discounts: BatchDiscounts;
      emit: EmitEvent;
      settings: BatchApiSettings;
      now?: () => Date;
    },
  ) {}

  /** Tools in flight at once: every tool of the run waits on the batches together. */
  concurrency(todo: number): number {
    return Math.max(1, Math.min(todo, BATCH_API_MAX_TOOLS));
  }

  /** `raw` brings the batch interface; `online` is the same model behind the run's limiter. */
  wrap(raw: ChatModel, online: ChatModel): ChatModel {
    return deferModel(online, this.collectorFor(raw), onlinePrice(this.options.prices, raw.spec), this.counts);
  }

  private collectorFor(raw: ChatModel): BatchCollector | undefined {
    if (raw.batch == null) return undefined;
    let collector = this.collectors.get(raw.spec);
    if (collector == null) {
      const { runId, queries, prices, discounts, emit, settings, now } = this.options;
      const price = batchPrice(prices, discounts, raw.spec);
      collector = new BatchCollector({ runId, spec: raw.spec, api: raw.batch, queries, emit, pollMs: settings.pollMs, flushMs: settings.flushMs, price, ...(now ? { now } : {}) });
      collector.resume();
      this.collectors.set(raw.spec, collector);
    }
    return collector;
  }

  /** Stops polling; waits for submits in flight to be recorded, so none is left 'submitting' by a clean stop. */
  async close(): Promise<void> {
    for (const collector of this.collectors.values()) collector.close();
    await Promise.all([...this.collectors.values()].map((collector) => collector.submitted()));
  }

  async idle(): Promise<void> {
    await Promise.all([...this.collectors.values()].map((collector) => collector.idle()));
  }

  share(runCostUsd: number): BatchApiShare {
    const spend = this.options.queries.spend(this.options.runId);
    const batchUsd = Math.min(round(spend.batchUsd), round(runCostUsd));
    return {
      mode: 'batch-api',
      batchUsd,
      onlineUsd: round(Math.max(0, runCostUsd - batchUsd)),
      batchShare: runCostUsd > 0 ? Math.round((batchUsd / runCostUsd) * 1000) / 1000 : 0,
      batches: spend.batches,
      batchRequests: spend.requests,
      calls: { ...this.counts },
    };
  }
}

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

/**
 * Repeat-N needs N distinct calls, but batch-api mode names each batch item by a hash of its
 * request, so N identical requests would be one item answered N times: a spread of zero that
 * nobody measured. Refused rather than faked (use online mode for repeats).
 */
export function assertRepeatFits(mode: BatchMode, repeats: ReadonlyMap<string, number>): void {
  const repeated = [...repeats].filter(([, runs]) => runs > 1);
  if (mode === 'batch-api' && repeated.length > 0) {
    throw new UsageError(
      `batch-api mode cannot repeat a persona (${repeated.map(([id, runs]) => `${id} ${runs}×`).join(', ')}): identical requests share one batch item; use --mode online or --repeat 1`,
    );
  }
}
