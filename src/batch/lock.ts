/**
 * One batch per source at a time, for cron: a row in `batch_locks` (in the same database as
 * the run, so it moves with PANEL_DB) with the holder's pid, host and a heartbeat. A second
 * run of the same source is refused with one line (exit 1: this invocation did not do the
 * work). A holder that is gone — a dead pid on this host, or no heartbeat for `staleMs` from
 * anywhere — is taken over, so a SIGKILL never leaves the source locked.
 *
 * Two *different* sources may list the same tool, so the lock also claims each tool while it
 * is reviewed (`review_claims`, by normalised URL), under the same token, heartbeat and
 * takeover rule: overlapping batches never review one tool at once.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PanelError } from '../errors.js';
import { createClaimQueries, type BatchLockRow, type BatchQueries, type ClaimQueries, type ClaimRow } from '../store/index.js';

export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 60_000;

export class BatchLockedError extends PanelError {
  constructor(
    message: string,
    readonly holder: BatchLockRow,
  ) {
    super(message, { kind: 'batch-locked' });
  }
}

export interface LockDeps {
  queries: BatchQueries;
  /** Default: on the lock queries' database. */
  claims?: ClaimQueries;
  pid?: number;
  hostname?: string;
  now?: () => Date;
  isAlive?: (pid: number) => boolean;
  heartbeatMs?: number;
  staleMs?: number;
}

export interface BatchLock {
  /**
   * Claims a tool for this batch unless another live batch has it (returns that holder). On
   * success `thenCheck` runs in the same transaction, e.g. to see whether the tool has been
   * reviewed meanwhile.
   */
  claimTool<T>(url: string, thenCheck: () => T): { holder: ClaimRow } | { claimed: T };
  releaseTool(url: string): void;
  /** Releases every claim and the lock. Throws the first failure, after trying both. */
  release(): void;
}

/** Signal 0 checks existence only; EPERM means it exists under another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireBatchLock(source: string, deps: LockDeps): BatchLock {
  const now = deps.now ?? (() => new Date());
  const hostname = deps.hostname ?? os.hostname();
  const isAlive = deps.isAlive ?? isProcessAlive;
  const staleMs = deps.staleMs ?? STALE_MS;
  const at = now().toISOString();
  const candidate: BatchLockRow = {
    source,
    token: randomUUID(),
    pid: deps.pid ?? process.pid,
    hostname,
    acquiredAt: at,
    heartbeatAt: at,
  };
  const isStale = (holder: Pick<BatchLockRow, 'heartbeatAt' | 'hostname' | 'pid'>): boolean => {
    const silentMs = now().getTime() - Date.parse(holder.heartbeatAt);
    if (!(silentMs <= staleMs)) return true;
    return holder.hostname === hostname && !isAlive(holder.pid);
  };
  const holder = deps.queries.acquireLock(candidate, isStale);
  if (holder != null) {
    throw new BatchLockedError(
      `another batch of ${source} is running (pid ${holder.pid} on ${holder.hostname}, since ${holder.acquiredAt}): not starting a second one`,
      holder,
    );
  }
  const claims = deps.claims ?? createClaimQueries(deps.queries.database);
  const timer = setInterval(() => {
    try {
      const beat = now().toISOString();
      deps.queries.heartbeat(source, candidate.token, beat);
      claims.heartbeat(candidate.token, beat);
    } catch {
      // A busy database skips one beat; the stale limit is many beats long.
    }
  }, deps.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    claimTool(url, thenCheck) {
      const at = now().toISOString();
      const claim: ClaimRow = { url, token: candidate.token, source, pid: candidate.pid, hostname, claimedAt: at, heartbeatAt: at };
      return claims.claim(claim, isStale, thenCheck);
    },
    releaseTool(url) {
      if (!released) claims.release(url, candidate.token);
    },
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      let first: unknown;
      for (const step of [() => claims.releaseAll(candidate.token), () => deps.queries.releaseLock(source, candidate.token)]) {
        try {
          step();
        } catch (error) {
          first ??= error;
        }
      }
      if (first !== undefined) throw first;
    },
  };
}
