/**
 * Corrections on the web page (issue 13): "Correct this review" on a published review opens (or
 * reuses) its correction draft without a model call, and the draft says what it corrects; a
 * score edit across the ship line without a new quote or "keep the quote" is asked about,
 * server-side, with nothing saved.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { dbSnapshot, WebClient } from './web-client.js';
import { draftFrom, draftId, TOOLS, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench;
let client: WebClient;
const FUSION = draftId(0); // scores 80, 45, 80, 80
const SKEPTIC_QUOTE = TOOLS[0]?.quotes[1] as string;

beforeEach(async () => {
  bench = webBench(context, tenDrafts(), { env: { EDITOR_NAME: 'Ann' } });
  client = new WebClient(bench.app);
});
afterEach(() => bench.cleanup());

const correctionsOf = (id: string) => bench.store.findReviews({ amends: id, origin: 'correction' });

describe('Correct this review', () => {
  it('opens a correction draft and goes to it; the published review stays live; a second click reuses it', async () => {
    bench.desk.approve(FUSION, 'Ann');
    const page = await client.get(`/reviews/${FUSION}`);
    expect(page.body).toContain(`<form method="post" action="/reviews/${FUSION}/amend" class="banner correction-banner correct-form">`);
    expect(page.body).toContain('✎ Correct this review');

    const before = dbSnapshot(bench.store);
    expect((await client.post(`/reviews/${FUSION}/amend`, {}, { csrf: 'forged' })).status).toBe(403);
    expect(dbSnapshot(bench.store)).toBe(before);

    const sent = await client.post(`/reviews/${FUSION}/amend`);
    expect(sent.status).toBe(303);
    const [correction] = correctionsOf(FUSION);
    expect(correction).toMatchObject({ status: 'draft', origin: 'correction', amends: FUSION });
    expect(sent.location).toBe(`/reviews/${correction?.id}`);
    const draft = await client.get(sent.location as string);
    expect(draft.body).toContain('Opened a correction of the published review');
    expect(draft.body).toMatch(new RegExp(`<b>Correction</b> of the <a href="/reviews/${FUSION}">published review of [^<]+</a>\\. It stays live until you approve this correction`));
    expect(draft.body).toContain('class="edit-form"');
    expect(bench.store.reviewState(FUSION)?.status).toBe('approved');

    const again = await client.post(`/reviews/${FUSION}/amend`);
    expect(again.location).toBe(`/reviews/${correction?.id}`);
    expect((await client.get(again.location as string)).body).toContain('This correction was already open');
    expect(correctionsOf(FUSION)).toHaveLength(1);
    expect((await client.get(`/reviews/${FUSION}`)).body).toContain(`A correction is open: <a href="/reviews/${correction?.id}">continue it</a>`);
    expect(bench.modelCalls).toEqual([]);
  });

  it('a draft cannot be "corrected": 409 on the page, nothing written', async () => {
    await client.get(`/reviews/${FUSION}`);
    expect((await client.get(`/reviews/${FUSION}`)).body).not.toContain('Correct this review');
    const before = dbSnapshot(bench.store);
    const sent = await client.post(`/reviews/${FUSION}/amend`);
    expect(sent.status).toBe(409);
    expect(sent.body).toMatch(/is draft, not published, so there is nothing to correct/);
    expect(dbSnapshot(bench.store)).toBe(before);
  });
});

describe('a score across the ship line asks about the quote', () => {
  const editPath = `/reviews/${FUSION}/personas/skeptic/edit`;

  it('without a new quote or "keep", the form comes back with the question and nothing is saved', async () => {
    await client.get(`/reviews/${FUSION}`);
    const before = dbSnapshot(bench.store);
    const sent = await client.post(editPath, { revision: '1', score: '72', verdict: '', quote: SKEPTIC_QUOTE });
    expect(sent.status).toBe(200); // a form to answer, not a save (which is a 303)
    expect(sent.body).toContain('id="quote-question"');
    expect(sent.body).toContain('A score of <b>72</b> moves Skeptic across the ship line (50) from <b>skip</b> to <b>ship</b>');
    expect(sent.body).toContain('<input type="checkbox" name="keep_quote" value="1">');
    expect(sent.body).toContain('<input type="hidden" name="score" value="72">');
    expect(sent.body).toContain(`<form method="post" action="${editPath}" class="quote-question-form">`);
    expect(dbSnapshot(bench.store)).toBe(before);

    const kept = await client.post(editPath, { revision: '1', score: '72', quote: SKEPTIC_QUOTE, keep_quote: '1' });
    expect(kept.status).toBe(303);
    expect(bench.store.getReview(FUSION)?.reviews[1]).toMatchObject({ score: 72, verdict: 'ship', quote: SKEPTIC_QUOTE });
  });

  it('a rewritten quote answers it too', async () => {
    await client.get(`/reviews/${FUSION}`);
    const sent = await client.post(editPath, { revision: '1', score: '72', quote: 'The judge earns its keep on hard prompts.' });
    expect(sent.status).toBe(303);
    expect(bench.store.getReview(FUSION)?.reviews[1]).toMatchObject({ score: 72, verdict: 'ship', quote: 'The judge earns its keep on hard prompts.' });
  });

  it("the page and the rule use the review's stored ship line, not PANEL_SHIP_THRESHOLD", async () => {
    bench.cleanup();
    bench = webBench(context, [draftFrom(TOOLS[0] as (typeof TOOLS)[number], 0, { shipThreshold: 60 })], { env: { EDITOR_NAME: 'Ann', PANEL_SHIP_THRESHOLD: '50' } });
    client = new WebClient(bench.app);
    const page = await client.get(`/reviews/${FUSION}`);
    expect(page.body).toContain('data-threshold="60"');
    expect(page.body).toContain('60 or more is <b>ship</b>');
    // 55 is ship at 50, skip at 60: the skeptic (45, skip) stays on its side, no question.
    const sent = await client.post(editPath, { revision: '1', score: '55', quote: SKEPTIC_QUOTE });
    expect(sent.status).toBe(303);
    expect(bench.store.getReview(FUSION)?.reviews[1]).toMatchObject({ score: 55, verdict: 'skip' });
  });
});
