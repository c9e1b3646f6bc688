/**
 * Two batches over overlapping sources at the same time review each tool once: a tool is
 * claimed in the store by its normalised URL while it is reviewed. Deterministic: the
 * simulator holds every answer until both batches have claimed (or skipped) all their tools,
 * so both are certainly "at once". Plus the takeover rule of a claim (dead pid, stale heartbeat).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { acquireBatchLock } from '../../src/batch/lock.js';
import { runCli } from '../../src/cli/run.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createBatchQueries, createClaimQueries, normalizeToolUrl, openStore } from '../../src/store/index.js';
import { batchEnv, fastLimits, parseEvents, readDb, tempDir, writeList, writePages, type Event } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

/** The batch CLI in-process, its JSON-line events visible while it runs. */
function startBatch(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const events: Event[] = [];
  // Grounding off: the test is about two batches sharing tools, timed for five calls a tool.
  const done = runCli(['batch', ...args, '--no-grounding'], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => {
      stderr += text;
      events.push(...parseEvents(text));
    },
    interactive: false,
  }, env).then((code) => ({ code, stdout, stderr, report: JSON.parse(stdout) as BatchReport }));
  return { events, done };
}

const until = async (condition: () => boolean, what: string): Promise<void> => {
  // Waiting for an event (each check yields to the batches' I/O), not for a length of time.
  for (let checks = 0; !condition(); checks++) {
    if (checks > 6_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('overlapping batches', () => {
  it('review every tool of both sources exactly once, even while both run at once', async () => {
    const dir = tempDir();
    const pages = writePages(dir, 9);
    const listA = writeList(dir, pages.slice(0, 6), 'a.txt'); // tools 1–6
    const listB = writeList(dir, pages.slice(3).reverse(), 'b.txt'); // tools 9–4: 4, 5, 6 overlap
    const env = batchEnv(simulator, dir);
    const limits = fastLimits(dir);
    simulator.hold();
    const a = startBatch([listA, '--json', '--concurrency', '10', '--rate-limits', limits], env);
    const b = startBatch([listB, '--json', '--concurrency', '10', '--rate-limits', limits], env);
    const settled = (events: Event[]) => events.filter((event) => event.event === 'tool-start' || event.event === 'tool-skipped').length;
    await until(() => settled(a.events) === 6 && settled(b.events) === 6, 'both batches claimed or skipped all their tools');
    const started = [...a.events, ...b.events].filter((event) => event.event === 'tool-start').length;
    // Every started tool has its profile call waiting at the simulator: all nine are in flight.
    await until(() => simulator.held() === started, 'every started tool reached the simulator');
    simulator.release();
    const [ra, rb] = await Promise.all([a.done, b.done]);

    expect(started).toBe(9);
    const view = readDb(env.PANEL_DB);
    expect(view.reviewCount).toBe(9);
    expect([...view.reviewsPerTool.values()].every((count) => count === 1)).toBe(true);
    expect(ra.report.tools.reviewed + rb.report.tools.reviewed).toBe(9);
    expect(ra.report.tools.skipped + rb.report.tools.skipped).toBe(3);
    const skipped = [...a.events, ...b.events].filter((event) => event.event === 'tool-skipped');
    expect(skipped.every((event) => /another batch \(.*\.txt, pid \d+ on .*\) is reviewing it/.test(String(event.reason)))).toBe(true);
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    const leftovers = openStore(env.PANEL_DB, { readonly: true });
    expect(leftovers.db.prepare('SELECT count(*) FROM review_claims').pluck().get()).toBe(0);
    leftovers.close();
  });

  it('a claim held by a live batch is respected; one by a dead process or with a stale heartbeat is taken over', () => {
    const dir = tempDir();
    const store = openStore(path.join(dir, 'panel.db'));
    const queries = createBatchQueries(store.db);
    const url = normalizeToolUrl('https://tool.example/');
    const clock = { now: new Date('2026-03-01T10:00:00Z') };
    const lock = (source: string, pid: number, hostname = 'here') =>
      acquireBatchLock(source, { queries, pid, hostname, now: () => clock.now, isAlive: (candidate) => candidate !== 4242, heartbeatMs: 3_600_000 });

    const live = lock('/a.txt', 100);
    expect(live.claimTool(url, () => 'mine')).toEqual({ claimed: 'mine' });
    const other = lock('/b.txt', 200);
    expect(other.claimTool(url, () => 'theirs')).toMatchObject({ holder: { source: '/a.txt', pid: 100 } });
    live.release();
    expect(other.claimTool(url, () => 'theirs')).toEqual({ claimed: 'theirs' });
    other.release();

    const dead = lock('/c.txt', 4242);
    dead.claimTool(url, () => null);
    expect(lock('/d.txt', 300).claimTool(url, () => 'after the dead one')).toEqual({ claimed: 'after the dead one' });

    const remote = lock('/e.txt', 500, 'elsewhere');
    createClaimQueries(store.db).release(url, 'none'); // no effect: wrong token
    store.db.prepare('DELETE FROM review_claims').run();
    remote.claimTool(url, () => null);
    expect(lock('/f.txt', 600).claimTool(url, () => 'x')).toMatchObject({ holder: { hostname: 'elsewhere' } });
    clock.now = new Date('2026-03-01T10:05:00Z'); // no heartbeat for five minutes: stale
    expect(lock('/g.txt', 700).claimTool(url, () => 'taken over')).toEqual({ claimed: 'taken over' });
    store.close();
  });
});
