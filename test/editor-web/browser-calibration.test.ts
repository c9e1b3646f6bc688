/** The /calibration page in Chromium: every plot renders with a non-zero size and the flagged persona is visible. */
import { describe, expect, it } from 'vitest';
import { decide, syntheticReviews } from '../calibrate/fixture.js';
import { HAS_CHROMIUM, openPage, screenshot } from './browser-helpers.js';
import { useBrowserDesk } from './browser-desk.js';

const TITLE = HAS_CHROMIUM ? 'calibration in Chromium' : 'calibration in Chromium — SKIPPED: /usr/bin/chromium is missing (CI installs it with apt)';
const REVIEWS = syntheticReviews(40, [0.6, 0.3, 0.95, 0.6]);

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const desk = useBrowserDesk(() => REVIEWS);

  it('renders the plots and the out-of-band flag, from the nav link', async () => {
    decide(desk.bench.desk, desk.bench.store, REVIEWS.map((review) => review.id));
    const { page, errors } = await openPage(desk.browser);
    await page.goto(desk.server.url);
    await page.locator('nav.topnav a', { hasText: 'Calibration' }).click();
    await page.waitForURL(/\/calibration$/);
    const plots = page.locator('figure.plot svg');
    expect(await plots.count()).toBe(6);
    for (const index of [0, 1, 2, 3, 4, 5]) {
      const box = await plots.nth(index).boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.height).toBeGreaterThan(100);
    }
    // The bars themselves are drawn, not only the frame.
    const bar = await page.locator('figure.plot[data-plot^="histogram-futurist"] svg rect[fill="#067647"]').first().boundingBox();
    expect(bar?.height).toBeGreaterThan(0);
    const flagged = page.locator('tr.out-of-band');
    await expect.poll(() => flagged.count()).toBe(1);
    expect(await flagged.isVisible()).toBe(true);
    expect(await flagged.locator('td').first().textContent()).toContain('Futurist');
    expect(await page.locator('.flags li').first().isVisible()).toBe(true);
    await screenshot(page, 'calibration', 1280);
    await screenshot(page, 'calibration', 390);
    expect(errors).toEqual([]);
  });
});
