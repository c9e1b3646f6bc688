/**
 * `publishSite`: what is written (approved only, validated, with schemas), that a second run
 * over unchanged data touches no file, what changes `updatedAt`, and what is removed.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src/editor/index.js';
import { zeroUsage } from '../../src/providers/index.js';
import {
  approveComparison,
  ComparisonPage,
  PublishIndex,
  PublishedReview,
  publishSite,
  recordVote,
  saveComparison,
  type SaveDeps,
} from '../../src/publish/index.js';
import { checkJsonSchema } from './json-schema-check.js';
import { FUSION, referenceReview, referenceStore, SCION, TERRARIUM, type ReferenceStore } from './reference-fixture.js';

let fixture: ReferenceStore;
let desk: Desk;
let out: string;
let deps: SaveDeps;
let tick = 0;
const now = () => new Date(Date.UTC(2026, 3, 21, 12, 0, tick++));

beforeEach(() => {
  fixture = referenceStore();
  desk = createDesk(fixture.store, { threshold: 50, now });
  out = mkdtempSync(path.join(os.tmpdir(), 'publish-out-'));
  deps = {
    store: fixture.store,
    resolveReview: desk.resolve,
    now,
    writeLine: async (page) => ({ text: `Pick ${page.tools[0].name} or ${page.tools[1].name}, depending on the job at hand.`, model: 'openai:gpt-5.4-mini', usage: zeroUsage(), promptVersion: 'test' }),
  };
});
afterEach(() => fixture.cleanup());

const read = (file: string): unknown => JSON.parse(readFileSync(path.join(out, file), 'utf8'));
const files = (dir = out, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]))
    .sort();

async function approvedComparison(a: string, b: string): Promise<string> {
  const { stored } = await saveComparison(a, b, deps);
  return approveComparison(fixture.store, stored.row.slug, 'Ann', now).row.slug;
}

describe('publishSite', () => {
  it('writes one file per approved review and comparison, an index and the JSON Schemas', async () => {
    await approvedComparison('openrouter-model-fusion', 'terrarium');
    const result = await publishSite(out, { store: fixture.store });
    expect(files()).toEqual([
      'changelog.json',
      'comparisons/openrouter-model-fusion-vs-terrarium.json',
      'index.json',
      'schemas/changelog.schema.json',
      'schemas/comparison.schema.json',
      'schemas/index.schema.json',
      'schemas/tool.schema.json',
      'tools/google-scion.json',
      'tools/openrouter-model-fusion.json',
      'tools/terrarium.json',
    ]);
    expect(result.written).toEqual(files());
    const index = PublishIndex.parse(read('index.json'));
    expect(index.tools.map((tool) => tool.slug)).toEqual(['google-scion', 'openrouter-model-fusion', 'terrarium']);
    expect(index.comparisons).toEqual([
      expect.objectContaining({ slug: 'openrouter-model-fusion-vs-terrarium', file: 'comparisons/openrouter-model-fusion-vs-terrarium.json', tools: ['openrouter-model-fusion', 'terrarium'] }),
    ]);
    const page = ComparisonPage.parse(read('comparisons/openrouter-model-fusion-vs-terrarium.json'));
    expect(page).toMatchObject({ preview: false, verdictLine: { status: 'approved', source: 'model', text: 'Pick OpenRouter Model Fusion or Terrarium, depending on the job at hand.' } });
    const tool = PublishedReview.parse(read('tools/terrarium.json'));
    expect(tool.panel.label).toBe('Mixed · 2 ship / 2 skip');
    expect(tool.reviews.map((review) => review.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
    // Models are named only in the disclosure (who wrote which text); costs and flags never.
    const { disclosure, ...rest } = read('tools/terrarium.json') as { disclosure: unknown };
    expect(JSON.stringify(rest)).not.toMatch(/"(costUsd|usage|model|latencyMs|flags)":/);
    expect(JSON.stringify(disclosure)).not.toMatch(/"(costUsd|usage|latencyMs|flags)":/);
  });

  it('writes files that satisfy the JSON Schema files beside them', async () => {
    await approvedComparison('openrouter-model-fusion', 'terrarium');
    recordVote('terrarium', { vote: 'ship', voter: 'reader-0001' }, { ...deps });
    await publishSite(out, { store: fixture.store });
    const schema = (kind: string) => read(`schemas/${kind}.schema.json`) as Record<string, unknown>;
    expect(schema('comparison')).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'comparison.schema.json', title: 'ComparisonPage' });
    expect(checkJsonSchema(schema('index'), read('index.json'))).toEqual([]);
    for (const file of files().filter((each) => each.startsWith('tools/'))) expect(checkJsonSchema(schema('tool'), read(file)), file).toEqual([]);
    expect(checkJsonSchema(schema('comparison'), read('comparisons/openrouter-model-fusion-vs-terrarium.json'))).toEqual([]);
    // The checker does catch a file that breaks the schema.
    expect(checkJsonSchema(schema('comparison'), { ...(read('comparisons/openrouter-model-fusion-vs-terrarium.json') as object), slug: 'Not A Slug', extra: 1 })).toHaveLength(2);
  });

  it('changes no file when run again over unchanged data: same bytes, same times, same updatedAt', async () => {
    await approvedComparison('openrouter-model-fusion', 'terrarium');
    await publishSite(out, { store: fixture.store });
    const past = new Date('2020-01-01T00:00:00Z');
    for (const file of files()) utimesSync(path.join(out, file), past, past);
    const before = new Map(files().map((file) => [file, readFileSync(path.join(out, file), 'utf8')]));
    // A new draft of a published tool is not published data.
    fixture.store.saveDraft({ ...referenceReview(TERRARIUM), id: 'd0000000-0000-4000-8000-000000000009', createdAt: '2026-04-22T00:00:00.000Z' });
    const again = await publishSite(out, { store: fixture.store });
    expect(again.written).toEqual([]);
    expect(again.unchanged).toEqual(files());
    for (const file of files()) {
      expect(readFileSync(path.join(out, file), 'utf8')).toBe(before.get(file));
      expect(statSync(path.join(out, file)).mtime.toISOString()).toBe(past.toISOString());
    }
    expect(readdirSync(out).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('derives updatedAt from the data: the newest approval or vote', async () => {
    await publishSite(out, { store: fixture.store });
    const first = PublishIndex.parse(read('index.json')).updatedAt;
    expect(first).toBe(fixture.store.reviewState(referenceReview(SCION).id)?.approvedAt);
    recordVote('terrarium', { vote: 'skip', voter: 'reader-0002' }, { ...deps, now: () => new Date('2026-05-01T00:00:00.000Z') });
    const result = await publishSite(out, { store: fixture.store });
    expect(result.index.updatedAt).toBe('2026-05-01T00:00:00.000Z');
    expect(result.written).toEqual(['index.json', 'tools/terrarium.json']);
    expect(PublishedReview.parse(read('tools/terrarium.json')).community.text).toBe('0% ship · 1 vote');
  });

  it('never publishes drafts, rejected or superseded reviews, nor draft comparisons', async () => {
    fixture.store.saveDraft({ ...referenceReview(FUSION), id: 'd0000000-0000-4000-8000-000000000001', tool: { ...referenceReview(FUSION).tool, url: 'https://draft-only.example/', name: 'Draft Only' } });
    fixture.store.saveDraft({ ...referenceReview(FUSION), id: 'd0000000-0000-4000-8000-000000000002', tool: { ...referenceReview(FUSION).tool, url: 'https://rejected.example/', name: 'Rejected Tool' } });
    desk.reject('d0000000-0000-4000-8000-000000000002', 'Ann', 'not a tool');
    await saveComparison('openrouter-model-fusion', 'google-scion', deps); // a draft comparison
    const newer = { ...referenceReview(TERRARIUM), id: 'd0000000-0000-4000-8000-000000000003', createdAt: '2026-04-22T00:00:00.000Z' };
    newer.reviews = newer.reviews.map((answer) => ({ ...answer, quote: `${answer.quote} (revisited)` }));
    fixture.store.saveDraft(newer);
    desk.approve(newer.id, 'Ann', {}, { allowUnchecked: true }); // supersedes Terrarium's first review
    const result = await publishSite(out, { store: fixture.store });
    expect(result.index.tools.map((tool) => tool.reviewId)).toEqual([referenceReview(SCION).id, referenceReview(FUSION).id, newer.id]);
    expect(result.index.comparisons).toEqual([]);
    const everything = files().map((file) => readFileSync(path.join(out, file), 'utf8')).join('\n');
    expect(everything).not.toMatch(/Draft Only|Rejected Tool|d0000000-0000-4000-8000-000000000002/);
    // The superseded review is only a line of its tool's history (and the changelog): a date, a panel, scores; no quote.
    const superseded = 'a0000000-0000-4000-8000-000000000002';
    expect(readFileSync(path.join(out, 'index.json'), 'utf8')).not.toContain(superseded);
    const terrarium = PublishedReview.parse(read('tools/terrarium.json'));
    expect(terrarium.reviewId).toBe(newer.id);
    expect(terrarium.history.map((entry) => entry.reviewId)).toEqual([newer.id, superseded]);
    expect(Object.keys(terrarium.history[1] ?? {})).not.toContain('quote');
  });

  it('leaves out and removes a comparison whose review was superseded since it was approved', async () => {
    await approvedComparison('openrouter-model-fusion', 'terrarium');
    await publishSite(out, { store: fixture.store });
    expect(files()).toContain('comparisons/openrouter-model-fusion-vs-terrarium.json');
    const newer = { ...referenceReview(TERRARIUM), id: 'd0000000-0000-4000-8000-000000000004', createdAt: '2026-04-22T00:00:00.000Z' };
    fixture.store.saveDraft(newer);
    desk.approve(newer.id, 'Ann', {}, { allowUnchecked: true });
    const result = await publishSite(out, { store: fixture.store });
    expect(result.removed).toEqual(['comparisons/openrouter-model-fusion-vs-terrarium.json']);
    expect(result.skipped).toEqual([{ slug: 'openrouter-model-fusion-vs-terrarium', reason: expect.stringMatching(/Terrarium's review a0000000 is superseded/) }]);
    expect(files()).not.toContain('comparisons/openrouter-model-fusion-vs-terrarium.json');
    // Written and approved again from the new review, it is back.
    await approvedComparison('openrouter-model-fusion', 'terrarium');
    const back = await publishSite(out, { store: fixture.store });
    expect(back.written).toContain('comparisons/openrouter-model-fusion-vs-terrarium.json');
    expect(back.skipped).toEqual([]);
  });
});
