/**
 * The durable collector of one model's provider batches in one run (`--mode batch-api`).
 *
 * A call's first attempt is queued under its customId (a hash of run, model and request: the
 * same call always has the same id, and identical calls of two tools share one item). When the
 * queue stops growing for `flushMs`, or holds `maxRequests`, it is flushed as one provider batch:
 *   1. the batch row ('submitting') and its items are written in one transaction,
 *   2. `submit` is called,
 *   3. the provider's batch id is written ('submitted').
 * Polling then reads the outcomes of an ended batch, stores them all in one transaction, and only
 * then hands them to the waiting calls: a tool that is killed after that point finds its answer
 * in the store on the next run, so nothing is submitted or paid for twice.
 *
 * A kill between 2 and 3 leaves a 'submitting' row whose batch may exist at the provider under an
 * id we never learnt. It is never submitted again: the next process marks it abandoned and its
 * calls are answered online (at worst such a request is billed twice, once in the orphan batch).
 * The window is one HTTP response plus one SQLite write.
 */
import { describeError, ProviderError } from '../errors.js';
import type { BatchItemOutcome, BatchItemRequest } from '../providers/batch-api.js';
import type { ChatRequest } from '../providers/index.js';
import type { ProviderBatchItemRow, StoredOutcome } from '../store/index.js';
import { decodeError, decodeResult, storedOutcome } from './batch-codec.js';
import type { BatchAnswer, CollectorOptions } from './collector-types.js';

export type { BatchAnswer, CollectorOptions } from './collector-types.js';

type Waiter = (answer: BatchAnswer) => void;

/** Submits of one batch refused by the provider (429, overloaded) before its calls go online. */
const SUBMIT_ATTEMPTS = 3;

export class BatchCollector {
  private readonly queue = new Map<string, BatchItemRequest>();
  private readonly waiters = new Map<string, Waiter[]>();
  /** Batch rows this process is submitting or polling. */
  private readonly active = new Set<number>();
  private readonly closer = new AbortController();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly submitting = new Set<Promise<unknown>>();
  private readonly now: () => Date;

  constructor(private readonly options: CollectorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get spec(): string {
    return this.options.spec;
  }

  get runId(): number {
    return this.options.runId;
  }

  /**
   * Re-attaches to the run's batches of this model left by an earlier process: submitted ones
   * are polled again; 'submitting' ones are abandoned (see the file comment).
   */
  resume(): void {
    const { queries, runId, spec, emit } = this.options;
    for (const row of queries.openBatches(runId)) {
      if (row.model !== spec || this.active.has(row.id)) continue;
      if (row.state === 'submitting' || row.batchId == null) {
        const reason = 'a previous process was killed while submitting it; its requests are answered online, never resubmitted';
        queries.endBatch(row.id, 'abandoned', reason, this.at());
        emit({ event: 'provider-batch-failed', model: spec, batchId: null, requests: row.requests, reason });
        continue;
      }
      emit({ event: 'provider-batch-resumed', model: spec, batchId: row.batchId, requests: row.requests });
      this.track(this.poll(row.id, row.batchId, true));
    }
  }

  /** The first attempt of a call: from the store if a batch answered it already, else queued. */
  call(request: ChatRequest, customId: string): Promise<BatchAnswer> {
    const stored = this.options.queries.item(this.options.runId, customId);
    if (stored != null && stored.state !== 'pending') return Promise.resolve(this.answerOf(stored));
    if (stored != null && !this.active.has(stored.batch)) {
      // Pending in a batch no one polls (resume() abandoned or re-attached it before this call).
      const batch = this.options.queries.batch(stored.batch);
      if (batch?.state !== 'submitted' || batch.batchId == null) return Promise.resolve({ kind: 'online', reason: 'its provider batch was lost' });
      this.track(this.poll(batch.id, batch.batchId, true));
    }
    const answer = new Promise<BatchAnswer>((resolve, reject) => {
      const signal = request.signal;
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = (value) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = () => {
        const list = this.waiters.get(customId);
        if (list) this.waiters.set(customId, list.filter((entry) => entry !== waiter));
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(customId, [...(this.waiters.get(customId) ?? []), waiter]);
    });
    if (stored == null && !this.queue.has(customId)) {
      const { signal: _signal, timeoutMs: _timeout, ...body } = request;
      this.queue.set(customId, { customId, request: body });
      this.scheduleFlush();
    }
    return answer;
  }

  /** Stops polling and flushing; calls still waiting are rejected by their own abort signals. */
  close(): void {
    clearTimeout(this.flushTimer);
    this.closer.abort(new Error('batch run closed'));
    this.queue.clear();
  }

  /** Resolves when every submit in progress has been recorded (or failed): before the store closes. */
  async submitted(): Promise<void> {
    while (this.submitting.size > 0) await Promise.allSettled([...this.submitting]);
  }

  /** Resolves when every submit and poll in progress has settled (tests, a clean exit). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private scheduleFlush(): void {
    if (this.closer.signal.aborted) return;
    clearTimeout(this.flushTimer);
    if (this.queue.size >= this.options.api.maxRequests) return void this.flush();
    this.flushTimer = setTimeout(() => this.flush(), this.options.flushMs);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    while (this.queue.size > 0) {
      const items = [...this.queue.values()].slice(0, this.options.api.maxRequests);
      for (const item of items) this.queue.delete(item.customId);
      this.track(this.submit(items));
    }
  }

  private async submit(items: BatchItemRequest[]): Promise<void> {
    const recorded = this.submitAndRecord(items);
    this.submitting.add(recorded);
    try {
      const batch = await recorded;
      if (batch != null) await this.poll(batch.rowId, batch.batchId, false);
    } finally {
      this.submitting.delete(recorded);
    }
  }

  /** Submits and records the provider's id; undefined when the submit failed (its calls went online). */
  private async submitAndRecord(items: BatchItemRequest[]): Promise<{ rowId: number; batchId: string } | undefined> {
    const { queries, runId, spec, emit } = this.options;
    const rowId = queries.beginBatch(runId, spec, items.map((item) => item.customId), this.at());
    this.active.add(rowId);
    let batchId: string;
    try {
      batchId = await this.submitOnce(items);
    } catch (error) {
      // Refused (or the answer was lost): the items go online. If the provider did create it,
      // its results are never read: the residual double-billing case, named in the event.
      const reason = `submit failed: ${describeError(error)}`;
      queries.endBatch(rowId, 'failed', reason, this.at());
      this.active.delete(rowId);
      emit({ event: 'provider-batch-failed', model: spec, batchId: null, requests: items.length, reason });
      for (const item of items) this.deliver(item.customId, { kind: 'online', reason });
      return undefined;
    }
    queries.markSubmitted(rowId, batchId, this.at());
    emit({ event: 'provider-batch-submitted', model: spec, batchId, requests: items.length });
    return { rowId, batchId };
  }

  /**
   * Retried only when the provider said no before taking the batch (429, overloaded): a timeout
   * or a reset may have created it, and a second submit would run its requests twice.
   */
  private async submitOnce(items: BatchItemRequest[]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        // Not aborted by close(): a submit cut off halfway may exist at the provider unrecorded;
        // the run waits for it to be recorded instead (submitted()).
        return await this.options.api.submit(items);
      } catch (error) {
        const refused = error instanceof ProviderError && (error.kind === 'rate-limit' || error.kind === 'overloaded');
        if (!refused || attempt >= SUBMIT_ATTEMPTS) throw error;
        const waitMs = Math.min(error.retryAfterMs ?? 1000 * 2 ** (attempt - 1), 60_000);
        if (!(await this.sleep(waitMs))) throw error;
      }
    }
  }

  private async poll(rowId: number, batchId: string, checkFirst: boolean): Promise<void> {
    const { queries, runId, spec, api, emit, price } = this.options;
    this.active.add(rowId);
    try {
      let wait = !checkFirst;
      for (;;) {
        if (wait && !(await this.sleep(this.options.pollMs))) return;
        wait = true;
        let state: string;
        let raw: string;
        try {
          ({ state, raw } = await api.status(batchId, this.closer.signal));
        } catch (error) {
          if (this.closer.signal.aborted) return;
          if (error instanceof ProviderError && !error.retryable) return this.lose(rowId, batchId, `status failed: ${describeError(error)}`);
          continue;
        }
        if (state === 'in-progress') continue;
        let outcomes: BatchItemOutcome[] = [];
        try {
          outcomes = await api.results(batchId, this.closer.signal);
        } catch (error) {
          if (this.closer.signal.aborted) return;
          // A failed or expired batch may have no results to read: every item is then not-run.
          if (state === 'ended' && (!(error instanceof ProviderError) || error.retryable)) continue;
        }
        const stored: StoredOutcome[] = outcomes.map((outcome) => storedOutcome(outcome, price));
        queries.collect(rowId, runId, stored, raw, this.at());
        const counted = { succeeded: 0, failed: 0, notRun: 0 };
        for (const row of stored) counted[row.state === 'ok' ? 'succeeded' : row.state === 'error' ? 'failed' : 'notRun'] += 1;
        const requests = queries.batch(rowId)?.requests ?? stored.length;
        counted.notRun += Math.max(0, requests - stored.length);
        emit({ event: 'provider-batch-done', model: spec, batchId, state, ...counted });
        this.deliverBatch(rowId);
        return;
      }
    } finally {
      this.active.delete(rowId);
    }
  }

  /** The batch cannot be read any more: its calls go online. */
  private lose(rowId: number, batchId: string, reason: string): void {
    this.options.queries.endBatch(rowId, 'failed', reason, this.at());
    this.options.emit({ event: 'provider-batch-failed', model: this.options.spec, batchId, requests: this.options.queries.batch(rowId)?.requests ?? 0, reason });
    this.deliverBatch(rowId);
  }

  /** Hands every waiting call of a finished batch row its stored answer. */
  private deliverBatch(rowId: number): void {
    for (const customId of [...this.waiters.keys()]) {
      const row = this.options.queries.item(this.options.runId, customId);
      if (row != null && row.batch === rowId && row.state !== 'pending') this.deliver(customId, this.answerOf(row));
    }
  }

  private deliver(customId: string, answer: BatchAnswer): void {
    const list = this.waiters.get(customId) ?? [];
    this.waiters.delete(customId);
    for (const waiter of list) waiter(answer);
  }

  private answerOf(row: ProviderBatchItemRow): BatchAnswer {
    if (row.state === 'ok' && row.resultJson != null) return { kind: 'ok', result: decodeResult(row.resultJson) };
    if (row.state === 'error' && row.errorJson != null) return { kind: 'error', error: decodeError(row.errorJson) };
    return { kind: 'online', reason: 'the provider batch did not run it (expired, cancelled or failed)' };
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => {
      // A database failure while storing outcomes: nothing is delivered; the run's own
      // database stop (index.ts) sees the same error on its next write.
      this.options.emit({ event: 'source-warning', message: `provider batch of ${this.options.spec}: ${describeError(error)}` });
    }).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.closer.signal.aborted) return resolve(false);
      const timer = setTimeout(() => {
        this.closer.signal.removeEventListener('abort', onClose);
        resolve(true);
      }, ms);
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      this.closer.signal.addEventListener('abort', onClose, { once: true });
    });
  }

  private at(): string {
    return this.now().toISOString();
  }
}
