/**
 * Write transactions that survive a second writer. Every multi-row change runs inside
 * `BEGIN IMMEDIATE`, which takes SQLite's write lock before the first read, so the checks a
 * change makes (is it still a draft? which revision is current?) cannot go stale before it
 * commits, and a read transaction never has to be upgraded to a write one (the upgrade is what
 * fails with SQLITE_BUSY at once, without waiting for the busy timeout, in WAL mode).
 *
 * The connection's busy timeout (db.ts) already waits for the lock; this adds a few retries
 * with a short, jittered backoff for the cases the timeout does not cover (a lock held longer
 * than the timeout, a checkpoint, a snapshot conflict).
 */
import type Database from 'better-sqlite3';
import { PanelError } from '../errors.js';

export interface WriteRetry {
  /** Tries in all, the first included. */
  attempts: number;
  /** First wait; doubled on each retry, plus up to the same again as jitter. */
  backoffMs: number;
}

export const DEFAULT_WRITE_RETRY: WriteRetry = { attempts: 5, backoffMs: 25 };

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY…). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'));
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** better-sqlite3 is synchronous, so the wait between tries is too (it only blocks this process). */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Runs `work` in one IMMEDIATE transaction: all of it commits or none of it does. Retried on
 * SQLITE_BUSY (work must be safe to run again: it re-reads what it checks). Inside another
 * transaction it simply joins it (better-sqlite3 uses a savepoint).
 */
export function runWrite<T>(db: Database.Database, work: () => T, retry: WriteRetry = DEFAULT_WRITE_RETRY): T {
  const transaction = db.transaction(work);
  if (db.inTransaction) return transaction();
  for (let attempt = 1; ; attempt++) {
    try {
      return transaction.immediate();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (attempt >= retry.attempts) {
        throw new PanelError(`the database stayed locked by another process after ${attempt} tries; nothing was written, try again`, {
          cause: error,
        });
      }
      const wait = retry.backoffMs * 2 ** (attempt - 1);
      sleepSync(wait + Math.random() * wait);
    }
  }
}
