/**
 * The desk in a real browser: Chromium drives the served page like an editor — queue, draft,
 * inline edit, approve, reject — with the real CSP, cookies and script. Screenshots at laptop
 * and phone widths are kept under artifacts/editor-web/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/cli/commands/serve.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import {
  approve,
  editPersona,
  flashText,
  HAS_CHROMIUM,
  launchChromium,
  openDraft,
  openPage,
  queueNames,
  reject,
  screenshot,
} from './browser-helpers.js';
import { draftId, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

const TITLE = HAS_CHROMIUM ? 'in Chromium' : 'in Chromium — SKIPPED: /usr/bin/chromium is missing (CI installs it with apt)';

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  let context: ReviewContext;
  let browser: Browser;
  beforeAll(async () => {
    context = await loadReviewContext();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  let bench: WebBench;
  let server: RunningServer;
  beforeEach(async () => {
    bench = webBench(context, tenDrafts());
    server = await startServer(bench.app, '127.0.0.1', 0);
  });
  afterEach(async () => {
    await server.close();
    bench.cleanup();
  });

  it('an editor names themself, edits a quote, approves, sees it move to Approved, rejects another; screenshots', async () => {
    const base = server.url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { page, errors } = await openPage(browser);

    // The queue, before anyone has said who they are.
    await page.goto(base);
    expect(await page.locator('h1').textContent()).toMatch(/^Drafts\s+10 reviews$/);
    expect((await queueNames(page)).slice(0, 2)).toEqual(['Google Scion', 'Aider']);
    await page.getByRole('link', { name: 'Set your name' }).click();
    await page.locator('input[name="name"]').fill('Ann');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.waitForURL(base);
    expect(await flashText(page)).toBe('Editing as Ann.');
    expect(await page.locator('.who').textContent()).toContain('Editing as Ann');
    await screenshot(page, 'queue', 1280);
    await screenshot(page, 'queue', 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A draft: the scorecard, and the script's verdict hint working under the CSP.
    await openDraft(page, base, 'OpenRouter Model Fusion');
    expect(await page.locator('.verdict-line .pill').textContent()).toBe('Ship · 3 ship / 1 skip');
    expect(await page.locator('.persona-card h3').allTextContents()).toEqual(['Builder', 'Skeptic', 'Futurist', 'Creator']);
    await page.locator('#persona-builder summary').click();
    await page.locator('#persona-builder input[name="score"]').fill('30');
    // 80 · ship → 30 crosses the ship line: the preview says the quote needs a word (the server asks too).
    expect(await page.locator('#persona-builder .verdict-preview').textContent()).toBe('This turns ship into skip: rewrite the quote for it, or confirm keeping it on the next step.');
    await page.locator('#persona-builder input[name="score"]').fill('70');
    expect(await page.locator('#persona-builder .verdict-preview').textContent()).toBe('This saves as 70 · ship.');
    await page.locator('#persona-builder input[name="score"]').fill('30');
    await page.locator('#persona-builder select[name="verdict"]').selectOption('ship');
    expect(await page.locator('#persona-builder .verdict-preview').textContent()).toBe('30 is a skip score: "ship" would be refused.');
    await page.reload();

    // Edit a quote: the new quote on the card, the model's beside it.
    const quote = 'The judge is a model too — but for hard prompts the fusion does beat my single pick.';
    await editPersona(page, { persona: 'skeptic', quote });
    expect(await page.locator('#persona-skeptic .quote').textContent()).toBe(quote);
    expect(await page.locator('#persona-skeptic .edited-by').textContent()).toContain('Edited by Ann');
    expect(await page.locator('#persona-skeptic .original-quote').textContent()).toContain("The 'judge model fuses the best parts' framing");
    await screenshot(page, 'draft', 1280);
    await screenshot(page, 'draft', 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Approve: gone from the drafts, present in Approved.
    await approve(page, base, 'OpenRouter Model Fusion');
    expect(page.url()).toMatch(/\/reviews\/[^/]+$/); // on to the next draft
    await page.goto(base);
    expect(await queueNames(page)).not.toContain('OpenRouter Model Fusion');
    expect(await page.locator('h1').textContent()).toMatch(/9 reviews$/);
    await page.getByRole('link', { name: /^Approved/ }).click();
    await page.waitForURL(`${base}?status=approved`);
    expect(await queueNames(page)).toEqual(['OpenRouter Model Fusion']);
    expect(await page.locator('td.cell-decision').textContent()).toMatch(/^Approved by Ann/);

    // Reject another, with a reason: it shows in Rejected with the reason.
    await openDraft(page, base, 'Terrarium');
    await reject(page, base, 'Terrarium', 'The pricing line is wrong: it is open source.');
    await page.goto(`${base}?status=rejected`);
    expect(await queueNames(page)).toEqual(['Terrarium']);
    expect(await page.locator('td.cell-decision').textContent()).toContain('The pricing line is wrong: it is open source.');
    await screenshot(page, 'rejected', 1280);

    expect(bench.store.reviewState(draftId(0))).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(bench.store.reviewState(draftId(1))).toMatchObject({ status: 'rejected', rejectedBy: 'Ann' });
    expect(bench.store.getReview(draftId(0))?.reviews[1]?.quote).toBe(quote);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('a refusal shows on the draft as an error, and a failed persona can be written in the page', async () => {
    const base = server.url;
    const { page, errors } = await openPage(browser, 390);
    await page.goto(`${base}login`);
    await page.locator('input[name="name"]').fill('Ann');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(base);

    await openDraft(page, base, 'Google Scion');
    expect(await page.locator('#persona-creator .failure').textContent()).toBe('timeout after 90000 ms (3 attempts)');
    expect(await page.locator('button.approve').isDisabled()).toBe(true);
    // The browser would block a disagreeing verdict only by the hint; the server refuses it.
    await page.locator('#persona-creator input[name="score"]').fill('30');
    await page.locator('#persona-creator select[name="verdict"]').selectOption('ship');
    await page.locator('#persona-creator textarea[name="quote"]').fill('Fine for platform folks.');
    await page.locator('#persona-creator form.edit-form button[type="submit"]').click();
    await page.waitForLoadState();
    expect(await flashText(page)).toMatch(/^verdict "ship" disagrees with score 30/);
    expect(bench.store.getReview(draftId(2))?.panel.complete).toBe(false);

    await editPersona(page, { persona: 'creator', score: 62, quote: 'A safe sandbox for the agents I point at my design files.' });
    expect(await page.locator('#persona-creator .score-line').textContent()).toBe('62/100 · ship');
    expect(await page.locator('button.approve').isDisabled()).toBe(false);
    await approve(page, base, 'Google Scion');
    expect(bench.store.reviewState(draftId(2))).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    // The refused POST's page is a 400 in the console; nothing else went wrong.
    expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await page.close();
  }, 60_000);
});
