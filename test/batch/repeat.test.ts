/** `batch --repeat N`: passed through to every review in online mode; refused in batch-api mode. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, tempDir, writeList, writePages } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ personaBias: [{ match: '', noise: 12 }] });
});
afterAll(() => simulator.close());

describe('batch --repeat', () => {
  it('reviews each tool with every persona asked N times', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 2));
    const env = batchEnv(simulator, dir);
    const run = await batchCli([list, '--rate-limits', fastLimits(dir), '--repeat', '2'], env);
    expect(run.code).toBe(0);
    const store = openStore(env.PANEL_DB);
    try {
      const drafts = store.listReviews({ status: 'draft' });
      expect(drafts).toHaveLength(2);
      for (const draft of drafts) {
        const review = store.getReview(draft.id);
        expect(review?.reviews.map((entry) => entry.runs?.length)).toEqual([2, 2, 2, 2]);
        expect(draft.attention).toBe(review?.routing?.attention);
      }
    } finally {
      store.close();
    }
  });

  it('is refused in batch-api mode (identical requests would share one batch item), dry run included', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 1));
    const env = batchEnv(simulator, dir);
    for (const extra of [[], ['--dry-run']]) {
      const run = await batchCli([list, '--mode', 'batch-api', '--repeat', '3', ...extra], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/batch-api mode cannot repeat a persona \(builder 3×, skeptic 3×, futurist 3×, creator 3×\)/);
    }
  });
});
