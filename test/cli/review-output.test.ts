/** The readable summary, --dry-run, the demo, and the real process's exit codes. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectPaths } from '../../src/paths.js';
import { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

describe('review summary', () => {
  it('prints the verdict line, a row per persona, tokens, cost and where it was saved', async () => {
    const env = baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: simulator.baseUrls.openai });
    const run = await cli(['review', PAGE], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Aider — /m);
    expect(run.stdout).toMatch(/^Panel: (Ship|Mixed|Skip) · \d ship \/ \d skip — \d+% panel ship, mean score [\d.]+$/m);
    for (const name of ['Builder', 'Skeptic', 'Futurist', 'Creator']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name}\\s+\\d+/100 · (ship|skip)\\s+openai:gpt-5.4-mini · `, 'm'));
    }
    expect(run.stdout).toMatch(/^Tokens: [\d,]+ in \([\d,]+ cached\) · [\d,]+ out · cost \$[\d.]+ · [\d.]+s$/m);
    const saved = /Saved as draft ([0-9a-f-]{36}) in /.exec(run.stdout)?.[1];
    const db = new Database(env.PANEL_DB as string, { readonly: true });
    try {
      const row = db.prepare('select status, review_json from reviews where id = ?').get(saved) as { status: string; review_json: string };
      expect(row.status).toBe('draft');
      expect(Review.parse(JSON.parse(row.review_json)).id).toBe(saved);
    } finally {
      db.close();
    }
  });
});

describe('review --dry-run', () => {
  it('lists the calls with an estimated cost, calls nothing and needs no key', async () => {
    const before = simulator.stats().requests;
    const env = baseEnv();
    const run = await cli(['review', 'https://example.com/tool', '--dry-run'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^  profile\s+openai:gpt-5.4-mini/m);
    expect(run.stdout).toMatch(/^  skeptic\s+anthropic:claude-haiku-5-5/m);
    expect(run.stdout).toMatch(/^Estimated cost: ~\$[\d.]+ for 5 calls$/m);
    expect(run.stdout).toMatch(/Before a real run, set: .*OPENAI_API_KEY/);
    expect(simulator.stats().requests).toBe(before);
  });

  it('prints the plan as JSON with --json', async () => {
    const run = await cli(['review', PAGE, '--dry-run', '--json', '--model', 'openai:gpt-5.4-mini'], baseEnv({ OPENAI_API_KEY: 'k' }));
    const plan = JSON.parse(run.stdout) as { calls: Array<{ step: string; cachedInputTokens: number }>; costUsd: number };
    expect(plan.calls.map((call) => call.step)).toEqual(['profile', 'persona', 'persona', 'persona', 'persona']);
    // After the first persona call warms the cache, the others read the shared prefix from it.
    expect(plan.calls[2]?.cachedInputTokens).toBeGreaterThan(0);
    expect(plan.costUsd).toBeGreaterThan(0);
  });
});

describe('demo', () => {
  it('reviews the bundled page on all three providers, offline, and says it is simulated', async () => {
    const run = await cli(['demo', '--json'], baseEnv({ OPENAI_API_KEY: 'must-not-be-used', OPENAI_BASE_URL: 'https://api.openai.com/v1' }));
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/simulated, not from real models/);
    const review = Review.parse(JSON.parse(run.stdout));
    expect(review.simulated).toBe(true);
    expect(review.panel.complete).toBe(true);
    expect(new Set(review.reviews.map((each) => each.model.split(':')[0]))).toEqual(new Set(['openai', 'anthropic', 'google']));
  });
});

describe('the real process', () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/main.ts'), ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PANEL_DB: baseEnv().PANEL_DB },
      timeout: 20_000,
    });

  it('exits 2 with one line and no stack trace on bad input', () => {
    const result = run(['review', 'htp:/bad']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: .*only http and https/);
  });

  it('prints help and exits 0', () => {
    const result = run(['review', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--persona-model P=SPEC/);
  });
});
