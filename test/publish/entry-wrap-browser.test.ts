/**
 * The comparison page's tiles in Chromium at phone, tablet and laptop widths: no word is
 * broken across lines (the Entry tile read "Unknow/n" and "Freemiu/m" at 1280 px) and nothing
 * sticks out of its tile. A word is measured through a DOM Range over its characters: a word
 * whose client rects sit on two line boxes (two different tops) was broken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComparisonPage, renderComparisonHtml, type ComparedTool } from '../../src/publish/index.js';
import type { Review } from '../../src/schemas.js';
import { HAS_CHROMIUM, launchChromium } from '../editor-web/browser-helpers.js';
import { FUSION, referenceReview, SCION, TERRARIUM } from './reference-fixture.js';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/publish/', import.meta.url));
const WIDTHS = [390, 1024, 1280];
const LONG_DETAIL = 'Free community edition; Team plan billed annually per seat with usage based overage charges for hosted inference';

type Entry = Review['tool']['pricing']['entry'];

function side(name: string, slug: string, entry: Entry, detail: string): ComparedTool {
  const review = referenceReview(name);
  review.tool.pricing = { entry, detail };
  return { slug, review, reviewStatus: 'approved', approvedAt: '2026-04-21T10:00:00.000Z', approvedBy: 'Ann', votes: { ship: 2, skip: 1 },
    verdictChange: { from: 'skip', to: 'ship', fromWord: 'Skip', toWord: 'Ship', text: 'Skip → Ship', on: '2026-04-21' } };
}

const PAIRS: Array<[Entry, Entry]> = [
  ['Unknown', 'Freemium'],
  ['Open Source', 'Freemium'],
  ['Freemium', 'Unknown'],
  ['Paid', 'Open Source'],
];

/**
 * Words (split at spaces, dashes and slashes, where a browser may break) drawn on more than one
 * line, and tiles something sticks out of. Page-side JavaScript as text: the test's tsconfig
 * has no DOM types.
 */
const LAYOUT_PROBLEMS = `(() => {
  const broken = [];
  const overflowing = [];
  const selectors = ['.figure', '.decision td', '.decision th', '.card h2', '.chip', '.verdict-change', '.disclosure', '.pill'];
  for (const element of document.querySelectorAll(selectors.join(','))) {
    const box = element.getBoundingClientRect();
    if (element.scrollWidth > element.clientWidth + 1) overflowing.push(element.className + ': ' + element.textContent.trim());
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node != null; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s\\-–—/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()].filter((rect) => rect.width > 0);
        if (new Set(rects.map((rect) => Math.round(rect.top))).size > 1) broken.push(match[0]);
        if (rects.some((rect) => rect.right > box.right + 0.5 || rect.left < box.left - 0.5)) overflowing.push(element.className + ': ' + match[0]);
      }
    }
  }
  return { broken, overflowing };
})()`;

async function layoutProblems(page: Page): Promise<{ broken: string[]; overflowing: string[] }> {
  return page.evaluate(LAYOUT_PROBLEMS);
}

let browser: Browser;
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  if (HAS_CHROMIUM) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!HAS_CHROMIUM)('comparison tiles never break a word', () => {
  PAIRS.forEach(([entryA, entryB], index) => {
    it(`Entry ${entryA} / ${entryB} at ${WIDTHS.join(', ')} px`, async () => {
      const names = index % 2 === 0 ? [FUSION, TERRARIUM] : [SCION, TERRARIUM];
      const page = buildComparisonPage({
        tools: [side(names[0] as string, 'tool-a', entryA, LONG_DETAIL), side(names[1] as string, 'tool-b', entryB, '')],
      });
      const file = path.join(ARTIFACTS, `entry-wrap-${index}.html`);
      writeFileSync(file, renderComparisonHtml(page));
      for (const width of WIDTHS) {
        const tab = await browser.newPage({ viewport: { width, height: 900 } });
        await tab.goto(`file://${file}`);
        const entries = await tab.locator('.figure.entry .value').allTextContents();
        expect(entries).toEqual([entryA, entryB]);
        expect(await tab.getByText('Verdict changed on 21 April 2026: Skip → Ship').count()).toBe(2);
        const problems = await layoutProblems(tab);
        expect({ width, ...problems }).toEqual({ width, broken: [], overflowing: [] });
        expect(await tab.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await tab.screenshot({ path: path.join(ARTIFACTS, `entry-wrap-${index}-${width}.png`), fullPage: true });
        await tab.close();
      }
    });
  });
});
