/**
 * The verdict history in the published files: built from sequences of approvals written
 * straight into the store (first review → re-review → editor correction → a panel with a new
 * persona → one without it), every entry's kind, panel and moves, `changelog.json` newest
 * first, the comparison card's "Verdict changed on …", the same bytes on a second run, the
 * JSON Schemas, and no simulated review anywhere unless publishing simulated reviews.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { createDesk, type Desk } from '../../src/editor/index.js';
import { Changelog, comparePair, PublishedReview, publishSite, renderComparisonHtml, toolHistory } from '../../src/publish/index.js';
import type { PersonaReview, Review, ReviewOrigin } from '../../src/schemas.js';
import { checkJsonSchema } from './json-schema-check.js';
import { referenceReview, referenceStore, TERRARIUM, type ReferenceStore } from './reference-fixture.js';

let fixture: ReferenceStore;
let desk: Desk;
let out: string;
let tick = 0;
let serial = 0;
const now = () => new Date(Date.UTC(2026, 4, 1 + Math.floor(tick / 10), 12, 0, tick++ % 10));

beforeEach(() => {
  fixture = referenceStore();
  tick = 0;
  desk = createDesk(fixture.store, { threshold: 50, now, allowSimulated: true });
  out = mkdtempSync(path.join(os.tmpdir(), 'history-out-'));
});
afterEach(() => fixture.cleanup());

const TERRARIUM_FIRST = 'a0000000-0000-4000-8000-000000000002';
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(out, file), 'utf8'));
const allText = (dir = out): string =>
  readdirSync(dir, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? allText(path.join(dir, entry.name)) : readFileSync(path.join(dir, entry.name), 'utf8')))
    .join('\n');

/** A new Terrarium draft with these answers, saved with its origin and approved by the desk; its id. */
function publishTerrarium(origin: ReviewOrigin, change: (answers: PersonaReview[]) => PersonaReview[], extra: Partial<Review> = {}): string {
  const base = referenceReview(TERRARIUM);
  const reviews = change(base.reviews.map((answer) => ({ ...answer })));
  serial += 1;
  const id = `b0000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
  const published = fixture.store.findReviews({ slug: 'terrarium', status: 'approved' })[0]?.id ?? null;
  fixture.store.saveDraft({ ...base, ...extra, id, createdAt: now().toISOString(), reviews, panel: aggregateVerdict(reviews, reviews.length) }, { origin, amends: published });
  desk.approve(id, 'Bea', {}, { allowUnchecked: true });
  return id;
}

const setCall = (answers: PersonaReview[], persona: string, score: number): PersonaReview[] =>
  answers.map((answer) => (answer.persona === persona ? { ...answer, score, verdict: score >= 50 ? 'ship' : 'skip' } : answer));

const operator: PersonaReview = { persona: 'operator', name: 'Operator', score: 70, verdict: 'ship', quote: 'Runs fine in our cluster.', model: 'openai:gpt-5.4-mini', usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 }, latencyMs: 0, attempts: 1 };

describe('verdict history', () => {
  it('records first review, re-review, editor correction, new persona and persona removed, newest first', async () => {
    const reReview = publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62)); // Mixed 2/2 → Ship 3/1
    const correction = publishTerrarium('correction', (answers) =>
      setCall(answers, 'skeptic', 62).map((answer) => (answer.persona === 'builder' ? { ...answer, quote: 'Corrected quote.' } : answer)),
    );
    const added = publishTerrarium('re-review', (answers) => [...setCall(answers, 'skeptic', 62), operator]);
    const removed = publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 30)); // operator gone, Ship → Mixed
    await publishSite(out, { store: fixture.store });
    const tool = PublishedReview.parse(read('tools/terrarium.json'));
    const history = tool.history;
    expect(history.map((entry) => [entry.reviewId, entry.changes])).toEqual([
      [removed, ['re-review', 'persona removed']],
      [added, ['re-review', 'new persona']],
      [correction, ['editor correction']],
      [reReview, ['re-review']],
      [TERRARIUM_FIRST, ['first review']],
    ]);
    expect(history[0]?.reviewId).toBe(tool.reviewId);
    const [gone, plus, fixed, again, first] = history;
    expect(first).toMatchObject({ kind: 'first review', editor: 'Ann', date: '2026-04-20', verdictChange: null, moved: [], panel: { verdict: 'mixed', label: 'Mixed · 2 ship / 2 skip', shipPercent: 50 } });
    expect(again).toMatchObject({
      kind: 're-review',
      editor: 'Bea',
      verdictChange: { from: 'mixed', to: 'ship', text: 'Mixed → Ship' },
      panel: { verdict: 'ship', ship: 3, skip: 1, shipPercent: 75 },
      moved: [{ persona: 'skeptic', name: 'Skeptic', from: { score: 45, verdict: 'skip' }, to: { score: 62, verdict: 'ship' } }],
    });
    expect(again?.reviews.find((call) => call.persona === 'skeptic')).toEqual({ persona: 'skeptic', name: 'Skeptic', score: 62, verdict: 'ship' });
    // A quote-only correction moves no score and no verdict.
    expect(fixed).toMatchObject({ kind: 'editor correction', verdictChange: null, moved: [], personasAdded: [], personasRemoved: [] });
    expect(plus).toMatchObject({ personasAdded: ['operator'], personasRemoved: [], moved: [] });
    expect(gone).toMatchObject({ personasAdded: [], personasRemoved: ['operator'], verdictChange: { from: 'ship', to: 'mixed' } });
    expect(gone?.moved.map((move) => move.persona)).toEqual(['skeptic']);
    // The history the pages use is the same function's.
    expect(toolHistory(fixture.store, 2)).toEqual(history);
  });

  it('writes changelog.json newest first, over every published tool, and lists it in the index', async () => {
    const reReview = publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62));
    const correction = publishTerrarium('correction', (answers) => setCall(answers, 'skeptic', 62));
    await publishSite(out, { store: fixture.store });
    const changelog = Changelog.parse(read('changelog.json'));
    expect(changelog.entries.map((entry) => [entry.slug, entry.kind, entry.text])).toEqual([
      ['terrarium', 'editor correction', 'Ship'],
      ['terrarium', 're-review', 'Mixed → Ship'],
      ['google-scion', 'first review', 'Mixed'],
      ['terrarium', 'first review', 'Mixed'],
      ['openrouter-model-fusion', 'first review', 'Ship'],
    ]);
    expect(changelog.entries[0]).toMatchObject({ reviewId: correction, name: 'Terrarium', from: 'ship', to: 'ship', fromWord: 'Ship', toWord: 'Ship' });
    expect(changelog.entries[1]).toMatchObject({ reviewId: reReview, from: 'mixed', to: 'ship', changes: ['re-review'] });
    expect(changelog.entries.at(-1)).toMatchObject({ from: null, fromWord: null });
    expect(changelog.updatedAt).toBe(changelog.entries[0]?.approvedAt);
    expect(read('index.json')).toMatchObject({ changelog: 'changelog.json', schemas: { changelog: 'schemas/changelog.schema.json' } });
    const approvals = changelog.entries.map((entry) => entry.approvedAt);
    expect(approvals).toEqual([...approvals].sort().reverse());
  });

  it('satisfies the JSON Schemas written beside the files', async () => {
    publishTerrarium('re-review', (answers) => [...setCall(answers, 'skeptic', 62), operator]);
    await publishSite(out, { store: fixture.store });
    const schema = (kind: string) => read(`schemas/${kind}.schema.json`) as Record<string, unknown>;
    expect(checkJsonSchema(schema('tool'), read('tools/terrarium.json'))).toEqual([]);
    expect(checkJsonSchema(schema('changelog'), read('changelog.json'))).toEqual([]);
    expect(checkJsonSchema(schema('index'), read('index.json'))).toEqual([]);
    // The schema is generated from zod: the history's shape is in it.
    expect(JSON.stringify(schema('tool'))).toContain('"editor correction"');
  });

  it('gives byte-identical files when published twice with no change', async () => {
    publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62));
    publishTerrarium('correction', (answers) => setCall(answers, 'skeptic', 62));
    const first = await publishSite(out, { store: fixture.store });
    const before = allText();
    const second = await publishSite(out, { store: fixture.store });
    expect(second.written).toEqual([]);
    expect(second.unchanged).toEqual([...first.written].sort());
    expect(allText()).toBe(before);
  });

  it('never shows a simulated review: not in the history, the changelog or any file, unless publishing simulated reviews', async () => {
    const simulated = publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62), { simulated: true });
    const real = publishTerrarium('correction', (answers) => setCall(answers, 'builder', 20)); // Mixed 2/2 → Skip 1/3
    await publishSite(out, { store: fixture.store });
    const tool = PublishedReview.parse(read('tools/terrarium.json'));
    // Compared with the last publication the site could see: the first review.
    expect(tool.history.map((entry) => [entry.reviewId, entry.kind, entry.verdictChange?.text ?? null])).toEqual([
      [real, 'editor correction', 'Mixed → Skip'],
      [TERRARIUM_FIRST, 'first review', null],
    ]);
    expect(tool.history[0]?.moved.map((move) => move.persona)).toEqual(['builder']);
    expect(allText()).not.toContain(simulated);
    // Data files only: the schema files name the property.
    expect(['index.json', 'changelog.json', 'tools/terrarium.json'].map((file) => readFileSync(path.join(out, file), 'utf8')).join('')).not.toContain('"simulated"');
    // A trial site shows it, marked.
    const trial = mkdtempSync(path.join(os.tmpdir(), 'history-trial-'));
    await publishSite(trial, { store: fixture.store, allowSimulated: true });
    const trialTool = PublishedReview.parse(JSON.parse(readFileSync(path.join(trial, 'tools/terrarium.json'), 'utf8')));
    expect(trialTool.history.map((entry) => [entry.reviewId, entry.simulated ?? false])).toEqual([
      [real, false],
      [simulated, true],
      [TERRARIUM_FIRST, false],
    ]);
    const trialLog = Changelog.parse(JSON.parse(readFileSync(path.join(trial, 'changelog.json'), 'utf8')));
    expect(trialLog.entries.find((entry) => entry.reviewId === simulated)).toMatchObject({ simulated: true, text: 'Mixed → Ship' });
  });

  it('leaves out a tool whose live review is simulated, history and changelog entries too', async () => {
    const simulated = publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62), { simulated: true });
    await publishSite(out, { store: fixture.store });
    const changelog = Changelog.parse(read('changelog.json'));
    expect(changelog.entries.map((entry) => entry.slug)).not.toContain('terrarium');
    expect(allText()).not.toContain(simulated);
  });

  it('shows "Verdict changed on <date>: Mixed → Ship" and the disclosure line on the comparison page', () => {
    publishTerrarium('re-review', (answers) => setCall(answers, 'skeptic', 62));
    const deps = { store: fixture.store, resolveReview: desk.resolve };
    const { page } = comparePair('openrouter-model-fusion', 'terrarium', deps);
    const [fusion, terrarium] = page.tools;
    expect(fusion.verdictChange).toBeNull();
    expect(terrarium.verdictChange).toEqual({ from: 'mixed', to: 'ship', fromWord: 'Mixed', toWord: 'Ship', text: 'Mixed → Ship', on: '2026-05-01' });
    expect(terrarium.disclosure).toEqual({ models: ['reference:page'], editor: 'Bea', approvedAt: expect.stringMatching(/^2026-05-01T12:/), text: 'AI panel: reference:page · Editor of record: Bea · Approved 1 May 2026' });
    expect(fusion.disclosure.text).toBe('AI panel: reference:page · Editor of record: Ann · Approved 20 April 2026');
    const html = renderComparisonHtml(page);
    expect(html).toContain('Verdict changed on 1 May 2026: Mixed → Ship');
    expect(html).toContain('AI panel: reference:page · Editor of record: Bea · Approved 1 May 2026');
    // A correction that keeps the verdict: the card says nothing about a change.
    publishTerrarium('correction', (answers) => setCall(answers, 'skeptic', 62));
    expect(comparePair('openrouter-model-fusion', 'terrarium', deps).page.tools[1].verdictChange).toBeNull();
  });

  it('is derived from reviews the database keeps fixed once published (migration 062)', () => {
    const store = fixture.store;
    const at = '2026-05-02T00:00:00.000Z';
    expect(() => store.addRevision({ reviewId: TERRARIUM_FIRST, persona: 'builder', source: 'editor', author: 'Eve', at, entry: { ...referenceReview(TERRARIUM).reviews[0]!, score: 10, verdict: 'skip' } })).toThrow(/never change/);
    expect(() => store.db.prepare("UPDATE reviews SET ship_count = 4 WHERE id = ?").run(TERRARIUM_FIRST)).toThrow(/never changes/);
    expect(() => store.db.prepare("UPDATE reviews SET approved_at = ? WHERE id = ?").run(at, TERRARIUM_FIRST)).toThrow(/never changes/);
  });
});
