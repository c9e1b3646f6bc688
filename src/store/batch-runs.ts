/**
 * Batch runs in SQLite (migration 010): the run row, one row per tool, and the per-source lock.
 * Only queries live here; what a state means and when it changes is `batch/`'s business.
 * Statements are prepared once per connection: a batch touches its items thousands of times.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';
import { PanelError } from '../errors.js';

export type BatchRunStatus = 'running' | 'interrupted' | 'budget' | 'done';
export type BatchItemState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';
/** 'stale': `batch --stale`, whose tools come from the store (migration 063). */
export type BatchSourceKind = 'text' | 'json' | 'feed' | 'stale';

export interface BatchRunRow {
  id: number;
  runKey: string;
  source: string;
  sourceKind: BatchSourceKind;
  status: BatchRunStatus;
  invocations: number;
  startedAt: string;
}

export interface BatchItemRow {
  id: number;
  position: number;
  url: string;
  target: string;
  name: string | null;
  state: BatchItemState;
  attempts: number;
  reviewId: string | null;
  complete: boolean | null;
  costUsd: number | null;
  reason: string | null;
}

export interface NewBatchItem {
  runId: number;
  position: number;
  url: string;
  target: string;
  name: string | null;
  state: 'queued' | 'skipped';
  reviewId?: string | null;
  reason?: string | null;
}

/** Sums over a run's done items, from the drafts themselves (so resumes add up). */
export interface BatchRunUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteInputTokens: number;
  reasoningTokens: number;
  costUsd: number;
}

export interface BatchLockRow {
  source: string;
  token: string;
  pid: number;
  hostname: string;
  acquiredAt: string;
  heartbeatAt: string;
}

const ITEM_COLUMNS = `id, position, url, target, name, state, attempts, review_id AS reviewId,
  complete, cost_usd AS costUsd, reason`;

type RawItem = Omit<BatchItemRow, 'complete'> & { complete: 0 | 1 | null };
const toItem = (row: RawItem): BatchItemRow => ({ ...row, complete: row.complete == null ? null : row.complete === 1 });

export function createBatchQueries(db: Database.Database) {
  const openRun = db.prepare<[string], BatchRunRow>(`
    SELECT id, run_key AS runKey, source, source_kind AS sourceKind, status, invocations, started_at AS startedAt
    FROM batch_runs WHERE run_key = ? AND status IN ('running', 'interrupted')`);
  const latestOpen = db.prepare<[], { source: string; options: string }>(`
    SELECT source, options_json AS options FROM batch_runs WHERE status IN ('running', 'interrupted') ORDER BY updated_at DESC, id DESC LIMIT 1`);
  const insertRun = db.prepare(`
    INSERT INTO batch_runs (run_key, source, source_kind, options_json, status, started_at, updated_at)
    VALUES (@runKey, @source, @sourceKind, @options, 'running', @at, @at)`);
  const reopen = db.prepare(`
    UPDATE batch_runs SET status = 'running', invocations = invocations + 1, stop_reason = NULL, updated_at = @at
    WHERE id = @id`);
  const finish = db.prepare(`
    UPDATE batch_runs SET status = @status, stop_reason = @reason, updated_at = @at,
      finished_at = CASE WHEN @status IN ('done', 'budget') THEN @at ELSE NULL END
    WHERE id = @id`);
  const items = db.prepare<[number], RawItem>(`SELECT ${ITEM_COLUMNS} FROM batch_items WHERE run_id = ? ORDER BY position`);
  const insertItem = db.prepare(`
    INSERT INTO batch_items (run_id, position, url, target, name, state, review_id, reason, queued_at)
    VALUES (@runId, @position, @url, @target, @name, @state, @reviewId, @reason, @at)`);
  const start = db.prepare<{ id: number; at: string }, { attempts: number }>(`
    UPDATE batch_items SET state = 'running', attempts = attempts + 1, started_at = @at, finished_at = NULL
    WHERE id = @id AND state IN ('queued', 'running') RETURNING attempts`);
  const done = db.prepare(`
    UPDATE batch_items SET state = 'done', review_id = @reviewId, complete = @complete, cost_usd = @costUsd,
      reason = NULL, finished_at = @at
    WHERE id = @id AND state = 'running'`);
  const skip = db.prepare(`
    UPDATE batch_items SET state = 'skipped', reason = @reason, review_id = @reviewId, finished_at = @at
    WHERE id = @id AND state IN ('queued', 'running')`);
  const fail = db.prepare(`
    UPDATE batch_items SET state = 'failed', reason = @reason, finished_at = @at WHERE id = @id AND state = 'running'`);
  // A tool counts as reviewed when a draft for its normalised URL was made with these exact
  // prompt and persona versions, found either by the tool's URL or through a batch item (the
  // page may have declared a canonical URL other than the one listed).
  const prior = db.prepare<{ url: string; prompts: string; personas: string }, { id: string }>(`
    SELECT r.id FROM reviews r JOIN tools t ON t.id = r.tool_id
    WHERE t.url = @url AND r.prompt_version = @prompts AND r.persona_versions_json = @personas
    UNION ALL
    SELECT r.id FROM batch_items i JOIN reviews r ON r.id = i.review_id
    WHERE i.url = @url AND i.state = 'done' AND r.prompt_version = @prompts AND r.persona_versions_json = @personas
    LIMIT 1`);
  // From the draft as the engine wrote it (review_json never changes): what the batch spent,
  // not what editors' regenerations added to the review later.
  const usage = db.prepare<[number], BatchRunUsage>(`
    SELECT coalesce(sum(json_extract(r.review_json, '$.usage.inputTokens')), 0) AS inputTokens,
           coalesce(sum(json_extract(r.review_json, '$.usage.outputTokens')), 0) AS outputTokens,
           coalesce(sum(json_extract(r.review_json, '$.usage.cachedInputTokens')), 0) AS cachedInputTokens,
           coalesce(sum(json_extract(r.review_json, '$.usage.cacheWriteInputTokens')), 0) AS cacheWriteInputTokens,
           coalesce(sum(json_extract(r.review_json, '$.usage.reasoningTokens')), 0) AS reasoningTokens,
           coalesce(sum(i.cost_usd), 0) AS costUsd
    FROM batch_items i JOIN reviews r ON r.id = i.review_id WHERE i.run_id = ? AND i.state = 'done'`);
  const lockOf = db.prepare<[string], BatchLockRow>(`
    SELECT source, token, pid, hostname, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt
    FROM batch_locks WHERE source = ?`);
  const putLock = db.prepare(`
    INSERT OR REPLACE INTO batch_locks (source, token, pid, hostname, acquired_at, heartbeat_at)
    VALUES (@source, @token, @pid, @hostname, @acquiredAt, @heartbeatAt)`);
  const beat = db.prepare('UPDATE batch_locks SET heartbeat_at = @at WHERE source = @source AND token = @token');
  const unlock = db.prepare('DELETE FROM batch_locks WHERE source = @source AND token = @token');

  const finishWithDraft = db.transaction(
    (id: number, saveDraft: () => void, result: { reviewId: string; complete: boolean; costUsd: number }, at: string) => {
      saveDraft();
      const changed = done.run({ id, ...result, complete: result.complete ? 1 : 0, at }).changes;
      if (changed !== 1) throw new PanelError(`batch item ${id} is no longer running: draft not saved`);
    },
  );
  const acquire = db.transaction((candidate: BatchLockRow, isStale: (holder: BatchLockRow) => boolean) => {
    const holder = lockOf.get(candidate.source);
    if (holder != null && holder.token !== candidate.token && !isStale(holder)) return holder;
    putLock.run(candidate);
    return undefined;
  });

  return guardQueries({
    /** The connection, for the claims on the same database. */
    database: db,
    findOpenRun: (runKey: string): BatchRunRow | undefined => openRun.get(runKey),
    /** The unfinished run touched last, with the options of its first invocation (`batch --resume`). */
    latestOpenRun(): { source: string; options: unknown } | undefined {
      const row = latestOpen.get();
      return row == null ? undefined : { source: row.source, options: JSON.parse(row.options) as unknown };
    },
    createRun(run: { runKey: string; source: string; sourceKind: BatchSourceKind; options: unknown; at: string }): number {
      const result = insertRun.run({ ...run, options: JSON.stringify(run.options) });
      return Number(result.lastInsertRowid);
    },
    reopenRun: (id: number, at: string): void => void reopen.run({ id, at }),
    finishRun(id: number, status: Exclude<BatchRunStatus, 'running'>, reason: string | null, at: string): void {
      finish.run({ id, status, reason, at });
    },
    items: (runId: number): BatchItemRow[] => items.all(runId).map(toItem),
    /** Adds items in one transaction (a 10,000-line source is one commit, not 10,000). */
    addItems: db.transaction((rows: NewBatchItem[], at: string) => {
      for (const row of rows) insertItem.run({ reviewId: null, reason: null, ...row, at });
    }),
    /** queued (or left running by a killed process) → running; returns the attempt number. */
    startItem(id: number, at: string): number {
      const row = start.get({ id, at });
      if (row == null) throw new PanelError(`batch item ${id} cannot start: it is not queued`);
      return row.attempts;
    },
    failItem: (id: number, reason: string, at: string): void => void fail.run({ id, reason, at }),
    /** queued → skipped, with why (and the review that made it unnecessary, if any). */
    skipItem: (id: number, reason: string, reviewId: string | null, at: string): void => void skip.run({ id, reason, reviewId, at }),
    /**
     * Runs `saveDraft` and marks the item done in ONE transaction: either both are written or
     * neither is, so a kill at any moment leaves no draft without its item or the reverse.
     */
    finishItemWithDraft(
      id: number,
      saveDraft: () => void,
      result: { reviewId: string; complete: boolean; costUsd: number },
      at: string,
    ): void {
      // IMMEDIATE: take the write lock first, so the draft's own transaction cannot hit BUSY halfway.
      finishWithDraft.immediate(id, saveDraft, result, at);
    },
    priorReview(url: string, versions: { prompts: string; personas: Record<string, string> }): string | undefined {
      return prior.get({ url, prompts: versions.prompts, personas: JSON.stringify(versions.personas) })?.id;
    },
    runUsage: (runId: number): BatchRunUsage => usage.get(runId) ?? { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0, costUsd: 0 },
    /** Takes the lock unless a live holder has it; returns that holder when refused. */
    acquireLock(candidate: BatchLockRow, isStale: (holder: BatchLockRow) => boolean): BatchLockRow | undefined {
      return acquire.immediate(candidate, isStale);
    },
    heartbeat: (source: string, token: string, at: string): boolean => beat.run({ source, token, at }).changes === 1,
    releaseLock: (source: string, token: string): void => void unlock.run({ source, token }),
  }, db.name);
}

export type BatchQueries = ReturnType<typeof createBatchQueries>;
