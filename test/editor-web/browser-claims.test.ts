/**
 * Issue 12's marks in a real browser: a supported claim's source shows on hover and on
 * keyboard focus without any script (CSS over data-source, under the strict CSP); an editor
 * decides each unsupported claim from the claims card and only then can approve.
 */
import { describe, expect, it } from 'vitest';
import { GROUNDED_ID, groundedReview } from '../editor/claims-fixture.js';
import { approve, flashText, HAS_CHROMIUM, openPage, screenshot } from './browser-helpers.js';
import { useBrowserDesk } from './browser-desk.js';

const TITLE = HAS_CHROMIUM ? 'claims in Chromium' : 'claims in Chromium — SKIPPED: /usr/bin/chromium is missing (CI installs it with apt)';

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const desk = useBrowserDesk(() => [groundedReview()]);

  it('shows the source on hover and focus, and approves once every claim is decided', async () => {
    const { page, errors } = await openPage(desk.browser);
    const draft = `${desk.server.url}reviews/${GROUNDED_ID}`;
    await page.goto(draft);
    const supported = page.locator('.description mark.claim.is-supported');
    // A string, as the other browser tests do: the test project has no DOM types.
    const popover = async () => String(await page.evaluate(`getComputedStyle(document.querySelector('.description mark.claim.is-supported'), '::after').content`));
    expect(await popover()).toBe('none');
    await supported.hover();
    expect(await popover()).toBe('"Supported by the page: “a panel of up to 8 models in parallel”"');
    await page.mouse.move(0, 0);
    await supported.focus();
    expect(await popover()).toContain('a panel of up to 8 models in parallel');
    expect(await page.locator('.description a.claim-tag').allTextContents()).toEqual(['⚑ unsupported c2', '⚑ unsupported c3']);
    expect(await page.locator('.decision-card button.approve').isDisabled()).toBe(true);
    await screenshot(page, 'claims', 1280);
    await screenshot(page, 'claims', 390);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.locator('#claim-c2 input[name="reason"]').fill('The vendor confirmed the modes.');
    await page.locator('#claim-c2 button.accept-claim').click();
    await page.waitForURL(/#claims$/);
    expect(await flashText(page)).toBe('Accepted claim c2: The vendor confirmed the modes.');

    for (const [id, text] of [
      ['c3', 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).'],
      ['c4', 'Fusion hides which model was wrong.'],
    ] as const) {
      await page.locator(`#claim-${id} details.claim-remove summary`).click();
      const box = page.locator(`#claim-${id} textarea[name="text"]`);
      expect(await box.inputValue()).not.toContain('20–30% overhead');
      await box.fill(text);
      await page.locator(`#claim-${id} details.claim-remove button[type="submit"]`).click();
      await page.waitForURL(/#claims$/);
      expect(await flashText(page)).toBe(`Removed claim ${id} and saved your text.`);
    }
    expect(await page.locator('.description').textContent()).toContain('(best-of, merge and debate)');
    await approve(page, desk.server.url, 'OpenRouter Model Fusion');
    expect(desk.bench.store.reviewState(GROUNDED_ID)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(errors).toEqual([]);
  });
});
