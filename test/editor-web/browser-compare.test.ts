/**
 * The comparison preview in a real browser, served with the desk's real CSP: the draft page's
 * "Compare with…" form leads to it, its linked stylesheet applies (meter widths, two columns
 * on a laptop, one on a phone) and nothing is refused by the CSP. Screenshots are kept under
 * artifacts/editor-web/compare-preview-*.png.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, openDraft, openPage, screenshot } from './browser-helpers.js';
import { useBrowserDesk } from './browser-desk.js';
import { draftId, tenDrafts } from './web-fixtures.js';

const TITLE = HAS_CHROMIUM ? 'comparison preview in Chromium' : 'comparison preview in Chromium — SKIPPED: /usr/bin/chromium is missing';

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const desk = useBrowserDesk(() => tenDrafts());

  it('from the draft page to the styled preview, under the CSP, at laptop and phone widths', async () => {
    const { page, errors } = await openPage(desk.browser);
    await openDraft(page, desk.server.url, 'OpenRouter Model Fusion');
    await page.getByLabel('Compare with…').fill('terrarium');
    await page.getByRole('button', { name: 'Preview the comparison' }).click();
    await page.waitForURL(/\/compare\?/);
    expect(new URL(page.url()).searchParams.get('a')).toBe(draftId(0));

    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('OpenRouter Model Fusion vs Terrarium');
    expect(await page.getByText('Ship · 3 ship / 1 skip', { exact: true }).first().isVisible()).toBe(true);
    expect(await page.getByText('Draft preview.').isVisible()).toBe(true);
    // The linked stylesheet applied: the meter is 75% wide, and the cards sit side by side.
    const ratio = await page.evaluate(`(() => { const bar = document.querySelector('.meter'); const fill = bar.querySelector('span'); return fill.getBoundingClientRect().width / bar.getBoundingClientRect().width; })()`);
    expect(Number(ratio)).toBeCloseTo(0.75, 2);
    const first = await page.locator('.card').nth(0).boundingBox();
    const second = await page.locator('.card').nth(1).boundingBox();
    expect(second?.y).toBe(first?.y);
    await screenshot(page, 'compare-preview', 1280);
    await screenshot(page, 'compare-preview', 390);
    const stacked = [await page.locator('.card').nth(0).boundingBox(), await page.locator('.card').nth(1).boundingBox()];
    expect(stacked[1]?.y ?? 0).toBeGreaterThanOrEqual((stacked[0]?.y ?? 0) + (stacked[0]?.height ?? 0));

    // The way back leads to the draft.
    await page.getByRole('link', { name: '← Back to OpenRouter Model Fusion' }).click();
    await page.waitForURL(new RegExp(`/reviews/${draftId(0)}$`));
    expect(errors).toEqual([]);
    await page.close();
  });
});
