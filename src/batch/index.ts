/**
 * Batch reviewing: a source (URL list, JSON list, RSS/Atom feed) → one draft per tool, as fast
 * as the shared rate limiter allows, resumable after any kill, stopped by a budget or a signal.
 * The one public entry of `batch/`; it reads like the run: source → lock → run state → schedule
 * → report.
 */
import type { Engine } from '../engine/index.js';
import { describeError, PanelError } from '../errors.js';
import { chooseModels, type BatchDiscounts } from '../providers/index.js';
import { planReview, repeatsOf, runReview, type ReviewOptions } from '../review/index.js';
import type { Review } from '../schemas.js';
import { createBatchQueries, createProviderBatchQueries, isDatabaseError, type BatchItemRow, type BatchQueries, type Store } from '../store/index.js';
import { personaVersions } from '../templates/index.js';
import { assertRepeatFits, BatchApiRun, batchPricing, type BatchApiSettings, type BatchMode } from './batch-api-mode.js';
import { Budget } from './budget.js';
import { claimHooks } from './claim-hooks.js';
import type { EmitEvent } from './events.js';
import { RateLimiter } from './limiter.js';
import { limitModel } from './limit-model.js';
import { acquireBatchLock, type LockDeps } from './lock.js';
import type { RateLimitsFile } from './rate-limits.js';
import { buildReport, type BatchReport, type BatchStatus } from './report.js';
import { estimateIn } from './plan.js';
import { prepareRun, type RunIdentity } from './run-state.js';
import { schedule, type ItemSkip } from './scheduler.js';
import type { BatchSource } from './sources.js';
import { selectStale, staleReviewer, summariseStale, type StaleOptions } from './stale.js';

export type { BatchEvent, EmitEvent } from './events.js';
export { createProgress, type ProgressSink } from './progress.js';
export { exitCodeOf, formatReport, type BatchReport } from './report.js';
export { formatBatchPlan, planBatch, type BatchPlan } from './plan.js';
export { readSource, type BatchSource, type FetchText } from './sources.js';
export { loadRateLimits, DEFAULT_RATE_LIMITS_FILE, type RateLimitsFile } from './rate-limits.js';
export { RateLimiter, type PauseEvent } from './limiter.js';
export { limitModel } from './limit-model.js';
export { BatchLockedError } from './lock.js';
export { MAX_ATTEMPTS, type RunIdentity } from './run-state.js';
export { assertRepeatFits, BATCH_MODES, type BatchApiSettings, type BatchApiShare, type BatchMode } from './batch-api-mode.js';
export { formatStaleSummary, parseDuration, type StaleOptions, type StaleSummary } from './stale.js';
export { formatStalePlan, planStale, type StalePlan } from './stale-plan.js';

export interface BatchRequest {
  force: boolean;
  limit: number | undefined;
  concurrency: number;
  budgetUsd: number | undefined;
  graceMs: number;
  model: string | undefined;
  personaModels: Record<string, string>;
  /** `batch-api`: first attempts go through each model's provider batch interface (half price, answers within hours). */
  mode?: BatchMode;
  /** False for `--no-grounding`: every review runs only the free claim checks. */
  grounding?: boolean;
  /** `--stale [--older-than D]`: kept with the run so `--resume` knows it (see runStaleBatch). */
  stale?: { olderThan: string | null };
  /** `--repeat N`: runs per persona, as `review --repeat` (online mode only, see `assertRepeatFits`). */
  repeat?: number | undefined;
}

/** How one item is reviewed; the default is runReview of its target (`--stale` checks first). */
export type ItemReviewer = (item: BatchItemRow, signal: AbortSignal, engine: Engine<Store>, options: ReviewOptions) => Promise<Review | ItemSkip>;

export interface BatchDeps {
  /** Its store is where the run and its drafts are kept; its models are rate-limited here. */
  engine: Engine<Store>;
  limits: RateLimitsFile;
  emit?: EmitEvent;
  /** Graceful stop (SIGINT/SIGTERM): no new tools; in-flight ones get the grace time. */
  stop?: AbortSignal;
  /** Abort the tools in flight now (a second signal). */
  abortNow?: AbortSignal;
  now?: () => Date;
  /** pid, host and liveness check of the lock (tests). */
  lock?: Omit<LockDeps, 'queries'>;
  /** Poll and flush timing of batch-api mode (defaults: the config's). */
  batchApi?: BatchApiSettings;
  /** Batch price discounts (default: `data/prices.json`'s `batch` section). */
  batchDiscounts?: BatchDiscounts;
  /** Replaces runReview for each item (`batch --stale`). */
  reviewItem?: ItemReviewer;
}

/** The run's identity for a source read with these options (resume finds the run by it). */
export function identityOf(source: BatchSource, request: Pick<BatchRequest, 'force' | 'model' | 'personaModels'>): RunIdentity {
  return { location: source.location, model: request.model, personaModels: request.personaModels, force: request.force };
}

/**
 * The first database failure of a run (a full disk, a file that became read-only). It stops
 * the run: every further tool would pay for its model calls and then fail to save as well.
 * The tools it hit stay 'running', so the next invocation redoes them instead of marking
 * them failed (their answers were never saved).
 */
class DatabaseStop {
  error: unknown;
  readonly hitItems = new Set<number>();
  readonly controller = new AbortController();
  record(error: unknown, itemId?: number): void {
    if (itemId != null) this.hitItems.add(itemId);
    if (this.error !== undefined) return;
    this.error = error;
    this.controller.abort(describeError(error));
  }
}

/** The store `runReview` gets for one item: its draft save also marks the item done, atomically. */
function itemStore(store: Store, queries: BatchQueries, item: BatchItemRow, signal: AbortSignal, now: () => Date, dbStop: DatabaseStop): Store {
  return {
    ...store,
    saveDraft(review: Review, extras) {
      // Aborted: the tool stays 'running' and is redone; a half-aborted panel is never saved.
      if (signal.aborted) throw new PanelError(`${item.target}: aborted before its draft was saved`);
      try {
        queries.finishItemWithDraft(
          item.id,
          () => store.saveDraft(review, extras),
          { reviewId: review.id, complete: review.panel.complete, costUsd: review.usage.costUsd },
          now().toISOString(),
        );
      } catch (error) {
        if (isDatabaseError(error)) dbStop.record(error, item.id);
        throw error;
      }
    },
  };
}

/** The scheduler's queries, with a failure the database caused kept off the item (see DatabaseStop). */
function runQueries(queries: BatchQueries, dbStop: DatabaseStop): BatchQueries {
  return {
    ...queries,
    failItem(id, reason, at) {
      if (dbStop.hitItems.has(id)) return;
      try {
        queries.failItem(id, reason, at);
      } catch (error) {
        if (!isDatabaseError(error)) throw error;
        dbStop.record(error, id);
      }
    },
  };
}

export async function runBatch(source: BatchSource, request: BatchRequest, deps: BatchDeps): Promise<BatchReport> {
  const { config, context, store } = deps.engine;
  const now = deps.now ?? (() => new Date());
  const emit: EmitEvent = deps.emit ?? (() => {});
  const started = now().getTime();
  const modelOptions = { model: request.model, personaModels: request.personaModels, repeat: request.repeat, ...(request.grounding === false ? { grounding: false } : {}) };
  assertRepeatFits(request.mode ?? 'online', repeatsOf(context.personas, request.repeat, config.repeat));
  // A missing key or unknown model is bad input for the whole batch: refuse before any work.
  chooseModels({ personas: context.personas, config, defaults: context.modelDefaults, ...modelOptions });
  for (const message of source.warnings) emit({ event: 'source-warning', message });

  const queries = createBatchQueries(store.db);
  const lock = acquireBatchLock(source.location, { queries, ...deps.lock });
  const limiter = new RateLimiter({
    limits: deps.limits,
    pauseCapMs: config.retryAfterCapMs,
    onPause: (pause) => emit({ event: 'rate-limited', ...pause }),
  });
  const dbStop = new DatabaseStop();
  try {
    const versions = { prompts: context.templates.version, personas: personaVersions(context.personas) };
    const prepared = prepareRun(queries, source, {
      identity: identityOf(source, request),
      options: { ...request, graceMs: undefined, graceSeconds: request.graceMs / 1000 },
      limit: request.limit,
      versions,
      at: now().toISOString(),
    });
    const done = prepared.items.filter((item) => item.state === 'done');
    emit({
      event: 'batch-start',
      runId: prepared.runId,
      source: source.location,
      kind: source.kind,
      resumed: prepared.resumed,
      total: prepared.items.filter((item) => item.state !== 'skipped').length,
      done: done.length,
      failed: prepared.items.filter((item) => item.state === 'failed').length,
      todo: prepared.todo.length,
      skipped: prepared.items.filter((item) => item.state === 'skipped').length,
      duplicates: source.duplicates,
      budgetUsd: request.budgetUsd ?? null,
    });

    const { mode, discounts } = await batchPricing(request.mode, deps.batchDiscounts);
    const budget =
      request.budgetUsd == null
        ? undefined
        : new Budget({
            limitUsd: request.budgetUsd,
            spentUsd: queries.runUsage(prepared.runId).costUsd,
            finishedCosts: done.map((item) => item.costUsd ?? 0),
            // In batch-api mode at the batch rate, as the dry run estimates it.
            plannedEstimate: async (target) => estimateIn(mode, await planReview(target, modelOptions, deps.engine), context.prices, discounts),
          });

    const apiSettings = { queries: createProviderBatchQueries(store.db), prices: context.prices, discounts, emit, settings: deps.batchApi ?? config.batchApi, now };
    const apiRun = mode === 'batch-api' ? new BatchApiRun({ runId: prepared.runId, ...apiSettings }) : undefined;
    // Every call is rate-limited; in batch-api mode the first attempt goes to the provider's batch.
    const limited = deps.engine.withModelWrapper((model) => {
      const online = limitModel(model, limiter);
      return apiRun ? apiRun.wrap(model, online) : online;
    });
    const concurrency = apiRun?.concurrency(prepared.todo.length) ?? request.concurrency;
    const listingLinks = new Map(source.tools.map((tool) => [tool.url, tool.links]));
    const signals = (given: AbortSignal | undefined) => (given ? AbortSignal.any([given, dbStop.controller.signal]) : dbStop.controller.signal);
    let outcome: Awaited<ReturnType<typeof schedule>>;
    try {
      outcome = await schedule(
        { todo: prepared.todo, concurrency, graceMs: request.graceMs },
        {
          queries: runQueries(queries, dbStop),
          budget,
          emit,
          stop: signals(deps.stop),
          // A database failure stops at once: the tools in flight could not be saved either.
          abortNow: signals(deps.abortNow),
          now,
          ...claimHooks(lock, queries, { force: request.force, versions, now }),
          reviewItem: (item, signal) => {
            const itemEngine = limited.withStore(itemStore(store, queries, item, signal, now, dbStop));
            if (deps.reviewItem) return deps.reviewItem(item, signal, itemEngine, modelOptions);
            return runReview(item.target, modelOptions, itemEngine, { signal, listingLinks: listingLinks.get(item.url) });
          },
        },
      );
    } catch (error) {
      if (!isDatabaseError(error)) throw error;
      dbStop.record(error);
      outcome = { stoppedBy: 'signal', stopReason: undefined, aborted: true, reviewedNow: 0, failedNow: 0 };
    } finally {
      await apiRun?.close();
    }

    const items = queries.items(prepared.runId);
    // A stop that came after the last tool had started changed nothing: the run is done.
    const left = items.some((item) => item.state === 'queued' || item.state === 'running');
    const status: BatchStatus = dbStop.error !== undefined ? 'interrupted' : !left ? 'done' : outcome.stoppedBy === 'budget' ? 'budget' : 'interrupted';
    // The first database error is the reason, whatever it made fail after it.
    const stopReason = dbStop.error !== undefined ? describeError(dbStop.error) : status === 'done' ? null : (outcome.stopReason ?? null);
    try {
      queries.finishRun(prepared.runId, status, stopReason, now().toISOString());
    } catch (error) {
      // The run stays 'running', which the next invocation resumes just the same.
      if (dbStop.error === undefined) throw error;
    }
    const report = buildReport({
      runId: prepared.runId,
      source: { location: source.location, kind: source.kind, inSource: source.tools.length, duplicates: source.duplicates },
      status,
      stopReason,
      resumed: prepared.resumed,
      items,
      usage: queries.runUsage(prepared.runId),
      reviewedNow: outcome.reviewedNow,
      failedNow: outcome.failedNow,
      budgetUsd: request.budgetUsd ?? null,
      wallMs: now().getTime() - started,
      limiter: limiter.stats(),
      ...(apiRun ? { batchApi: apiRun.share(queries.runUsage(prepared.runId).costUsd) } : {}),
    });
    emit({
      event: 'batch-end',
      status,
      reviewed: report.tools.reviewed,
      failed: report.tools.failed,
      left: report.tools.left,
      costUsd: report.usage.costUsd,
      wallMs: report.wallMs,
    });
    return report;
  } finally {
    limiter.close();
    try {
      lock.release();
    } catch (error) {
      // Never hide the run's own outcome (or its first error) behind this: an unreleased
      // lock and its claims go stale and are taken over.
      emit({ event: 'source-warning', message: `could not release the batch lock: ${describeError(error)}` });
    }
  }
}

/**
 * `batch --stale`: the published tools (stale.ts) as an ordinary run, whose per-tool step reads
 * the tool again and re-reviews it only if it changed. Every selected tool is checked, so the
 * "already reviewed with these versions" skip of a normal batch does not apply (force).
 */
export async function runStaleBatch(request: BatchRequest, options: StaleOptions, deps: BatchDeps): Promise<BatchReport> {
  const now = deps.now ?? (() => new Date());
  const { context, store } = deps.engine;
  const selection = selectStale(store, options, now());
  const versions = { prompts: context.templates.version, personas: personaVersions(context.personas) };
  const reviewItem = staleReviewer(selection.candidates, { versions, emit: deps.emit ?? (() => {}), now });
  const report = await runBatch(selection.source, { ...request, force: true, stale: { olderThan: options.olderThan } }, { ...deps, reviewItem });
  const run = createBatchQueries(store.db).items(report.runId);
  return { ...report, stale: summariseStale(run, selection, options) };
}
