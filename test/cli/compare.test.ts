/** `compare`, `votes` and `publish` end to end in-process on the reference tools. */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { ComparisonPage, PublishIndex } from '../../src/publish/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { referenceReview, referenceStore, TERRARIUM, type ReferenceStore } from '../publish/reference-fixture.js';

let simulator: Simulator;
let fixture: ReferenceStore;
let env: Record<string, string | undefined>;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  fixture = referenceStore();
  env = simulatorEnv(baseEnv({ PANEL_DB: fixture.dbPath, EDITOR_NAME: 'Ann' }), simulator.baseUrls);
});
afterEach(() => fixture.cleanup());

const run = async (...argv: string[]) => {
  const result = await cli(argv, env);
  expect(result.code, result.stderr).toBe(0);
  return result;
};
const SLUG = 'openrouter-model-fusion-vs-terrarium';

describe('compare', () => {
  it('prints the summary: title, cards, decision table and scorecard', async () => {
    const { stdout, stderr } = await run('compare', 'openrouter-model-fusion', 'terrarium');
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship\?\n/);
    expect(stdout).toContain('No verdict line yet: write one with --save.');
    expect(stdout).toMatch(/^Panel verdict +Ship · 3 ship \/ 1 skip +Mixed · 2 ship \/ 2 skip$/m);
    expect(stdout).toMatch(/^Pricing +Pay-per-token \(per model in fusion pool\) +Open Source$/m);
    expect(stdout).toMatch(/^ {4}Terrarium: 45\/100 · skip$/m);
  });

  it('writes the page as HTML with --html, and marks a --drafts preview', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compare-html-'));
    const file = path.join(dir, 'page.html');
    const result = await run('compare', 'openrouter-model-fusion', 'terrarium', '--json', '--html', file);
    expect(result.stderr).toBe(`Wrote ${file}\n`);
    expect(ComparisonPage.parse(JSON.parse(result.stdout)).slug).toBe(SLUG);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<title>OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship? — Ship or Skip</title>');
    expect(html).not.toContain('Draft preview');
    // A newer draft of Terrarium: shown only with --drafts, and then as a preview.
    fixture.store.saveDraft({ ...referenceReview(TERRARIUM), id: 'c0000000-0000-4000-8000-000000000001', createdAt: '2026-04-22T00:00:00.000Z' });
    const approvedOnly = JSON.parse((await run('compare', 'openrouter-model-fusion', 'terrarium', '--json')).stdout) as ComparisonPage;
    expect(approvedOnly).toMatchObject({ preview: false, tools: [{}, { reviewId: 'a0000000-0000-4000-8000-000000000002' }] });
    const preview = await run('compare', 'openrouter-model-fusion', 'terrarium', '--drafts', '--html', file);
    expect(preview.stdout).toMatch(/^PREVIEW: built from draft reviews/m);
    expect(preview.stdout).toContain('review c0000000 (draft)');
    expect(readFileSync(file, 'utf8')).toContain('<strong>Draft preview.</strong>');
  });

  it('saves, shows, edits and approves the verdict line; the page then carries it', async () => {
    const saved = await run('compare', 'openrouter-model-fusion', 'terrarium', '--save');
    expect(saved.stdout).toMatch(/Our verdict \(draft; openrouter-model-fusion-vs-terrarium\):\n {2}\(simulated\)/);
    expect(saved.stdout).toContain('Note: saved a new draft');
    expect((await run('compare', 'openrouter-model-fusion', 'terrarium', '--save')).stdout).toContain('the stored line already matches these reviews');
    expect((await run('compare', 'list')).stdout).toMatch(/^ {2}openrouter-model-fusion-vs-terrarium +draft +\d{4}-\d\d-\d\d$/m);
    const edited = await run('compare', 'edit', SLUG, '--verdict-line', 'Fusion for builders now; Terrarium for agent teams that test.', '--by', 'Bea');
    expect(edited.stdout).toMatch(/Edited the verdict line of openrouter-model-fusion-vs-terrarium \(draft\) by Bea\./);
    expect(edited.stdout).toMatch(/The model \(openai:gpt-5.4-mini\) said:\n {2}\(simulated\)/);
    expect((await run('compare', 'approve', SLUG)).stdout).toBe(`Approved ${SLUG} by Ann: it is published with the next npm run publish.\n`);
    const page = JSON.parse((await run('compare', 'terrarium', 'openrouter-model-fusion', '--json')).stdout) as ComparisonPage;
    expect(page.slug).toBe('terrarium-vs-openrouter-model-fusion');
    expect(page.verdictLine).toEqual({ text: 'Fusion for builders now; Terrarium for agent teams that test.', status: 'approved', source: 'editor', model: 'openai:gpt-5.4-mini', label: 'Written by openai:gpt-5.4-mini, edited by an editor' });
    const shown = JSON.parse((await run('compare', 'show', SLUG, '--json')).stdout) as { lines: unknown[]; row: { status: string } };
    expect(shown.row.status).toBe('approved');
    expect(shown.lines).toHaveLength(2);
  });
});

describe('votes', () => {
  it('records votes and shows the count; pages show it', async () => {
    expect((await run('votes', 'terrarium')).stdout).toBe('Terrarium: No community votes yet\n');
    await run('votes', 'terrarium', 'ship', '--voter', 'reader-0001');
    await run('votes', 'https://github.com/evolvent-ai/terrarium', 'ship', '--voter', 'reader-0002');
    expect((await run('votes', 'a0000000-0000-4000-8000-000000000002', 'skip', '--voter', 'reader-0003')).stdout).toBe('Recorded a skip vote for Terrarium: 67% ship · 3 votes\n');
    expect(JSON.parse((await run('votes', 'terrarium', '--json')).stdout)).toMatchObject({ tool: { slug: 'terrarium' }, community: { ship: 2, skip: 1, figure: '67%' } });
    expect((await run('compare', 'openrouter-model-fusion', 'terrarium')).stdout).toMatch(/^Community +No community votes yet +67% ship · 3 votes$/m);
  });
});

describe('publish', () => {
  it('writes the site files, then reports nothing to write', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'publish-cli-'));
    const first = await run('publish', '--out', out);
    expect(first.stdout).toMatch(/^Published 3 tools and 0 comparisons to .* \(updatedAt 2026-04-20T10:00:02\.000Z\)\.\nFiles: 9 written, 0 unchanged, 0 removed\.\n/);
    const again = await run('publish', '--out', out, '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ written: [], removed: [], skipped: [] });
    expect(PublishIndex.parse(JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'))).tools).toHaveLength(3);
  });

  it('has --help for each command', async () => {
    for (const command of ['compare', 'votes', 'publish']) expect((await run(command, '--help')).stdout).toMatch(new RegExp(`^Usage: npm run ${command} -- `));
  });
});
