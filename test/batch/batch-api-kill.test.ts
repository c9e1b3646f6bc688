/**
 * Issue 11's "done when" for provider batch APIs: a 100-tool batch in `--mode batch-api`, the
 * real CLI in a child process against the simulator's OpenAI Batch interface (through the real
 * SDK), killed with SIGKILL twice while its provider batches are held in flight, then run to
 * the end. Every tool has exactly one draft, the simulator saw every customId submitted exactly
 * once and answered no call online, and the run cost at most half what the same tools cost
 * online (a fresh simulator, the same price table). The test releases the batches itself: it
 * waits for events, never for a clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/batch/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchEnv, fastLimits, readDb, spawnBatch, startPageServer, tempDir, writeList, type Event, type PageServer } from './support.js';

const TOOLS = 100;

let simulator: Simulator;
let pages: PageServer;
beforeAll(async () => {
  simulator = await startSimulator({ seed: 7 });
  pages = await startPageServer();
});
afterAll(async () => {
  await simulator.close();
  await pages.close();
});

const submittedRequests = (events: Event[]) =>
  events.reduce((sum, event) => sum + (event.event === 'provider-batch-submitted' ? (event.requests as number) : 0), 0);
const onlineCalls = (sim: Simulator) => sim.calls.filter((call) => !call.path.startsWith('batch:') && call.path.includes('/chat/completions')).length;

describe('a 100-tool batch in batch-API mode, killed twice while batches are in flight', () => {
  it('reviews every tool exactly once, submits every request once, at half the online cost', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const list = writeList(dir, pages.urls(TOOLS));
    const env = {
      ...batchEnv(simulator, dir),
      PANEL_MODEL: 'openai:gpt-5.4-mini',
      PANEL_BATCH_MODE: 'batch-api',
      PANEL_BATCH_POLL_MS: '50',
      PANEL_BATCH_FLUSH_MS: '300',
    };
    const args = [list, '--rate-limits', fastLimits(dir)];

    // 1: the profile calls go out as a provider batch, held; killed while it is in flight.
    simulator.batches.hold();
    const first = spawnBatch(args, env);
    // Killed once every profile request is in a recorded batch: no submit is then half done
    // (that window is the collector's unit test's), so no request needs the online path.
    await first.waitFor((event, all) => event.event === 'provider-batch-submitted' && submittedRequests(all) === TOOLS);
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(simulator.batches.held()).toBeGreaterThan(0);
    expect(readDb(env.PANEL_DB).reviewCount).toBe(0);

    // 2: re-attaches to the held batch (no second submit); the test lets it end, the persona
    // calls go out as the next batch, held again; killed while that one is in flight.
    const second = spawnBatch(args, env);
    await second.waitFor((event) => event.event === 'provider-batch-resumed');
    simulator.batches.release();
    simulator.batches.hold();
    await second.waitFor((event, all) => event.event === 'provider-batch-submitted' && submittedRequests(all) === 4 * TOOLS);
    second.process.kill('SIGKILL');
    expect((await second.exited).signal).toBe('SIGKILL');
    expect(simulator.batches.held()).toBeGreaterThan(0);
    const resumedFirst = second.events.filter((event) => event.event === 'provider-batch-resumed').length;
    expect(resumedFirst).toBeGreaterThan(0);

    // 3: `batch --resume` (no source: the newest unfinished run, with its options and mode)
    // re-attaches again, the test releases everything, and the run finishes.
    const { PANEL_BATCH_MODE: _mode, ...withoutMode } = env;
    const last = spawnBatch(['--resume', '--json', '--rate-limits', fastLimits(dir)], withoutMode);
    await last.waitFor((event) => event.event === 'provider-batch-resumed');
    simulator.batches.release();
    const exit = await last.exited;
    expect(exit.code, last.stderr().slice(-2000)).toBe(0);
    const report = JSON.parse(last.stdout()) as BatchReport;
    expect(report).toMatchObject({ status: 'done', resumed: true, tools: { inSource: TOOLS, reviewed: TOOLS, failed: 0, incomplete: 0, left: 0 } });

    const view = readDb(env.PANEL_DB);
    expect(view.reviewCount).toBe(TOOLS);
    expect([...view.reviewsPerTool.values()].every((count) => count === 1)).toBe(true);
    expect(view.runs).toEqual([{ id: 1, status: 'done', invocations: 3 }]);
    const stats = simulator.batches.stats();
    const batchEvents = [first, second, last].map((child) => child.events.filter((event) => event.event.startsWith('provider-batch')).map((event) => `${event.event}:${String(event.requests ?? event.succeeded)}`));
    console.info(JSON.stringify({ customIds: stats.byCustomId.size, online: onlineCalls(simulator), batchEvents }));
    // 1 profile + 4 personas per tool, each submitted exactly once over the three processes.
    expect(stats.byCustomId.size).toBe(TOOLS * 5);
    expect(stats.maxPerCustomId).toBe(1);
    expect(onlineCalls(simulator)).toBe(0);
    expect(report.batchApi).toMatchObject({ mode: 'batch-api', batchRequests: TOOLS * 5, batchShare: 1 });

    // The same tools online, on a fresh simulator (its cache as cold as the batch run's was).
    const fresh = await startSimulator({ seed: 7 });
    try {
      const onlineDir = tempDir();
      const online = spawnBatch([list, '--json', '--concurrency', '8', '--rate-limits', fastLimits(onlineDir)], {
        ...batchEnv(fresh, onlineDir),
        PANEL_MODEL: 'openai:gpt-5.4-mini',
      });
      const onlineExit = await online.exited;
      expect(onlineExit.code, online.stderr().slice(-1000)).toBe(0);
      const onlineReport = JSON.parse(online.stdout()) as BatchReport;
      expect(onlineReport.tools.reviewed).toBe(TOOLS);
      const ratio = report.usage.costUsd / onlineReport.usage.costUsd;
      console.info(JSON.stringify({ batchUsd: report.usage.costUsd, onlineUsd: onlineReport.usage.costUsd, ratio, batches: stats.submissions }));
      // Half the online cost, within rounding: each call is priced to 1e-8 USD (500 calls: at
      // most 2.5e-6) and each report total to a micro-dollar.
      expect(report.usage.costUsd).toBeLessThanOrEqual(onlineReport.usage.costUsd / 2 + 4e-6);
      expect(ratio).toBeGreaterThan(0.3);
    } finally {
      await fresh.close();
    }
  });
});
