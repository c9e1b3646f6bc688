/**
 * Correcting a published review on the command line (issue 13): `drafts edit` on an approved
 * review opens (then reuses) its correction draft, says so in one line, and the correction goes
 * live with `drafts approve`; a score across the ship line needs --quote or --keep-quote. The
 * env has no API keys at all: any model call would fail, so none is made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PublishedReview } from '../../src/publish/index.js';
import { baseEnv, cli, tempDbPath } from '../helpers/cli.js';
import { otherTool, sampleReview, seedDrafts, withStore } from '../editor/desk-fixtures.js';

const FUSION = sampleReview().id;
const NEW_QUOTE = 'Three drafts for one prompt, and the judge picks well.';

function seeded() {
  const env = baseEnv({ EDITOR_NAME: 'Ann' });
  seedDrafts(env.PANEL_DB as string, [sampleReview(), otherTool('c0ffee00-0000-4000-8000-000000000003', 'Cursor')]);
  return { env, db: env.PANEL_DB as string, run: (...argv: string[]) => cli(['drafts', ...argv], env) };
}

describe('drafts edit on a published review', () => {
  it('opens a correction, reuses it, keeps the published one live until approve, then publishes the corrected quote', async () => {
    const { env, db, run } = seeded();
    expect((await run('approve', FUSION)).code).toBe(0);

    const first = await run('edit', FUSION, '--persona', 'creator', '--quote', NEW_QUOTE, '--by', 'Bob');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const opened = /^Opened correction ([0-9a-f]{8}) of the published review 7f3c2a10 \(OpenRouter Model Fusion\); the published one stays live until you run: drafts approve ([0-9a-f]{8})\n/.exec(first.stdout);
    expect(opened?.[1]).toBeDefined();
    expect(opened?.[2]).toBe(opened?.[1]);
    const short = opened?.[1] as string;
    expect(first.stdout).toContain(`Edited creator on ${short} by Bob:`);
    expect(withStore(db, (store) => [store.reviewState(FUSION)?.status, store.listReviews({ status: 'approved' }).map((each) => each.id)])).toEqual(['approved', [FUSION]]);

    const second = await run('edit', FUSION, '--tagline', 'Ask several models, get one checked answer', '--by', 'Bob');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^Reused the open correction ${short} of the published review 7f3c2a10 .*\\nEdited the tagline on ${short} by Bob\\.\\n$`));
    const amend = await run('amend', FUSION);
    expect(amend.stdout).toBe(
      `Reused the open correction ${short} of the published review 7f3c2a10 (OpenRouter Model Fusion) by Ann; edit it with drafts edit ${short} …, publish it with drafts approve ${short}.\n`,
    );
    const shown = await run('show', short);
    expect(shown.stdout).toMatch(new RegExp(`^Correction of the published review ${FUSION} \\(approved \\S+, now approved\\): approving this one replaces it$`, 'm'));
    expect(withStore(db, (store) => store.findReviews({ origin: 'correction' }).length)).toBe(1);

    const approved = await run('approve', short, '--by', 'Cleo');
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(new RegExp(`^Approved ${short} \\(OpenRouter Model Fusion — Ship · 3 ship / 1 skip\\) by Cleo; it supersedes 7f3c2a10\\.\\nnext: c0ffee00 Cursor\\n$`));
    expect(withStore(db, (store) => store.reviewState(FUSION)?.status)).toBe('superseded');

    const out = path.join(path.dirname(tempDbPath()), 'site');
    expect((await cli(['publish', '--out', out], env)).code).toBe(0);
    const file = PublishedReview.parse(JSON.parse(fs.readFileSync(path.join(out, 'tools', 'openrouter-model-fusion.json'), 'utf8')));
    expect(file.reviews.find((each) => each.persona === 'creator')?.quote).toBe(NEW_QUOTE);
    expect(file.tool.tagline).toBe('Ask several models, get one checked answer');
    expect(file.disclosure.texts.quotes.find((each) => each.persona === 'creator')).toMatchObject({ writer: 'model', edited: { by: 'Bob' }, label: 'Written by openai:gpt-5.4-mini, edited by an editor' });
  });

  it('a score across the ship line needs --quote or --keep-quote: one line, exit 2, nothing written', async () => {
    const { db, run } = seeded();
    const refused = await run('edit', FUSION, '--persona', 'skeptic', '--score', '72');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'error: score 72 moves Skeptic across the ship line (50) from skip to ship, but its quote was written for skip: rewrite it with --quote "…" or keep it with --keep-quote\n',
    );
    expect(withStore(db, (store) => store.revisions(FUSION).length)).toBe(4);

    const kept = await run('edit', FUSION, '--persona', 'skeptic', '--score', '72', '--keep-quote');
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('Skeptic  72/100 · ship');
    const rewritten = await run('edit', FUSION, '--persona', 'builder', '--score', '35', '--quote', 'It slots in, then it breaks in an afternoon.');
    expect(rewritten.code).toBe(0);
    expect(withStore(db, (store) => store.getReview(FUSION)?.reviews[0])).toMatchObject({ score: 35, verdict: 'skip', quote: 'It slots in, then it breaks in an afternoon.' });
  });

  it("is checked against the review's own ship line, not PANEL_SHIP_THRESHOLD", async () => {
    const env = baseEnv({ EDITOR_NAME: 'Ann', PANEL_SHIP_THRESHOLD: '50' });
    seedDrafts(env.PANEL_DB as string, [sampleReview({ shipThreshold: 60 })]);
    const result = await cli(['drafts', 'edit', FUSION, '--persona', 'skeptic', '--score', '55'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Skeptic  55/100 · skip');
  });
});
