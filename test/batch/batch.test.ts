/**
 * `batch` in-process against the simulator: one draft per tool, skip logic and --force,
 * --limit, duplicates, failures that do not stop the batch, incomplete panels, the shared
 * limiter under 429s, the budget stop, the dry run, and the lock.
 */
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, readDb, tempDir, writeList, writePages, type Event } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

function setup(count: number, simulatorToUse: Simulator = simulator) {
  const dir = tempDir();
  const pages = writePages(dir, count);
  const list = writeList(dir, pages);
  const env = batchEnv(simulatorToUse, dir);
  const args = (...more: string[]) => [list, '--rate-limits', fastLimits(dir), ...more];
  return { dir, pages, list, env, args, db: env.PANEL_DB };
}

const report = (stdout: string) => JSON.parse(stdout) as BatchReport;
const names = (events: Event[]) => events.map((event) => event.event);

describe('batch', () => {
  it('reviews every tool once; the same command again skips them all; --force reviews them again', async () => {
    const { args, env, db, pages } = setup(5);
    const first = await batchCli(args('--json'), env);
    expect(first.code).toBe(0);
    const done = report(first.stdout);
    expect(done).toMatchObject({ status: 'done', resumed: false, tools: { inSource: 5, reviewed: 5, failed: 0, skipped: 0, left: 0 } });
    expect(done.usage.costUsd).toBeGreaterThan(0);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.throughputPerMinute).toBeGreaterThan(0);
    const view = readDb(db);
    expect(view.reviewCount).toBe(5);
    expect(view.items.every((item) => item.state === 'done' && item.attempts === 1 && item.reviewId != null)).toBe(true);
    expect(view.locks).toBe(0);
    expect(names(first.events)[0]).toBe('batch-start');
    expect(names(first.events).at(-1)).toBe('batch-end');
    expect(first.events.filter((event) => event.event === 'tool-done')).toHaveLength(5);

    const again = await batchCli(args('--json'), env);
    expect(again.code).toBe(0);
    expect(report(again.stdout).tools).toMatchObject({ skipped: 5, reviewed: 0 });
    expect(readDb(db).reviewCount).toBe(5);

    const forced = await batchCli(args('--json', '--force', '--limit', '2'), env);
    expect(forced.code).toBe(0);
    expect(report(forced.stdout).tools).toMatchObject({ reviewed: 2, skipped: 0 });
    const after = readDb(db);
    expect(after.reviewCount).toBe(7);
    expect(after.runs.map((run) => run.status)).toEqual(['done', 'done', 'done']);
    expect(pages).toHaveLength(5);
  });

  it('skips duplicates inside a source; a tool that cannot be read fails with its reason and the batch goes on', async () => {
    const dir = tempDir();
    const [one, two] = writePages(dir, 2);
    const list = writeList(dir, [one as string, "./tool-1.html", two as string, path.join(dir, 'missing.html')]);
    const run = await batchCli([list, '--json', '--rate-limits', fastLimits(dir)], batchEnv(simulator, dir));
    expect(run.code).toBe(1);
    const result = report(run.stdout);
    expect(result.tools).toMatchObject({ inSource: 3, duplicates: 1, reviewed: 2, failed: 1 });
    expect(result.failures).toEqual([
      expect.objectContaining({ target: path.join(dir, 'missing.html'), error: expect.stringMatching(/no such file/) }),
    ]);
    expect(run.events.find((event) => event.event === 'tool-failed')).toMatchObject({ error: expect.stringMatching(/no such file/) });
  });

  it('an incomplete panel is saved as a done draft with its failure (the editor regenerates the persona); exit 1', async () => {
    // Three invalid answers in a row from Anthropic: the Skeptic's first try and both re-asks.
    const faulty = await startSimulator({ script: [1, 2, 3].map(() => ({ provider: 'anthropic' as const, fault: 'invalidAnswer' as const })) });
    try {
      const { args, env, db } = setup(1, faulty);
      const run = await batchCli(args('--json'), env);
      expect(run.code).toBe(1);
      expect(report(run.stdout).tools).toMatchObject({ reviewed: 1, incomplete: 1, failed: 0, left: 0 });
      expect(readDb(db).reviewCount).toBe(1);
      expect(run.events.find((event) => event.event === 'tool-done')).toMatchObject({ complete: false });
    } finally {
      await faulty.close();
    }
  });

  it('the shared limiter: 429s pause the provider for every call, and every tool is still reviewed exactly once', async () => {
    const limited = await startSimulator({
      latencyMs: 5,
      rateLimit: { requestsPerMinute: 5_000 },
      faults: { rate429: 0.1 },
      script: [1, 2, 3, 4].map(() => ({ provider: 'openai' as const, fault: 'rate429' as const, retryAfterSeconds: 0.05 })),
      seed: 7,
    });
    try {
      const { args, env, db } = setup(12, limited);
      const run = await batchCli(args('--json', '--concurrency', '4'), env);
      expect(run.code).toBe(0);
      const result = report(run.stdout);
      expect(result.tools).toMatchObject({ reviewed: 12, failed: 0, incomplete: 0 });
      const openai = result.limiter.openai;
      expect(openai?.rateLimited).toBeGreaterThanOrEqual(4);
      expect(openai?.pauses).toBeGreaterThanOrEqual(1);
      expect(openai?.pausedMs).toBeGreaterThan(0);
      expect(run.events.some((event) => event.event === 'rate-limited' && event.provider === 'openai')).toBe(true);
      const view = readDb(db);
      expect([...view.reviewsPerTool.values()]).toEqual(Array(12).fill(1));
      // The simulator's own rate window was never hit: only injected refusals came back.
      expect(limited.stats().faults.rateLimited ?? 0).toBe(0);
      expect(limited.stats().faults.rate429).toBeGreaterThanOrEqual(4);
    } finally {
      await limited.close();
    }
  });

  it('stops starting tools at the budget, finishes those in flight, reports the stop (exit 1); a larger budget goes on', async () => {
    const { args, env, db } = setup(12);
    const plan = await batchCli(args('--dry-run', '--json'), env);
    const perTool = (JSON.parse(plan.stdout) as { tools: Array<{ estimateUsd: number }> }).tools[0]?.estimateUsd ?? 0;
    expect(perTool).toBeGreaterThan(0);
    const budget = (perTool * 3.5).toFixed(6);
    const run = await batchCli(args('--json', '--concurrency', '2', '--budget-usd', budget), env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/batch stopped: budget of \$[\d.]+ reached .*; \d+ tools not started/);
    const result = report(run.stdout);
    expect(result.status).toBe('budget');
    expect(result.tools.reviewed).toBeGreaterThanOrEqual(1);
    expect(result.tools.reviewed).toBeLessThan(12);
    expect(result.tools.left).toBe(12 - result.tools.reviewed);

    const order = names(run.events);
    const stop = order.indexOf('budget-stop');
    expect(stop).toBeGreaterThan(0);
    expect(order.slice(stop).includes('tool-start')).toBe(false);
    const started = run.events.filter((event) => event.event === 'tool-start').map((event) => event.url);
    const finished = run.events.filter((event) => event.event === 'tool-done').map((event) => event.url);
    expect(finished.sort()).toEqual(started.sort());
    const view = readDb(db);
    expect(view.items.some((item) => item.state === 'running')).toBe(false);
    expect(view.reviewCount).toBe(result.tools.reviewed);
    expect(view.runs[0]?.status).toBe('budget');

    // The budget run is closed: the same command starts a new run, which skips what is done.
    const more = await batchCli(args('--json', '--budget-usd', '100'), env);
    expect(more.code).toBe(0);
    expect(report(more.stdout).tools).toMatchObject({ skipped: result.tools.reviewed, reviewed: 12 - result.tools.reviewed });
    expect(readDb(db).reviewCount).toBe(12);
  });

  it('--dry-run prints the plan and an estimated cost and calls nothing', async () => {
    const { args, env, db } = setup(3);
    const before = simulator.stats().requests;
    const run = await batchCli(args('--dry-run', '--budget-usd', '1'), env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/3 tools in the source, 0 already reviewed, 3 to review/);
    expect(run.stdout).toMatch(/Estimated cost: ~\$[\d.]+ for 3 tools/);
    expect(run.stdout).toMatch(/Budget \$1: covers about 3 of them/);
    expect(simulator.stats().requests).toBe(before);
    expect(readDb(db).runs).toEqual([]);
  });

  it('refuses to run while another batch of the same source holds the lock; a dead holder is taken over', async () => {
    const { args, env, db, list } = setup(1);
    await batchCli(args('--dry-run'), env); // creates and migrates the database
    const lock = (pid: number) => {
      const connection = new Database(db);
      const at = new Date().toISOString();
      connection
        .prepare('INSERT OR REPLACE INTO batch_locks (source, token, pid, hostname, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(list, 'someone-else', pid, os.hostname(), at, at);
      connection.close();
    };
    lock(process.pid); // alive: this very process
    const refused = await batchCli(args(), env);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: another batch of .*tools\\.txt is running \\(pid ${process.pid} on .*\\): not starting a second one$`)),
    ]);
    expect(readDb(db).runs).toEqual([]);

    lock(2 ** 22 + 12345); // above Linux's pid_max: no such process
    const taken = await batchCli(args('--json'), env);
    expect(taken.code).toBe(0);
    expect(readDb(db).locks).toBe(0);
  });
});
