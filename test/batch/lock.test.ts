/** The per-source lock: refused while a live holder beats, taken over from a dead or silent one. */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireBatchLock, BatchLockedError } from '../../src/batch/lock.js';
import { createBatchQueries, openStore, type Store } from '../../src/store/index.js';
import { tempDir } from './support.js';

let store: Store | undefined;
afterEach(() => store?.close());

function queries() {
  store = openStore(path.join(tempDir(), 'panel.db'));
  return createBatchQueries(store.db);
}

describe('batch lock', () => {
  it('refuses a second holder while the first is alive, and frees the source on release', () => {
    const batch = queries();
    const first = acquireBatchLock('/list.txt', { queries: batch, pid: 100, hostname: 'h', isAlive: () => true });
    expect(() => acquireBatchLock('/list.txt', { queries: batch, pid: 200, hostname: 'h', isAlive: () => true })).toThrow(BatchLockedError);
    // Another source is another lock.
    acquireBatchLock('/other.txt', { queries: batch, pid: 200, hostname: 'h', isAlive: () => true }).release();
    first.release();
    acquireBatchLock('/list.txt', { queries: batch, pid: 200, hostname: 'h', isAlive: () => true }).release();
  });

  it('takes over from a dead pid on this host, and from a holder whose heartbeat went silent', () => {
    const batch = queries();
    acquireBatchLock('/list.txt', { queries: batch, pid: 100, hostname: 'h', isAlive: () => true });
    // pid 100 died (SIGKILL): the next run on the same host takes the lock.
    acquireBatchLock('/list.txt', { queries: batch, pid: 200, hostname: 'h', isAlive: (pid) => pid !== 100 });
    // On another host the pid cannot be checked: only a silent heartbeat frees it.
    const later = () => new Date(Date.now() + 61_000);
    expect(() => acquireBatchLock('/list.txt', { queries: batch, pid: 300, hostname: 'other', isAlive: () => true })).toThrow(/pid 200 on h/);
    acquireBatchLock('/list.txt', { queries: batch, pid: 300, hostname: 'other', isAlive: () => true, now: later });
  });

  it('beats while held', async () => {
    const batch = queries();
    const lock = acquireBatchLock('/list.txt', { queries: batch, heartbeatMs: 5, now: () => new Date(Date.now() + 1000) });
    const before = store!.db.prepare('SELECT heartbeat_at AS at FROM batch_locks').get() as { at: string };
    await new Promise((resolve) => setTimeout(resolve, 30));
    const after = store!.db.prepare('SELECT heartbeat_at AS at FROM batch_locks').get() as { at: string };
    expect(Date.parse(after.at)).toBeGreaterThan(Date.parse(before.at));
    lock.release();
    expect(store!.db.prepare('SELECT count(*) AS n FROM batch_locks').get()).toEqual({ n: 0 });
  });
});
