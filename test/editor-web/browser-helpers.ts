/**
 * Chromium (the system package at /usr/bin/chromium) driven by playwright-core against the
 * desk served on 127.0.0.1:0, plus the steps an editor takes and screenshot checks.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Screenshots are kept here as test artifacts (the directory is gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/editor-web/', import.meta.url));

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page that records console errors and page errors (a CSP violation shows up as one). */
export async function openPage(browser: Browser, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

export const flashText = async (page: Page): Promise<string> => ((await page.locator('.flash').first().textContent()) ?? '').trim();

/** Visible tool names in the queue, in order. */
export const queueNames = async (page: Page): Promise<string[]> => page.locator('a.tool-link').allTextContents();

export async function openDraft(page: Page, base: string, tool: string): Promise<void> {
  await page.goto(base);
  await page.getByRole('link', { name: tool, exact: true }).click();
  await page.waitForURL(/\/reviews\/[^/#]+$/);
  expect(await page.locator('h1').textContent()).toBe(tool);
}

export interface PersonaEdit {
  persona: string;
  score?: number;
  verdict?: 'ship' | 'skip';
  quote?: string;
  /** The score crosses the ship line: answer the page's question by keeping the quote. */
  keepQuote?: boolean;
}

/** Opens the persona's inline edit form, fills what is given, saves; back on the card with a flash. */
export async function editPersona(page: Page, edit: PersonaEdit): Promise<void> {
  const card = page.locator(`#persona-${edit.persona}`);
  const form = card.locator('form.edit-form');
  if (!(await form.isVisible())) await card.locator('summary').click();
  if (edit.score !== undefined) await form.locator('input[name="score"]').fill(String(edit.score));
  if (edit.verdict !== undefined) await form.locator('select[name="verdict"]').selectOption(edit.verdict);
  if (edit.quote !== undefined) await form.locator('textarea[name="quote"]').fill(edit.quote);
  await form.locator('button[type="submit"]').click();
  if (edit.keepQuote) {
    // Nothing is saved until the editor says what happens to the quote (issue 13).
    const question = page.locator('#quote-question');
    await question.waitFor();
    await question.locator('input[name="keep_quote"]').check();
    await question.locator('button[type="submit"]').click();
  }
  await page.waitForURL(new RegExp(`#persona-${edit.persona}$`));
  expect(await flashText(page)).toMatch(/^Saved /);
}

export async function regeneratePersona(page: Page, persona: string): Promise<void> {
  await page.locator(`#persona-${persona} form.regenerate-form button`).click();
  await page.waitForURL(new RegExp(`#persona-${persona}$`));
  expect(await flashText(page)).toMatch(/^Regenerated /);
}

/** After approve or reject the desk goes on: to the next draft's page, or to the queue once none is left. */
export async function waitForNextDraft(page: Page, base: string, from: string): Promise<void> {
  await page.waitForURL((url) => url.href !== from && (url.href === base || /\/reviews\/[^/#]+$/.test(url.pathname)));
}

export async function approve(page: Page, base: string, tool: string): Promise<void> {
  const from = page.url();
  await page.locator('button.approve').click();
  await waitForNextDraft(page, base, from);
  expect(await flashText(page)).toContain(`Approved ${tool}`);
}

export async function reject(page: Page, base: string, tool: string, reason: string): Promise<void> {
  await page.locator('textarea[name="reason"]').fill(reason);
  const from = page.url();
  await page.locator('button.reject').click();
  await waitForNextDraft(page, base, from);
  expect(await flashText(page)).toContain(`Rejected ${tool}`);
}

/** A full-page PNG under artifacts/editor-web/, checked to exist, be a PNG and fit the width. */
export async function screenshot(page: Page, name: string, width: number): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
  await page.evaluate('window.scrollTo(0, 0)');
  const path = `${ARTIFACTS}${name}-${width}.png`;
  await page.screenshot({ path, fullPage: true });
  expect(statSync(path).size).toBeGreaterThan(1000);
  expect(readFileSync(path).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // Nothing wider than the screen: no sideways scrolling on a phone.
  expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(width);
  return path;
}
