/**
 * The draft page's keyboard shortcuts in Chromium, under the desk's strict CSP: `a` asks for
 * confirmation and approves through the real form, landing on the next draft with the flash;
 * `a` typed in the reject reason is just a letter; `r` moves to the reason and Ctrl+Enter
 * rejects; `j`/`n` open the next draft.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { flashText, HAS_CHROMIUM, openPage } from './browser-helpers.js';
import { useBrowserDesk } from './browser-desk.js';
import { draftId, tenDrafts } from './web-fixtures.js';

const TITLE = HAS_CHROMIUM ? 'keyboard shortcuts in Chromium' : 'keyboard shortcuts in Chromium — SKIPPED: /usr/bin/chromium is missing';

/** The queue: the first four drafts, routed so their order is known (needs-attention first). */
const drafts = () =>
  tenDrafts()
    .slice(0, 4)
    .map((draft, index) => ({ ...draft, flags: [], routing: { attention: index === 1 ? ('needs-attention' as const) : ('routine' as const), reasons: [] } }));
/** Queue order: draft 1 (needs attention), then the routine ones: 2 (incomplete), then newest first 3, 0. */
const ORDER = [1, 2, 3, 0].map(draftId);
const SCION = draftId(2); // incomplete (a failed persona): approve is not offered

const h1 = async (page: Page) => ((await page.locator('h1').first().textContent()) ?? '').trim();

describe.skipIf(!HAS_CHROMIUM)(TITLE, () => {
  const desk = useBrowserDesk(drafts);

  it('a approves after the confirmation and lands on the next draft; the shortcuts are announced', async () => {
    const { page, errors } = await openPage(desk.browser);
    const base = desk.server.url;
    await page.goto(`${base}reviews/${ORDER[0]}`);
    expect(await page.locator('button.approve').getAttribute('aria-keyshortcuts')).toBe('a');
    expect(await page.locator('.keys-hint').isVisible()).toBe(true);
    const dialogs: string[] = [];
    // The first confirmation is dismissed: nothing happens.
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.keyboard.press('a');
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toBe('Approve and publish Terrarium?');
    expect(desk.bench.store.reviewState(ORDER[0] as string)?.status).toBe('draft');
    // The second is accepted: the real form is submitted (CSRF token and revision with it).
    page.once('dialog', (dialog) => void dialog.accept());
    await page.keyboard.press('a');
    await page.waitForURL(`${base}reviews/${ORDER[1]}`);
    expect(await flashText(page)).toMatch(/^Approved Terrarium \(.*\)\. 3 drafts left\./);
    expect(desk.bench.store.reviewState(ORDER[0] as string)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(desk.bench.store.audit(ORDER[0] as string).filter((entry) => entry.action === 'approved')).toHaveLength(1);
    expect(errors).toEqual([]); // the script ran under the CSP: no violation, no error
    await page.close();
  }, 60_000);

  it('typing a in the reject reason does not approve; r focuses it and Ctrl+Enter rejects; j and n go to the next draft', async () => {
    const { page, errors } = await openPage(desk.browser);
    const base = desk.server.url;
    await page.goto(`${base}reviews/${ORDER[0]}`);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement && document.activeElement.name')).toBe('reason');
    expect(await page.locator('textarea[name="reason"]').inputValue()).toBe(''); // the key itself is not typed
    await page.keyboard.type('a bad page, and a j n r in it');
    expect(await page.locator('textarea[name="reason"]').inputValue()).toBe('a bad page, and a j n r in it');
    expect(dialogs).toBe(0);
    expect(page.url()).toBe(`${base}reviews/${ORDER[0]}`);
    expect(desk.bench.store.reviewState(ORDER[0] as string)?.status).toBe('draft');
    await page.keyboard.press('Control+Enter');
    await page.waitForURL(`${base}reviews/${ORDER[1]}`);
    expect(await flashText(page)).toMatch(/^Rejected Terrarium\./);
    expect(desk.bench.store.reviewState(ORDER[0] as string)).toMatchObject({ status: 'rejected', rejectReason: 'a bad page, and a j n r in it' });

    // Landed on Scion, which is incomplete: no approve form, so `a` only points at why.
    expect(page.url()).toBe(`${base}reviews/${SCION}`);
    await page.keyboard.press('a');
    expect(dialogs).toBe(0);
    expect(await page.locator('#decision .hint.shortcut-target').count()).toBe(1);
    expect(desk.bench.store.reviewState(SCION)?.status).toBe('draft');

    // j and n: the next draft in queue order, wrapping round to the first.
    await page.keyboard.press('j');
    await page.waitForURL(`${base}reviews/${ORDER[2]}`);
    expect(await h1(page)).toBe('Aider');
    await page.keyboard.press('n');
    await page.waitForURL(`${base}reviews/${ORDER[3]}`);
    expect(await h1(page)).toBe('OpenRouter Model Fusion');
    await page.keyboard.press('j');
    await page.waitForURL(`${base}reviews/${SCION}`);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
