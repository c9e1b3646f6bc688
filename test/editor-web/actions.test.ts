/**
 * Each POST route changes exactly what it should (and a 303 brings the editor back with a
 * flash); desk refusals are a visible 400/409 on the draft with nothing changed.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { Review } from '../../src/schemas.js';
import { dbSnapshot, WebClient } from './web-client.js';
import { draftId, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench;
let client: WebClient;
const FUSION = draftId(0);
const SCION = draftId(2); // its creator's model failed: incomplete
const DRAFTS = tenDrafts();

beforeEach(async () => {
  bench = webBench(context, DRAFTS, { env: { EDITOR_NAME: 'Ann' } });
  client = new WebClient(bench.app);
  await client.get(`/reviews/${FUSION}`);
});
afterEach(() => bench.cleanup());

/** The snapshot of every review except `id`: what an action on `id` must leave alone. */
const others = (id: string) => JSON.stringify((JSON.parse(dbSnapshot(bench.store)) as Array<{ review: Review }>).filter((entry) => entry.review.id !== id));

async function expectRefused(path: string, fields: Record<string, string>, status: number, message: RegExp): Promise<void> {
  const before = dbSnapshot(bench.store);
  const sent = await client.post(path, fields);
  expect(sent.status).toBe(status);
  expect(sent.body).toMatch(message);
  expect(sent.body).toContain('class="flash flash-error"');
  expect(dbSnapshot(bench.store)).toBe(before);
}

/** The draft after `id` in the queue's order before the action (the first one when `id` is last). */
function draftAfter(id: string): string {
  const ids = bench.desk.queue().map((item) => item.id);
  const others_ = ids.filter((each) => each !== id);
  return ids[ids.indexOf(id) + 1] ?? (others_[0] as string);
}

describe('approve and reject', () => {
  it('approve: the review is approved by the signed-in editor, one audit row; on to the next draft with a flash', async () => {
    const untouched = others(FUSION);
    const next = draftAfter(FUSION);
    const sent = await client.post(`/reviews/${FUSION}/approve`);
    expect(sent).toMatchObject({ status: 303, location: `/reviews/${next}` });
    expect(bench.store.reviewState(FUSION)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(bench.store.audit(FUSION).map((entry) => [entry.actor, entry.action])).toEqual([
      ['engine', 'created draft'],
      ['Ann', 'approved'],
    ]);
    expect(others(FUSION)).toBe(untouched);
    const landed = await client.get(`/reviews/${next}`);
    expect(landed.body).toContain('Approved OpenRouter Model Fusion (Ship · 3 ship / 1 skip). 9 drafts left.');
    expect((await client.get('/')).body).not.toContain(`class="tool-link" href="/reviews/${FUSION}"`);
    expect((await client.get('/')).body).not.toContain('Approved OpenRouter'); // a flash shows once
  });

  it('reject: needs a reason; the reason and the editor are stored', async () => {
    await expectRefused(`/reviews/${FUSION}/reject`, { reason: '   ' }, 400, /a rejection needs a reason/);
    const next = draftAfter(FUSION);
    const sent = await client.post(`/reviews/${FUSION}/reject`, { reason: 'Pricing is wrong.' });
    expect(sent).toMatchObject({ status: 303, location: `/reviews/${next}` });
    expect(bench.store.reviewState(FUSION)).toMatchObject({ status: 'rejected', rejectedBy: 'Ann', rejectReason: 'Pricing is wrong.' });
    expect(bench.store.audit(FUSION).at(-1)).toMatchObject({ actor: 'Ann', action: 'rejected', detail: { reason: 'Pricing is wrong.' } });
  });

  it('an incomplete panel cannot be approved (409, shown on the draft)', async () => {
    await client.get(`/reviews/${SCION}`);
    await expectRefused(`/reviews/${SCION}/approve`, {}, 409, /is incomplete: creator failed/);
  });

  it('a decided review cannot be decided again (409)', async () => {
    await client.post(`/reviews/${FUSION}/approve`);
    await client.get(`/reviews/${FUSION}`);
    await expectRefused(`/reviews/${FUSION}/reject`, { reason: 'Too late.' }, 409, /is approved, not a draft/);
    await expectRefused(`/reviews/${FUSION}/approve`, {}, 409, /is approved, not a draft/);
  });

  it('without a name (no EDITOR_NAME, nothing given) the action asks for one and changes nothing', async () => {
    const nameless = webBench(context, DRAFTS.slice(0, 1));
    try {
      const browser = new WebClient(nameless.app);
      const page = await browser.get(`/reviews/${FUSION}`);
      expect(page.body).toContain('Set your name');
      const refused = await browser.post(`/reviews/${FUSION}/approve`);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('say who is editing first');
      expect(nameless.store.reviewState(FUSION)?.status).toBe('draft');

      // The name form: kept in the session and in a cookie a new session starts from.
      await browser.get('/login');
      expect((await browser.post('/login', { name: 'Cleo', next: `/reviews/${FUSION}` })).location).toBe(`/reviews/${FUSION}`);
      expect(browser.cookies.get('sos_editor')).toBe('Cleo');
      const later = new WebClient(nameless.app);
      later.cookies.set('sos_editor', 'Cleo');
      expect((await later.get(`/reviews/${FUSION}`)).body).toContain('Editing as <strong>Cleo</strong>');
      expect((await later.post(`/reviews/${FUSION}/approve`)).status).toBe(303);
      expect(nameless.store.reviewState(FUSION)).toMatchObject({ status: 'approved', approvedBy: 'Cleo' });
    } finally {
      nameless.cleanup();
    }
  });
});

describe('edit', () => {
  it('a quote: a new editor revision beside the model original; score, verdict and panel unchanged', async () => {
    const untouched = others(FUSION);
    const sent = await client.post(`/reviews/${FUSION}/personas/skeptic/edit`, { score: '45', verdict: '', quote: 'Judges are models too.' });
    expect(sent).toMatchObject({ status: 303, location: `/reviews/${FUSION}#persona-skeptic` });
    const review = bench.store.getReview(FUSION);
    expect(review?.reviews[1]).toMatchObject({ persona: 'skeptic', score: 45, verdict: 'skip', quote: 'Judges are models too.' });
    expect(review?.panel).toEqual(DRAFTS[0]?.panel);
    const revisions = bench.store.revisions(FUSION).filter((each) => each.persona === 'skeptic');
    expect(revisions.map((each) => [each.revision, each.source, each.author])).toEqual([
      [1, 'model', 'engine'],
      [2, 'editor', 'Ann'],
    ]);
    expect(revisions[0]?.entry).toEqual(DRAFTS[0]?.reviews[1]);
    expect(bench.store.audit(FUSION).at(-1)).toMatchObject({ actor: 'Ann', action: 'edited', detail: { persona: 'skeptic', fields: ['quote'] } });
    expect(others(FUSION)).toBe(untouched);

    const page = await client.get(`/reviews/${FUSION}`);
    expect(page.body).toContain('Saved Skeptic: 45 · skip.');
    expect(page.body).toContain('Edited by <b>Ann</b>');
    expect(page.body).toContain(DRAFTS[0]?.reviews[1]?.quote.replace(/'/g, '&#39;'));
  });

  it('a score alone brings its verdict and recomputes the panel', async () => {
    await client.post(`/reviews/${FUSION}/personas/builder/edit`, { score: '30', quote: DRAFTS[0]?.reviews[0]?.quote ?? '', keep_quote: '1' });
    const review = bench.store.getReview(FUSION);
    expect(review?.reviews[0]).toMatchObject({ score: 30, verdict: 'skip' });
    expect(review?.panel).toMatchObject({ label: 'Mixed · 2 ship / 2 skip', shipPercent: 50 });
    expect(bench.store.audit(FUSION).at(-1)?.detail).toMatchObject({ fields: ['score'] });
  });

  it('a verdict that disagrees with the score is refused (400); so is a bad score or an unchanged form', async () => {
    await expectRefused(`/reviews/${FUSION}/personas/builder/edit`, { score: '30', verdict: 'ship' }, 400, /verdict &quot;ship&quot; disagrees with score 30/);
    await expectRefused(`/reviews/${FUSION}/personas/builder/edit`, { score: '101' }, 400, /score must be a whole number from 0 to 100/);
    await expectRefused(`/reviews/${FUSION}/personas/builder/edit`, { score: 'eighty' }, 400, /score: must be a whole number/);
    await expectRefused(`/reviews/${FUSION}/personas/builder/edit`, { score: '80', quote: DRAFTS[0]?.reviews[0]?.quote ?? '' }, 400, /nothing to change/);
    await expectRefused(`/reviews/${FUSION}/personas/oracle/edit`, { score: '80' }, 400, /has no persona &quot;oracle&quot;/);
  });

  it('writing a failed persona completes the panel, which can then be approved', async () => {
    await client.get(`/reviews/${SCION}`);
    const sent = await client.post(`/reviews/${SCION}/personas/creator/edit`, { score: '60', quote: 'A sandbox I can point a design agent at.' });
    expect(sent.status).toBe(303);
    const review = bench.store.getReview(SCION);
    expect(review?.panel).toMatchObject({ complete: true, label: 'Ship · 3 ship / 1 skip' });
    expect(review?.reviews.find((each) => each.persona === 'creator')).toMatchObject({ score: 60, verdict: 'ship', model: 'editor' });
    expect((await client.post(`/reviews/${SCION}/approve`)).status).toBe(303);
    expect(bench.store.reviewState(SCION)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
  });
});

describe('regenerate', () => {
  it("asks the persona's stored model again: a new model revision asked for by the editor", async () => {
    const untouched = others(FUSION);
    const sent = await client.post(`/reviews/${FUSION}/personas/skeptic/regenerate`);
    expect(sent).toMatchObject({ status: 303, location: `/reviews/${FUSION}#persona-skeptic` });
    expect(bench.modelCalls).toEqual(['anthropic:claude-haiku-5-5']);
    const review = bench.store.getReview(FUSION);
    expect(review?.reviews[1]).toMatchObject({ score: 66, verdict: 'ship', quote: 'On a second read, the judge model earns its keep.' });
    expect(review?.panel.label).toBe('Ship · 4 ship / 0 skip');
    expect(bench.store.revisions(FUSION).at(-1)).toMatchObject({ persona: 'skeptic', revision: 2, source: 'model', author: 'Ann' });
    expect(bench.store.audit(FUSION).at(-1)).toMatchObject({ actor: 'Ann', action: 'regenerated' });
    expect(others(FUSION)).toBe(untouched);
    expect((await client.get(`/reviews/${FUSION}`)).body).toContain('Regenerated Skeptic: 66 · ship.');
  });

  it("never replaces an editor's edit unless the editor ticks the box (409 without it)", async () => {
    await client.post(`/reviews/${FUSION}/personas/skeptic/edit`, { score: '45', quote: 'Mine.' });
    await client.get(`/reviews/${FUSION}`);
    expect((await client.get(`/reviews/${FUSION}`)).body).toContain('name="force" value="1" required');
    await expectRefused(`/reviews/${FUSION}/personas/skeptic/regenerate`, {}, 409, /was edited by Ann/);
    expect(bench.modelCalls).toEqual([]);
    expect((await client.post(`/reviews/${FUSION}/personas/skeptic/regenerate`, { force: '1' })).status).toBe(303);
    expect(bench.store.getReview(FUSION)?.reviews[1]).toMatchObject({ score: 66, verdict: 'ship' });
    expect(bench.store.revisions(FUSION).filter((each) => each.persona === 'skeptic').map((each) => each.source)).toEqual(['model', 'editor', 'model']);
  });

  it('a model that gives no valid answer: the answer is kept, the spend recorded, the error flashed', async () => {
    const failing = webBench(context, DRAFTS.slice(0, 1), { env: { EDITOR_NAME: 'Ann' }, answer: 'not json at all' });
    try {
      const browser = new WebClient(failing.app);
      await browser.get(`/reviews/${FUSION}`);
      const sent = await browser.post(`/reviews/${FUSION}/personas/skeptic/regenerate`);
      expect(sent).toMatchObject({ status: 303, location: `/reviews/${FUSION}#persona-skeptic` });
      expect(failing.store.getReview(FUSION)?.reviews[1]).toEqual(DRAFTS[0]?.reviews[1]);
      expect(failing.store.audit(FUSION).at(-1)).toMatchObject({ actor: 'Ann', action: 'regeneration failed' });
      const page = await browser.get(`/reviews/${FUSION}`);
      expect(page.body).toMatch(/class="flash flash-error" role="alert">regenerating skeptic on review 00000001 failed/);
    } finally {
      failing.cleanup();
    }
  });
});
