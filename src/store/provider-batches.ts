/**
 * Provider batches of a batch run in SQLite (migration 040): which requests were handed to
 * which provider batch, and each request's stored outcome. Only queries live here; the order in
 * which they are called (the part that makes a kill safe) is `batch/provider-batches`'s.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';

export type ProviderBatchState = 'submitting' | 'submitted' | 'collected' | 'failed' | 'abandoned';
export type ProviderBatchItemState = 'pending' | 'ok' | 'error' | 'not-run';

export interface ProviderBatchRow {
  id: number;
  runId: number;
  model: string;
  batchId: string | null;
  state: ProviderBatchState;
  requests: number;
}

export interface ProviderBatchItemRow {
  customId: string;
  model: string;
  batch: number;
  state: ProviderBatchItemState;
  /** JSON of the ChatResult (ok) or of the error's fields (error). */
  resultJson: string | null;
  errorJson: string | null;
  costUsd: number | null;
}

export interface StoredOutcome {
  customId: string;
  state: Exclude<ProviderBatchItemState, 'pending'>;
  resultJson?: string;
  errorJson?: string;
  costUsd?: number;
}

const BATCH_COLUMNS = 'id, run_id AS runId, model, batch_id AS batchId, state, requests';
const ITEM_COLUMNS = 'custom_id AS customId, model, batch, state, result_json AS resultJson, error_json AS errorJson, cost_usd AS costUsd';

export function createProviderBatchQueries(db: Database.Database) {
  const insertBatch = db.prepare(`
    INSERT INTO provider_batches (run_id, model, state, requests, created_at) VALUES (@runId, @model, 'submitting', @requests, @at)`);
  const insertItem = db.prepare(`
    INSERT INTO provider_batch_items (run_id, batch, custom_id, model, state) VALUES (@runId, @batch, @customId, @model, 'pending')`);
  const submitted = db.prepare(`
    UPDATE provider_batches SET state = 'submitted', batch_id = @batchId, submitted_at = @at WHERE id = @id AND state = 'submitting'`);
  const endBatch = db.prepare(`
    UPDATE provider_batches SET state = @state, provider_state = @providerState, reason = @reason, finished_at = @at WHERE id = @id`);
  const notRun = db.prepare(`
    UPDATE provider_batch_items SET state = 'not-run', finished_at = @at WHERE batch = @batch AND state = 'pending'`);
  const outcome = db.prepare(`
    UPDATE provider_batch_items SET state = @state, result_json = @resultJson, error_json = @errorJson, cost_usd = @costUsd, finished_at = @at
    WHERE run_id = @runId AND custom_id = @customId AND state = 'pending'`);
  const item = db.prepare<{ runId: number; customId: string }, ProviderBatchItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM provider_batch_items WHERE run_id = @runId AND custom_id = @customId`);
  const batch = db.prepare<[number], ProviderBatchRow>(`SELECT ${BATCH_COLUMNS} FROM provider_batches WHERE id = ?`);
  const open = db.prepare<[number], ProviderBatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM provider_batches WHERE run_id = ? AND state IN ('submitting', 'submitted') ORDER BY id`);
  const spend = db.prepare<[number], { batchUsd: number | null; requests: number }>(`
    SELECT SUM(cost_usd) AS batchUsd, COUNT(*) AS requests FROM provider_batch_items WHERE run_id = ? AND state IN ('ok', 'error')`);
  const counts = db.prepare<[number], { batches: number }>(`SELECT COUNT(*) AS batches FROM provider_batches WHERE run_id = ? AND batch_id IS NOT NULL`);

  return guardQueries({
    /**
     * Records a batch about to be submitted, with its items, in one transaction: written before
     * the provider hears of it, so a kill after submit still finds which requests it held.
     */
    beginBatch: db.transaction((runId: number, model: string, customIds: readonly string[], at: string): number => {
      const id = Number(insertBatch.run({ runId, model, requests: customIds.length, at }).lastInsertRowid);
      for (const customId of customIds) insertItem.run({ runId, batch: id, customId, model });
      return id;
    }),
    markSubmitted: (id: number, batchId: string, at: string): void => void submitted.run({ id, batchId, at }),
    /** Ends a batch that will give no (more) results: its pending items become not-run. */
    endBatch: db.transaction((id: number, state: 'failed' | 'abandoned', reason: string, at: string) => {
      endBatch.run({ id, state, providerState: null, reason, at });
      notRun.run({ batch: id, at });
    }),
    /** Stores every outcome of a batch and marks it collected, in one transaction; items it did not return become not-run. */
    collect: db.transaction((id: number, runId: number, outcomes: readonly StoredOutcome[], providerState: string, at: string) => {
      for (const row of outcomes) {
        outcome.run({ runId, customId: row.customId, state: row.state, resultJson: row.resultJson ?? null, errorJson: row.errorJson ?? null, costUsd: row.costUsd ?? null, at });
      }
      notRun.run({ batch: id, at });
      endBatch.run({ id, state: 'collected', providerState, reason: null, at });
    }),
    item: (runId: number, customId: string): ProviderBatchItemRow | undefined => item.get({ runId, customId }),
    batch: (id: number): ProviderBatchRow | undefined => batch.get(id),
    openBatches: (runId: number): ProviderBatchRow[] => open.all(runId),
    /** What the run's batch results cost (at the batch rate), and how many requests and batches. */
    spend(runId: number): { batchUsd: number; requests: number; batches: number } {
      const row = spend.get(runId);
      return { batchUsd: row?.batchUsd ?? 0, requests: row?.requests ?? 0, batches: counts.get(runId)?.batches ?? 0 };
    },
  }, db.name);
}

export type ProviderBatchQueries = ReturnType<typeof createProviderBatchQueries>;
