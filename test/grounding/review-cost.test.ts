/**
 * Issue 12's cost measure, on the simulator: the whole review (`review --json`, the real SDKs
 * on loopback, the default persona models) with grounding on, and the grounding calls' share of
 * what the review cost. The simulator counts tokens as characters / 4 and caches prefixes as
 * the providers do (src/simulator/cache.ts); its claim lists are shorter than a real model's,
 * so the figure is the simulator's, not a provider bill. Also: `--no-grounding` runs no model.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { projectPaths } from '../../src/paths.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const PAGES = ['aider-landing/page.html', 'dspy-landing/page.html', 'litellm/page.md', 'vllm/README.md', 'openrouter-auto-router/page.mdx'];
const page = (name: string) => path.join(projectPaths.fixtures, 'pages', name);

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

async function review(file: string, ...flags: string[]): Promise<Review> {
  const run = await cli(['review', file, '--json', '--no-save', ...flags], simulatorEnv(baseEnv(), simulator.baseUrls));
  expect(run.code, run.stderr).toBe(0);
  return Review.parse(JSON.parse(run.stdout));
}

describe('grounding cost', () => {
  // Five whole reviews: given room on a loaded machine (a measure, not a timing assert).
  it('is counted in the review usage and stays a small share of the review cost', { timeout: 180_000 }, async () => {
    const rows: string[] = [];
    const shares: number[] = [];
    for (const name of PAGES) {
      const result = await review(page(name));
      const grounding = result.grounding!;
      expect(grounding.mode).toBe('full');
      expect(grounding.model).toBe('openai:gpt-5.4-nano');
      const spent = grounding.usage!;
      const others = [...(result.profileUsage ? [result.profileUsage] : []), ...result.reviews.map((r) => r.usage)];
      const withoutGrounding = others.reduce((sum, usage) => sum + usage.costUsd, 0);
      // Counted like every call: the review's total is the profile, the panel and grounding.
      expect(result.usage.costUsd).toBeCloseTo(withoutGrounding + spent.costUsd, 6);
      expect(result.usage.inputTokens).toBe(others.reduce((sum, usage) => sum + usage.inputTokens, 0) + spent.inputTokens);
      const share = spent.costUsd / withoutGrounding;
      shares.push(share);
      rows.push(
        `  ${name.padEnd(34)} review $${withoutGrounding.toFixed(5)}  grounding $${spent.costUsd.toFixed(5)} (+${(share * 100).toFixed(1)}%)  ` +
          `${grounding.claims.length} claims, ${grounding.rewrites} rewrites, ${spent.inputTokens} in / ${spent.cachedInputTokens} cached / ${spent.outputTokens} out`,
      );
    }
    const mean = shares.reduce((sum, share) => sum + share, 0) / shares.length;
    console.log(`Added cost of grounding per review (simulator, default models):\n${rows.join('\n')}\n  mean +${(mean * 100).toFixed(1)}%`);
    expect(mean).toBeLessThanOrEqual(0.2);
  });

  it('--no-grounding runs only the free checks: no grounding model, no cost', { timeout: 60_000 }, async () => {
    const own = await startSimulator();
    try {
      const run = await cli(['review', page('aider-landing/page.html'), '--json', '--no-save', '--no-grounding'], simulatorEnv(baseEnv(), own.baseUrls));
      expect(run.code, run.stderr).toBe(0);
      const result = Review.parse(JSON.parse(run.stdout));
      expect(result.grounding).toMatchObject({ mode: 'deterministic', model: null, promptVersion: null, rewrites: 0 });
      expect(result.grounding?.usage).toBeUndefined();
      // The profile and the four personas, nothing else.
      expect(own.stats().requests).toBe(5);
    } finally {
      await own.close();
    }
  });
});
