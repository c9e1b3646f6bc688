/**
 * The real process and its signals: SIGTERM stops gracefully (no new tools, in-flight ones
 * finish, exit 1 with one line, the same command resumes); a second SIGINT aborts the tools in
 * flight, which stay 'running' and are redone once; and a second run of the same source while
 * one is running is refused by the lock.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, readDb, spawnBatch, tempDir, writeList, writePages } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ recordCalls: false });
});
afterAll(() => simulator.close());
// Each test holds the simulator's answers so the tools it signals are still in flight however
// slow the machine is, and releases them only once the event it waits for has been printed.
beforeEach(() => simulator.hold());
afterEach(() => simulator.release());

function setup(count: number) {
  const dir = tempDir();
  const list = writeList(dir, writePages(dir, count));
  // Held answers must not time out while the test runs its other steps.
  const env = batchEnv(simulator, dir, { PANEL_CALL_TIMEOUT_MS: '600000' });
  return { env, args: [list, '--concurrency', '2', '--rate-limits', fastLimits(dir)], db: env.PANEL_DB };
}

const started = (event: { event: string }, all: Array<{ event: string }>) =>
  event.event === 'tool-start' && all.filter((each) => each.event === 'tool-start').length >= 2;

describe('signals', () => {
  it('a second run of the source is refused while the first runs; SIGTERM then stops it gracefully; the same command resumes', async () => {
    const { env, args, db } = setup(8);
    const child = spawnBatch(args, env);
    await child.waitFor(started);

    const second = await batchCli(args, env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^error: another batch of .*tools\.txt is running \(pid \d+ on .*\): not starting a second one\n$/);

    child.process.kill('SIGTERM');
    await child.waitFor((event) => event.event === 'stopping');
    simulator.release();
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    const lines = child.stderr().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^batch interrupted \(SIGTERM\): \d+ tools left — run the same command to resume$/);
    const order = child.events.map((event) => event.event);
    expect(order).toContain('stopping');
    expect(order).not.toContain('aborting');
    expect(order.slice(order.indexOf('stopping')).includes('tool-start')).toBe(false);
    // Everything that had started finished: nothing is left running, and each done item has its draft.
    const view = readDb(db);
    expect(view.items.some((item) => item.state === 'running')).toBe(false);
    const done = view.items.filter((item) => item.state === 'done').length;
    // Exactly the two tools in flight when the signal came (nothing had an answer before it).
    expect(done).toBe(2);
    expect(view.reviewCount).toBe(done);
    expect(view.runs).toEqual([{ id: 1, status: 'interrupted', invocations: 1 }]);
    expect(view.locks).toBe(0);

    const resumed = await batchCli([...args, '--json'], env);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout) as BatchReport).toMatchObject({ runId: 1, resumed: true, reviewedNow: 8 - done, tools: { reviewed: 8 } });
    expect(readDb(db).reviewCount).toBe(8);
  });

  it('a second SIGINT aborts the tools in flight: they stay running, save nothing, and are redone once', async () => {
    const { env, args, db } = setup(6);
    const child = spawnBatch(args, env);
    await child.waitFor(started);
    child.process.kill('SIGINT');
    await child.waitFor((event) => event.event === 'stopping');
    child.process.kill('SIGINT');
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.events.find((event) => event.event === 'aborting')).toMatchObject({ inFlight: 2 });
    expect(child.stderr().trim().split('\n').at(-1)).toMatch(/^batch interrupted \(SIGINT\)/);
    const view = readDb(db);
    const running = view.items.filter((item) => item.state === 'running');
    expect(running).toHaveLength(2);
    expect(view.reviewCount).toBe(view.items.filter((item) => item.state === 'done').length);

    simulator.release();
    const resumed = await batchCli([...args, '--json'], env);
    expect(resumed.code).toBe(0);
    const after = readDb(db);
    expect(after.items.every((item) => item.state === 'done')).toBe(true);
    expect(after.reviewCount).toBe(6);
    for (const item of running) expect(after.items.find((each) => each.url === item.url)?.attempts).toBe(2);
  });
});
