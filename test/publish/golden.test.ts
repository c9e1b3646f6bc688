/**
 * Golden pages: from data equal to the reference pages, `compare` reproduces their decision
 * table and scorecard text exactly (verdict labels, percentages, pricing, best-for, category,
 * quotes in persona order), and the rendered page carries the same text in the same order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectPaths } from '../../src/paths.js';
import { ComparisonPage, renderComparisonHtml } from '../../src/publish/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { fusionTerrariumReference, referenceStore, scionFusionReference, type ReferenceStore } from './reference-fixture.js';

let fixture: ReferenceStore;
beforeEach(() => {
  fixture = referenceStore();
});
afterEach(() => fixture.cleanup());

async function comparePage(...tools: string[]): Promise<ComparisonPage> {
  const run = await cli(['compare', ...tools, '--json'], baseEnv({ PANEL_DB: fixture.dbPath }));
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return ComparisonPage.parse(JSON.parse(run.stdout));
}

describe('golden: OpenRouter Model Fusion vs Terrarium', () => {
  const reference = fusionTerrariumReference();

  it('has the reference slug, title, heading and intro', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    expect(page.slug).toBe('openrouter-model-fusion-vs-terrarium');
    expect(page.title).toBe('OpenRouter Model Fusion vs Terrarium: Which AI Tool Should You Ship?');
    expect(page.heading).toBe(reference.heading);
    expect(page.intro).toBe(reference.intro);
    expect(page.preview).toBe(false);
  });

  it('reproduces the decision table exactly', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    expect(page.tools.map((card) => card.name)).toEqual(reference.names);
    expect(page.decision.map((row) => ({ label: row.label, values: row.values }))).toEqual(reference.rows);
    expect(reference.rows.map((row) => row.label)).toEqual(['Panel verdict', 'Community', 'Pricing', 'Best for', 'Category']);
  });

  it('reproduces the reviewer scorecard exactly, in persona order', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    expect(page.scorecard.map((row) => ({ name: row.name, cells: row.cells.map((cell) => ({ text: cell?.text, quote: cell?.quote })) }))).toEqual(
      reference.scorecard,
    );
  });

  it('reproduces both cards: initial, category, name, tagline, verdict word, panel %, entry, description', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    const cards = page.tools.map(({ initial, category, name, tagline, verdictWord, shipPercentText, entry, description }) => ({
      initial, category, name, tagline, verdictWord, shipPercentText, entry, description,
    }));
    expect(cards).toEqual(reference.cards);
  });

  it('names the tools by URL and by review id just as by slug', async () => {
    const bySlug = await comparePage('openrouter-model-fusion', 'terrarium');
    const byOther = await comparePage('https://www.openrouter.ai/labs/fusion/?utm_source=x', 'a0000000-0000-4000-8000-000000000002');
    expect(byOther).toEqual(bySlug);
  });

  it('matches the kept page JSON (fixtures/golden/; UPDATE_GOLDEN=1 rewrites it)', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    const file = path.join(projectPaths.fixtures, 'golden', 'openrouter-model-fusion-vs-terrarium.page.json');
    const text = `${JSON.stringify(page, null, 2)}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it('renders the same text, escaped, in the reference order', async () => {
    const page = await comparePage('openrouter-model-fusion', 'terrarium');
    const htmlText = renderComparisonHtml(page);
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    const order = [
      reference.heading,
      reference.names[0] as string,
      reference.cards[0]?.description as string,
      reference.names[1] as string,
      'Decision',
      ...reference.rows.flatMap((row) => [row.label, ...row.values]),
      'Reviewer scorecard',
      ...reference.scorecard.flatMap((row) => [row.name, row.cells[0]?.text ?? '', row.cells[0]?.quote ?? '', row.cells[1]?.text ?? '', row.cells[1]?.quote ?? '']),
    ].map(escape);
    let from = htmlText.indexOf('<main');
    for (const piece of order) {
      const at = htmlText.indexOf(piece, from);
      expect(at, `"${piece.slice(0, 60)}" after position ${from}`).toBeGreaterThan(-1);
      from = at + piece.length;
    }
  });
});

describe('golden: Google Scion vs OpenRouter Model Fusion (what its page gives)', () => {
  const reference = scionFusionReference();

  it('reproduces the heading and both cards (category, name, tagline, panel %, community, entry, description)', async () => {
    const page = await comparePage('google-scion', 'openrouter-model-fusion');
    expect(page.heading).toBe(reference.heading);
    expect(page.slug).toBe('google-scion-vs-openrouter-model-fusion');
    const cards = page.tools.map((card) => ({
      category: card.category,
      name: card.name,
      tagline: card.tagline,
      shipPercentText: card.shipPercentText,
      community: card.community.figure,
      entry: card.entry,
      description: card.description,
    }));
    expect(cards).toEqual(reference.cards);
  });

  it('reproduces the scorecard quotes, Scion beside Model Fusion, in persona order', async () => {
    const page = await comparePage('google-scion', 'openrouter-model-fusion');
    expect(page.scorecard.map((row) => row.name)).toEqual(['Builder', 'Skeptic', 'Futurist', 'Creator']);
    expect(page.scorecard.map((row) => row.cells.map((cell) => cell?.quote))).toEqual(reference.quotePairs);
  });
});
