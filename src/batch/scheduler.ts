/**
 * The loop over a run's tools: at most `concurrency` at once (p-limit), each checked against
 * the budget before it starts, each recorded in SQLite as it starts and ends.
 *
 * Stopping: when `stop` fires (SIGINT/SIGTERM) or the budget would be passed, no tool starts
 * any more and the ones in flight finish. After `graceMs` of a signal stop (or at once when
 * `abortNow` fires: a second Ctrl-C) the ones still in flight are aborted through their
 * AbortSignal and not waited for; they stay 'running' and are redone by the next invocation.
 * After an abort nothing more is written for them: their draft save refuses to run.
 */
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { describeError } from '../errors.js';
import type { Review } from '../schemas.js';
import type { BatchItemRow, BatchQueries } from '../store/index.js';
import type { Budget, Reservation } from './budget.js';
import type { EmitEvent } from './events.js';

export interface ScheduleInput {
  todo: BatchItemRow[];
  concurrency: number;
  graceMs: number;
}

/** A tool looked at and found to need no review (`batch --stale`: its sources are unchanged). */
export interface ItemSkip {
  skipped: string;
  reviewId: string | null;
}

export interface ScheduleDeps {
  queries: BatchQueries;
  /** Reviews one tool; its draft save must also mark the item done (one transaction). Or says why it needs none. */
  reviewItem: (item: BatchItemRow, signal: AbortSignal) => Promise<Review | ItemSkip>;
  budget: Budget | undefined;
  emit: EmitEvent;
  stop?: AbortSignal | undefined;
  abortNow?: AbortSignal | undefined;
  now: () => Date;
  /**
   * Claims the tool before it starts (overlapping batches). A string means "do not review it":
   * the hook has marked the item skipped and this is why. `unclaim` runs when it is finished.
   */
  claim?: (item: BatchItemRow) => { skip: string; reviewId: string | null } | undefined;
  unclaim?: (item: BatchItemRow) => void;
}

export interface ScheduleResult {
  stoppedBy: 'budget' | 'signal' | undefined;
  stopReason: string | undefined;
  /** True when tools in flight were aborted (grace time over or a second signal). */
  aborted: boolean;
  reviewedNow: number;
  failedNow: number;
}

export async function schedule(input: ScheduleInput, deps: ScheduleDeps): Promise<ScheduleResult> {
  const { queries, budget, emit } = deps;
  const hard = new AbortController();
  // Every call in flight listens to this one signal: hundreds of listeners are expected.
  setMaxListeners(0, hard.signal);
  const result: ScheduleResult = { stoppedBy: undefined, stopReason: undefined, aborted: false, reviewedNow: 0, failedNow: 0 };
  const inFlight = new Set<number>();
  let graceTimer: NodeJS.Timeout | undefined;
  let wakeOnAbort: () => void = () => {};
  const aborted = new Promise<void>((resolve) => (wakeOnAbort = resolve));

  const abortAll = (reason: string) => {
    if (hard.signal.aborted) return;
    result.aborted = inFlight.size > 0;
    if (inFlight.size > 0) emit({ event: 'aborting', reason, inFlight: inFlight.size });
    hard.abort(new Error(`batch aborted: ${reason}`));
    wakeOnAbort();
  };
  const onStop = () => {
    if (result.stoppedBy === 'signal') return;
    const reason = String(deps.stop?.reason ?? 'stop requested');
    result.stoppedBy = 'signal';
    result.stopReason = reason;
    emit({ event: 'stopping', reason, graceMs: input.graceMs, inFlight: inFlight.size });
    graceTimer = setTimeout(() => abortAll(`${reason}: grace time of ${input.graceMs / 1000}s over`), input.graceMs);
  };
  const onAbortNow = () => abortAll(String(deps.abortNow?.reason ?? 'abort requested'));
  if (deps.stop?.aborted) onStop();
  else deps.stop?.addEventListener('abort', onStop, { once: true });
  if (deps.abortNow?.aborted) onAbortNow();
  else deps.abortNow?.addEventListener('abort', onAbortNow, { once: true });

  const at = () => deps.now().toISOString();
  const runItem = async (item: BatchItemRow): Promise<void> => {
    if (result.stoppedBy != null || hard.signal.aborted) return;
    let reservation: Reservation | undefined;
    if (budget != null) {
      const reserved = await budget.reserve(item.target);
      if (result.stoppedBy != null || hard.signal.aborted) {
        if (reserved.ok) budget.release(reserved.reservation);
        return;
      }
      if (!reserved.ok) {
        result.stoppedBy = 'budget';
        result.stopReason = `budget of $${budget.limitUsd} reached`;
        emit({ event: 'budget-stop', budgetUsd: budget.limitUsd, spentUsd: reserved.spentUsd, inFlightUsd: reserved.inFlightUsd, nextEstimateUsd: reserved.estimateUsd });
        return;
      }
      reservation = reserved.reservation;
    }
    const skip = deps.claim?.(item);
    if (skip != null) {
      if (reservation) budget?.release(reservation);
      emit({ event: 'tool-skipped', url: item.url, reason: skip.skip, reviewId: skip.reviewId });
      return;
    }
    let attempt: number;
    try {
      attempt = queries.startItem(item.id, at());
    } catch (error) {
      deps.unclaim?.(item);
      throw error;
    }
    const started = deps.now().getTime();
    inFlight.add(item.id);
    emit({ event: 'tool-start', url: item.url, target: item.target, attempt });
    try {
      const review = await deps.reviewItem(item, hard.signal);
      if ('skipped' in review) {
        if (reservation) budget?.release(reservation);
        queries.skipItem(item.id, review.skipped, review.reviewId, at());
        emit({ event: 'tool-skipped', url: item.url, reason: review.skipped, reviewId: review.reviewId });
        return;
      }
      result.reviewedNow += 1;
      if (reservation) budget?.settle(reservation, review.usage.costUsd);
      emit({ event: 'tool-done', url: item.url, reviewId: review.id, complete: review.panel.complete, costUsd: review.usage.costUsd, ms: deps.now().getTime() - started });
    } catch (error) {
      if (reservation) budget?.release(reservation);
      // Aborted: leave it 'running' for the next invocation; the database may be closed by now.
      if (hard.signal.aborted) return;
      const message = describeError(error);
      queries.failItem(item.id, message, at());
      result.failedNow += 1;
      emit({ event: 'tool-failed', url: item.url, error: message, ms: deps.now().getTime() - started });
    } finally {
      inFlight.delete(item.id);
      deps.unclaim?.(item);
    }
  };

  const limit = pLimit(input.concurrency);
  try {
    await Promise.race([Promise.all(input.todo.map((item) => limit(() => runItem(item)))), aborted]);
  } finally {
    clearTimeout(graceTimer);
    deps.stop?.removeEventListener('abort', onStop);
    deps.abortNow?.removeEventListener('abort', onAbortNow);
  }
  return result;
}
