/**
 * `compare edit <a> <b> --verdict-line TEXT` with no provider key at all: the editor writes the
 * comparison's verdict line by hand, the draft is made without a model call, approved, and the
 * published page says the line was written by an editor.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ComparisonPage } from '../../src/publish/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { referenceReview, referenceStore, TERRARIUM, type ReferenceStore } from '../publish/reference-fixture.js';

let fixture: ReferenceStore;
let env: Record<string, string | undefined>;
beforeEach(() => {
  fixture = referenceStore();
  // No key of any provider, and every base URL pointing nowhere: any model call would fail.
  env = baseEnv({ PANEL_DB: fixture.dbPath, EDITOR_NAME: 'Ann', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9' });
});
afterEach(() => fixture.cleanup());

const SLUG = 'openrouter-model-fusion-vs-terrarium';
const LINE = 'Ship Fusion for multi-model answers today; try Terrarium when your agents need realistic test worlds.';

describe('compare edit <a> <b> without a model', () => {
  it('creates the draft with the editor line, then approves and publishes it as editor-written', async () => {
    const before = await cli(['compare', 'edit', SLUG, '--verdict-line', LINE], env);
    expect(before).toMatchObject({ code: 2, stdout: '' });
    expect(before.stderr).toContain('write one by hand with: npm run compare -- edit <tool> <tool> --verdict-line TEXT');
    const summary = await cli(['compare', 'openrouter-model-fusion', 'terrarium'], env);
    expect(summary.stdout).toContain('Or by hand, no model needed: npm run compare -- edit openrouter-model-fusion terrarium --verdict-line TEXT');

    const made = await cli(['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--verdict-line', LINE], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Saved a new draft of openrouter-model-fusion-vs-terrarium by Ann \(written by an editor, no model\)\./);
    const shown = JSON.parse((await cli(['compare', 'show', SLUG, '--json'], env)).stdout) as { lines: Array<{ source: string; model: string | null; author: string }>; line: { label: string } };
    expect(shown.lines).toEqual([expect.objectContaining({ source: 'editor', model: null, author: 'Ann', usage: null })]);
    expect(shown.line.label).toBe('Written by an editor');

    // The same line again is refused; a new one is a second revision of the same draft.
    expect((await cli(['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--verdict-line', LINE], env)).code).toBe(2);
    const again = await cli(['compare', 'edit', 'terrarium', 'openrouter-model-fusion', '--verdict-line', `${LINE} Both are early.`, '--by', 'Bea'], env);
    expect(again.stdout).toMatch(/^Edited the verdict line of openrouter-model-fusion-vs-terrarium by Bea/);

    expect((await cli(['compare', 'approve', SLUG], env)).code).toBe(0);
    const out = mkdtempSync(path.join(os.tmpdir(), 'hand-line-'));
    expect((await cli(['publish', '--out', out], env)).code).toBe(0);
    const page = ComparisonPage.parse(JSON.parse(readFileSync(path.join(out, 'comparisons', `${SLUG}.json`), 'utf8')));
    expect(page.verdictLine).toEqual({ text: `${LINE} Both are early.`, status: 'approved', source: 'editor', model: null, label: 'Written by an editor' });
    const html = await cli(['compare', 'openrouter-model-fusion', 'terrarium', '--html', path.join(out, 'page.html')], env);
    expect(html.code).toBe(0);
    expect(readFileSync(path.join(out, 'page.html'), 'utf8')).toContain('<p class="byline">Written by an editor</p>');
  });

  it('re-pins a draft written for older reviews, and previews draft reviews only with --drafts', async () => {
    const made = await cli(['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--verdict-line', LINE], env);
    expect(made.code).toBe(0);
    fixture.store.saveDraft({ ...referenceReview(TERRARIUM), id: 'c0000000-0000-4000-8000-000000000001', createdAt: '2026-04-22T00:00:00.000Z' });
    // Without --drafts the approved reviews are used: the draft still matches them.
    const same = await cli(['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--verdict-line', `${LINE} Still.`], env);
    expect(same.stdout).toMatch(/^Edited the verdict line/);
    const drafts = await cli(['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--drafts', '--verdict-line', `${LINE} Newer.`, '--json'], env);
    expect(drafts.code).toBe(0);
    const stored = JSON.parse(drafts.stdout) as { row: { reviewBId: string; status: string }; lines: unknown[] };
    expect(stored.row).toMatchObject({ reviewBId: 'c0000000-0000-4000-8000-000000000001', status: 'draft' });
    expect(stored.lines).toHaveLength(3);
  });

  it('says what is wrong in one line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['compare', 'edit', 'openrouter-model-fusion', 'terrarium'], /needs --verdict-line TEXT/],
      [['compare', 'edit', 'openrouter-model-fusion', 'nope', '--verdict-line', LINE], /nope/],
      [['compare', 'edit', 'terrarium', 'terrarium', '--verdict-line', LINE], /same tool/],
      [['compare', 'edit', 'openrouter-model-fusion', 'terrarium', '--verdict-line', 'two\nlines'], /one line/],
      [['compare', 'edit', SLUG, '--drafts', '--verdict-line', LINE], /--drafts goes with/],
    ];
    for (const [argv, message] of cases) {
      const run = await cli(argv, env);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
