/**
 * A simulated draft never reaches the site by accident: the demo saves into its own database,
 * the desk will not approve a simulated review, `publish` leaves simulated reviews out unless
 * --allow-simulated (and then marks them), and no local file path is ever published.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { PROJECT_ROOT, projectPaths } from '../../src/paths.js';
import { PublishIndex, PublishedReview } from '../../src/publish/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const AIDER = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');

function publishedText(out: string): string {
  return (readdirSync(out, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.json'))
    .map((file) => readFileSync(path.join(out, file), 'utf8'))
    .join('\n');
}

describe('simulated reviews', () => {
  it('the demo saves into PANEL_DEMO_DB, never PANEL_DB', async () => {
    const env = simulatorEnv(baseEnv(), simulator.baseUrls);
    const run = await cli(['demo'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Saved as draft`);
    expect(run.stdout).toContain(`in ${env.PANEL_DEMO_DB}`);
    expect(existsSync(env.PANEL_DEMO_DB as string)).toBe(true);
    expect(existsSync(env.PANEL_DB as string)).toBe(false);
  });

  it('are refused by approve, left out by publish, and published marked only with --allow-simulated', async () => {
    const demoEnv = simulatorEnv(baseEnv({ EDITOR_NAME: 'Ann' }), simulator.baseUrls);
    expect((await cli(['demo', AIDER], demoEnv)).code).toBe(0);
    const env = { ...demoEnv, PANEL_DB: demoEnv.PANEL_DEMO_DB };

    const refused = await cli(['drafts', 'approve', 'aider'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: review \w{8} \(Aider\) is simulated \(npm run demo\): .*--allow-simulated only for a trial site\n$/);

    expect((await cli(['drafts', 'approve', 'aider', '--allow-simulated', '--allow-unchecked'], env)).code).toBe(0);
    const out = mkdtempSync(path.join(os.tmpdir(), 'sim-site-'));
    const plain = await cli(['publish', '--out', out, '--json'], env);
    expect(plain.code, plain.stderr).toBe(0);
    const result = JSON.parse(plain.stdout) as { index: PublishIndex; skipped: Array<{ slug: string; reason: string }> };
    expect(result.index.tools).toEqual([]);
    expect(result.skipped).toEqual([{ slug: 'aider', reason: expect.stringMatching(/simulated.*--allow-simulated/) }]);
    expect(existsSync(path.join(out, 'tools', 'aider.json'))).toBe(false);

    const trial = await cli(['publish', '--out', out, '--allow-simulated'], env);
    expect(trial.code, trial.stderr).toBe(0);
    const tool = PublishedReview.parse(JSON.parse(readFileSync(path.join(out, 'tools', 'aider.json'), 'utf8')));
    expect(tool.simulated).toBe(true);
    // Reviewed from a bundled file: no public address, and no path of this machine.
    expect(tool.tool.url).toBeNull();
    expect(Object.keys(tool.tool.facts)).not.toContain('source.file');
    const text = publishedText(out);
    expect(text).not.toContain(PROJECT_ROOT);
    expect(text).not.toMatch(/file:|page\.html/);
    expect(PublishIndex.parse(JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'))).tools[0]?.simulated).toBe(true);
  });

  it('a real review of a local file without a public address cannot be approved', async () => {
    const env = baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: simulator.baseUrls.openai, EDITOR_NAME: 'Ann' });
    const review = await cli(['review', AIDER], env);
    expect(review.code, review.stderr).toBe(0);
    const approve = await cli(['drafts', 'approve', 'aider'], env);
    expect(approve.code).toBe(2);
    expect(approve.stderr).toMatch(/^error: review \w{8} \(Aider\) has no public web address \(it was reviewed from a local file\): review the tool from its http\(s\) URL/);
  });
});
