/**
 * Done when: `compare` and `publish` work on reviews made by `demo`. Two demo runs on two
 * bundled pages into the demo's own database, both approved at the desk for a trial site
 * (--allow-simulated), compared (verdict line written by the simulator, approved), published
 * with --allow-simulated (marked simulated, no local path), published again unchanged.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { projectPaths } from '../../src/paths.js';
import { ComparisonPage, PublishIndex, PublishedReview } from '../../src/publish/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { checkJsonSchema } from '../publish/json-schema-check.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const PAGES = [path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html'), path.join(projectPaths.fixtures, 'pages', 'ollama', 'README.md')];

describe('compare and publish on demo reviews', () => {
  it('run from a fresh database to published files', async () => {
    const demoEnv = simulatorEnv(baseEnv({ EDITOR_NAME: 'Ann' }), simulator.baseUrls);
    // The demo saves into PANEL_DEMO_DB; the desk, compare and publish look there when told to.
    const env = { ...demoEnv, PANEL_DB: demoEnv.PANEL_DEMO_DB };
    const run = async (...argv: string[]) => {
      const result = await cli(argv, env);
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
      return result;
    };
    for (const page of PAGES) expect((await cli(['demo', page], demoEnv)).code).toBe(0);

    // Drafts are not compared without --drafts…
    const refused = await cli(['compare', 'aider', 'ollama'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: Aider has no approved review: its draft [0-9a-f]{8} waits for an editor/);
    // …but can be previewed.
    expect(JSON.parse((await run('compare', 'aider', 'ollama', '--drafts', '--json')).stdout)).toMatchObject({ preview: true });

    await run('drafts', 'approve', 'aider', '--allow-simulated', '--allow-unchecked');
    await run('drafts', 'approve', 'ollama', '--allow-simulated', '--allow-unchecked');
    const page = ComparisonPage.parse(JSON.parse((await run('compare', 'aider', 'ollama', '--json')).stdout));
    expect(page).toMatchObject({ slug: 'aider-vs-ollama', title: 'Aider vs Ollama: Which AI Tool Should You Ship?', preview: false, verdictLine: null });
    expect(page.tools.map((card) => card.name)).toEqual(['Aider', 'Ollama']);
    expect(page.scorecard.map((row) => row.name)).toEqual(['Builder', 'Skeptic', 'Futurist', 'Creator']);

    const html = path.join(mkdtempSync(path.join(os.tmpdir(), 'demo-html-')), 'aider-vs-ollama.html');
    await run('compare', 'aider', 'ollama', '--save', '--html', html);
    expect(readFileSync(html, 'utf8')).toMatch(/<span class="label">Our verdict<\/span><span class="tag">Draft<\/span><p>\(simulated\)/);
    await run('compare', 'approve', 'aider-vs-ollama');
    await run('votes', 'ollama', 'ship', '--voter', 'demo-reader-1');

    const out = mkdtempSync(path.join(os.tmpdir(), 'demo-site-'));
    await run('publish', '--out', out, '--allow-simulated');
    const read = (file: string) => JSON.parse(readFileSync(path.join(out, file), 'utf8')) as unknown;
    const index = PublishIndex.parse(read('index.json'));
    expect(index.tools.map((tool) => tool.slug)).toEqual(['aider', 'ollama']);
    expect(index.comparisons.map((comparison) => comparison.file)).toEqual(['comparisons/aider-vs-ollama.json']);
    const published = ComparisonPage.parse(read('comparisons/aider-vs-ollama.json'));
    expect(published.verdictLine).toMatchObject({ status: 'approved', source: 'model' });
    expect(published.tools[1].community.text).toBe('100% ship · 1 vote');
    expect(PublishedReview.parse(read('tools/aider.json')).reviews).toHaveLength(4);
    expect(index.tools.map((tool) => tool.simulated)).toEqual([true, true]);
    expect(published.simulated).toBe(true);
    for (const [kind, file] of [['index', 'index.json'], ['tool', 'tools/aider.json'], ['tool', 'tools/ollama.json'], ['comparison', 'comparisons/aider-vs-ollama.json']] as const) {
      expect(checkJsonSchema(read(`schemas/${kind}.schema.json`) as Record<string, unknown>, read(file)), file).toEqual([]);
    }

    const again = JSON.parse((await run('publish', '--out', out, '--json', '--allow-simulated')).stdout) as { written: string[]; unchanged: string[] };
    expect(again.written).toEqual([]);
    expect(again.unchanged).toHaveLength(readdirSync(out, { recursive: true }).filter((name) => String(name).endsWith('.json')).length);
  });
});
