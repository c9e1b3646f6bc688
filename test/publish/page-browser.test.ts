/**
 * The rendered comparison page in a real browser (Chromium via playwright-core) at laptop and
 * phone widths: what a reader sees, the layout at each width, and that page text stays text.
 * Screenshots are kept in artifacts/publish/ (gitignored) for a human to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk } from '../../src/editor/index.js';
import { approveComparison, buildComparisonPage, comparePair, renderComparisonHtml, saveComparison, type ComparisonPage } from '../../src/publish/index.js';
import { zeroUsage } from '../../src/providers/index.js';
import { FUSION, referenceReview, referenceStore, TERRARIUM } from './reference-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/publish/', import.meta.url));
const LINE =
  'Ship OpenRouter Model Fusion if you want multi-model answers without writing orchestration code; pick Terrarium to test agents in stateful, realistic environments, though its panel is split.';

let browser: Browser;
let golden: ComparisonPage;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const fixture = referenceStore();
  try {
    const deps = { store: fixture.store, resolveReview: createDesk(fixture.store, { threshold: 50 }).resolve };
    await saveComparison('openrouter-model-fusion', 'terrarium', {
      ...deps,
      writeLine: async () => ({ text: LINE, model: 'openai:gpt-5.4-mini', usage: zeroUsage(), promptVersion: 'test' }),
    });
    approveComparison(fixture.store, 'openrouter-model-fusion-vs-terrarium', 'Ann');
    golden = comparePair('openrouter-model-fusion', 'terrarium', deps).page;
  } finally {
    fixture.cleanup();
  }
  if (existsSync(CHROMIUM)) {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }
});
afterAll(async () => {
  await browser?.close();
});

/** Opens `html` (saved under artifacts/ as `name`.html) at `width`; collects page errors. */
async function open(html: string, name: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const file = path.join(ARTIFACTS, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  await page.goto(`file://${file}`);
  return { page, errors };
}

describe.skipIf(!existsSync(CHROMIUM))('comparison page in Chromium', () => {
  for (const width of [1280, 390]) {
    it(`shows the reference content at ${width} px, without sideways scrolling`, async () => {
      const { page, errors } = await open(renderComparisonHtml(golden), `comparison-${width}`, width);
      const visible = (text: string) => page.getByText(text, { exact: true }).first();
      await expect.poll(() => page.title()).toBe('OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship? — Ship or Skip');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('OpenRouter Model Fusion vs Terrarium');
      for (const name of [FUSION, TERRARIUM]) expect(await page.getByRole('heading', { level: 2, name }).isVisible()).toBe(true);
      for (const text of ['75%', '50%', 'Ship · 3 ship / 1 skip', 'Mixed · 2 ship / 2 skip', 'Pay-per-token (per model in fusion pool)', LINE]) {
        expect(await visible(text).isVisible(), text).toBe(true);
      }
      const quote = page.getByText("Finally, proper multi-model consensus without writing orchestration boilerplate.", { exact: false });
      expect(await quote.isVisible()).toBe(true);
      expect(await page.locator('.persona').count()).toBe(4);
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      const first = await page.locator('.card').nth(0).boundingBox();
      const second = await page.locator('.card').nth(1).boundingBox();
      // Side by side on a laptop, one above the other on a phone.
      if (width >= 760) expect(second?.y).toBe(first?.y);
      else expect(second?.y ?? 0).toBeGreaterThanOrEqual((first?.y ?? 0) + (first?.height ?? 0));
      await page.screenshot({ path: path.join(ARTIFACTS, `comparison-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('keeps hostile page text as text: no markup, no script runs', async () => {
    const hostile = '<img src=x onerror="window.__owned=1"></script><script>window.__owned=2</script>';
    const fusion = referenceReview(FUSION);
    const terrarium = referenceReview(TERRARIUM);
    fusion.tool.tagline = `Fusion ${hostile}`;
    terrarium.reviews[0] = { ...terrarium.reviews[0]!, quote: `Quote ${hostile}` };
    const side = (review: typeof fusion, slug: string) => ({ slug, review, reviewStatus: 'draft' as const, approvedAt: null, votes: { ship: 2, skip: 1 } });
    const page = buildComparisonPage({ tools: [side(fusion, 'fusion'), side(terrarium, 'terrarium')] });
    const { page: tab, errors } = await open(renderComparisonHtml(page), 'comparison-hostile', 1280);
    expect(await tab.evaluate('window.__owned')).toBeUndefined();
    expect(await tab.locator('img, script').count()).toBe(0);
    expect(await tab.getByText(`Fusion ${hostile}`).isVisible()).toBe(true);
    expect(await tab.getByText('Draft preview.').isVisible()).toBe(true);
    expect(await tab.getByText('67% ship · 3 votes').first().isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await tab.close();
  });
});
