/**
 * Issue 13's "done when", in Chromium: an editor corrects a published quote with no model call
 * (Correct this review → the correction draft → edit → approve), the score edit across the ship
 * line asks about the quote before saving, and `publish` then writes the corrected quote,
 * marked as an editor's in the disclosure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PublishedReview } from '../../src/publish/index.js';
import { cli, tempDbPath } from '../helpers/cli.js';
import { editPersona, flashText, HAS_CHROMIUM, openPage, screenshot } from './browser-helpers.js';
import { useBrowserDesk } from './browser-desk.js';
import { draftId, tenDrafts } from './web-fixtures.js';

const TITLE = HAS_CHROMIUM ? 'correcting a published review in Chromium' : 'correcting a published review in Chromium — SKIPPED: /usr/bin/chromium is missing (CI installs it with apt)';
const FUSION = draftId(0);
const NEW_QUOTE = 'Ensembles are the future, and the judge here is a fair one.';

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const desk = useBrowserDesk(() => tenDrafts().slice(0, 1));

  it('corrects a published quote and re-approves it; publish shows the corrected quote', async () => {
    const { bench, server } = desk;
    bench.desk.approve(FUSION, 'Ann');
    const { page, errors } = await openPage(desk.browser);
    await page.goto(`${server.url}reviews/${FUSION}`);
    await page.locator('form.correct-form button[type="submit"]').click();
    await page.waitForURL((url) => /^\/reviews\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(FUSION));
    const correction = new URL(page.url()).pathname.split('/').pop() as string;
    expect(await flashText(page)).toMatch(/^Opened a correction of the published review/);
    expect(await page.locator('#correction-of').textContent()).toMatch(/^Correction of the published review of .+\. It stays live until you approve this correction, which then replaces it\.$/);
    expect(await page.locator('#correction-of a').getAttribute('href')).toBe(`/reviews/${FUSION}`);
    await screenshot(page, 'correction', 1280);
    await page.setViewportSize({ width: 1280, height: 900 });

    await editPersona(page, { persona: 'futurist', quote: NEW_QUOTE });
    // 45 → 72 moves the skeptic to ship: the page asks about the quote before saving anything.
    await editPersona(page, { persona: 'skeptic', score: 72, keepQuote: true });
    expect(bench.store.reviewState(FUSION)?.status).toBe('approved');

    await page.locator('button.approve').click();
    await page.waitForURL((url) => !url.pathname.endsWith(correction));
    expect(await flashText(page)).toContain('Approved OpenRouter Model Fusion');
    expect(bench.store.reviewState(correction)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(bench.store.reviewState(FUSION)).toMatchObject({ status: 'superseded', supersededBy: correction });
    expect(bench.modelCalls).toEqual([]);
    expect(errors).toEqual([]);

    const out = path.join(path.dirname(tempDbPath()), 'site');
    const published = await cli(['publish', '--out', out], { PANEL_DB: bench.dbPath });
    expect(published.code).toBe(0);
    const file = PublishedReview.parse(JSON.parse(fs.readFileSync(path.join(out, 'tools', 'openrouter-model-fusion.json'), 'utf8')));
    expect(file.reviewId).toBe(correction);
    expect(file.reviews.find((each) => each.persona === 'futurist')?.quote).toBe(NEW_QUOTE);
    expect(file.reviews.find((each) => each.persona === 'skeptic')).toMatchObject({ score: 72, verdict: 'ship' });
    const quotes = Object.fromEntries(file.disclosure.texts.quotes.map((quote) => [quote.persona, quote]));
    expect(quotes.futurist).toMatchObject({ writer: 'model', edited: { by: 'Ann' }, label: 'Written by google:gemini-3.5-flash, edited by an editor' });
    // A score-only edit leaves the model's quote the model's.
    expect(quotes.skeptic).toMatchObject({ writer: 'model', edited: null });
  });
});
