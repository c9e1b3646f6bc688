/**
 * One batch per source at a time, for cron: a row in `batch_locks` (in the same database as
 * the run, so it moves with PANEL_DB) with the holder's pid, host and a heartbeat. A second
 * run of the same source is refused with one line (exit 1: this invocation did not do the
 * work). A holder that is gone — a dead pid on this host, or no heartbeat for `staleMs` from
 * anywhere — is taken over, so a SIGKILL never leaves the source locked.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { PanelError } from '../errors.js';
import type { BatchLockRow, BatchQueries } from '../store/index.js';

export const HEARTBEAT_MS = 5_000;
export const STALE_MS = 60_000;

export class BatchLockedError extends PanelError {
  constructor(
    message: string,
    readonly holder: BatchLockRow,
  ) {
    super(message, { exitCode: 1 });
  }
}

export interface LockDeps {
  queries: BatchQueries;
  pid?: number;
  hostname?: string;
  now?: () => Date;
  isAlive?: (pid: number) => boolean;
  heartbeatMs?: number;
  staleMs?: number;
}

export interface BatchLock {
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
  const isStale = (holder: BatchLockRow): boolean => {
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
  const timer = setInterval(() => {
    try {
      deps.queries.heartbeat(source, candidate.token, now().toISOString());
    } catch {
      // A busy database skips one beat; the stale limit is many beats long.
    }
  }, deps.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      deps.queries.releaseLock(source, candidate.token);
    },
  };
}
