/**
 * Correcting a published review (issue 13): a correction draft copies the published review as
 * it stands, the published one stays live until the correction is approved, approval
 * supersedes it, rejection keeps it; one open correction per review; every step audited.
 * The desk's amend and edit take no engine at all, so no model can be called.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QuoteNeededError } from '../../src/editor/index.js';
import { buildPublication, PublishedReview } from '../../src/publish/index.js';
import { GROUNDED_ID, groundedReview } from '../editor/claims-fixture.js';
import { count, deskFixture, otherTool, sampleReview, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
});
afterEach(() => fixture.cleanup());

const ID = sampleReview().id;
const approvedIds = () => fixture.store.listReviews({ status: 'approved' }).map((summary) => summary.id);

function publishedFile(slug: string): PublishedReview {
  const text = buildPublication({ store: fixture.store }).files.get(`tools/${slug}.json`);
  if (text == null) throw new Error(`tools/${slug}.json was not published`);
  return PublishedReview.parse(JSON.parse(text));
}

function approvedSample(): void {
  fixture.store.saveDraft(sampleReview());
  fixture.desk.approve(ID, 'Ann');
}

describe('amend: a correction draft of a published review', () => {
  it('copies the published review, leaves it live, and is audited on both sides', () => {
    const { store, desk } = fixture;
    approvedSample();
    const at = fixture.peek();
    const { review, published, reused } = desk.amend(ID, 'Bob');
    expect(reused).toBe(false);
    expect(published.id).toBe(ID);
    expect(review.id).not.toBe(ID);
    expect(review.status).toBe('draft');
    const original = store.getReview(ID);
    expect(review.reviews).toEqual(original?.reviews);
    expect(review.tool).toEqual(original?.tool);
    expect(review.panel).toEqual(original?.panel);
    expect(store.findReviews({ idPrefix: review.id })[0]).toMatchObject({ origin: 'correction', amends: ID, status: 'draft' });
    expect(approvedIds()).toEqual([ID]);
    expect(publishedFile('openrouter-model-fusion').reviewId).toBe(ID);
    expect(store.audit(review.id).map((entry) => [entry.actor, entry.action, entry.detail])).toEqual([
      ['engine', 'created draft', null],
      ['Bob', 'opened correction', { of: ID, copied: { revisions: 0, profileEdits: 0, claimDecisions: 0 } }],
    ]);
    expect(store.audit(ID).at(-1)).toMatchObject({ actor: 'Bob', at, action: 'correction opened', detail: { correction: review.id } });
    expect(desk.show(review.id).amendment).toEqual({ of: { id: ID, status: 'approved', approvedAt: expect.any(String) }, openCorrection: null });
    expect(desk.show(ID).amendment).toEqual({ of: null, openCorrection: review.id });
  });

  it('one open correction per published review: amend and edit reuse it', () => {
    const { store, desk } = fixture;
    approvedSample();
    const first = desk.amend(ID, 'Bob').review.id;
    expect(desk.amend(ID, 'Cleo')).toMatchObject({ reused: true, review: { id: first } });
    const edited = desk.edit(ID, 'creator', { quote: 'Three drafts, one prompt, no waiting.' }, 'Cleo');
    expect(edited.id).toBe(first);
    expect(count(store, 'reviews', "origin = 'correction'")).toBe(1);
    expect(store.getReview(ID)?.reviews[3]?.quote).toBe("Three drafts for one prompt: that's my morning.");
  });

  it('an edit of a published review opens the correction in the same transaction: a refused edit leaves none', () => {
    const { store, desk } = fixture;
    approvedSample();
    const before = count(store, 'reviews');
    expect(() => desk.edit(ID, 'skeptic', { score: 80 }, 'Bob')).toThrow(QuoteNeededError);
    expect(count(store, 'reviews')).toBe(before);
    expect(store.audit(ID).map((entry) => entry.action)).toEqual(['created draft', 'approved']);
  });

  it('approving the correction supersedes the published review in one step; publish shows the corrected text', () => {
    const { store, desk } = fixture;
    approvedSample();
    const correction = desk.edit(ID, 'creator', { quote: 'Three drafts, one prompt, no waiting.' }, 'Bob').id;
    desk.editProfile(ID, { tagline: 'Ask several models, get one checked answer' }, 'Bob');
    expect(publishedFile('openrouter-model-fusion').reviews[3]?.quote).toBe("Three drafts for one prompt: that's my morning.");

    desk.approve(correction, 'Cleo');
    expect(approvedIds()).toEqual([correction]);
    expect(store.reviewState(ID)).toMatchObject({ status: 'superseded', supersededBy: correction });
    const file = publishedFile('openrouter-model-fusion');
    expect(file.reviewId).toBe(correction);
    expect(file.tool.tagline).toBe('Ask several models, get one checked answer');
    expect(file.reviews[3]?.quote).toBe('Three drafts, one prompt, no waiting.');
    const quotes = Object.fromEntries(file.disclosure.texts.quotes.map((quote) => [quote.persona, quote]));
    expect(quotes.creator).toMatchObject({ writer: 'model', edited: { by: 'Bob' }, label: 'Written by openai:gpt-5.4-mini, edited by an editor' });
    expect(quotes.builder).toMatchObject({ writer: 'model', edited: null, label: 'Written by openai:gpt-5.4-mini' });
    expect(file.disclosure.texts.tagline).toMatchObject({ edited: { by: 'Bob' } });
    expect(file.disclosure.approval.editor).toBe('Cleo');
    expect(store.audit(correction).map((entry) => entry.action)).toEqual(['created draft', 'opened correction', 'edited', 'profile edited', 'approved']);
    expect(store.audit(ID).map((entry) => entry.action)).toEqual(['created draft', 'approved', 'correction opened', 'superseded']);
  });

  it('rejecting the correction keeps the published review; a later amend opens a fresh one', () => {
    const { store, desk } = fixture;
    approvedSample();
    const first = desk.amend(ID, 'Bob').review.id;
    desk.reject(first, 'Bob', 'Not needed after all.');
    expect(approvedIds()).toEqual([ID]);
    expect(store.reviewState(ID)?.status).toBe('approved');
    const second = desk.amend(ID, 'Bob');
    expect(second.reused).toBe(false);
    expect(second.review.id).not.toBe(first);
  });

  it('keeps who wrote what: editors’ revisions, profile edits and claim decisions are copied with their authors', () => {
    const { store, desk } = fixture;
    store.saveDraft(groundedReview());
    desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'Confirmed by the vendor.' }, 'Ann');
    desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed', text: 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).' }, 'Ann');
    desk.decideClaim(GROUNDED_ID, 'c4', { action: 'removed', text: 'Fusion hides which model was wrong.' }, 'Ann');
    desk.edit(GROUNDED_ID, 'builder', { score: 85 }, 'Ann');
    desk.approve(GROUNDED_ID, 'Ann');
    const before = publishedFile('openrouter-model-fusion');

    const { review } = desk.amend(GROUNDED_ID, 'Bob');
    const copied = store.revisions(review.id).map((revision) => [revision.persona, revision.revision, revision.source, revision.author]);
    const original = store.revisions(GROUNDED_ID).map((revision) => [revision.persona, revision.revision, revision.source, revision.author]);
    expect(copied).toEqual(original);
    // The claims stay decided: the correction needs no new decisions to be approved.
    expect(desk.show(review.id).grounding.counts.open).toBe(0);
    desk.edit(review.id, 'creator', { quote: 'Three drafts for one prompt, every morning.' }, 'Bob');
    desk.approve(review.id, 'Cleo');

    const after = publishedFile('openrouter-model-fusion');
    expect(after.tool.description).toBe(before.tool.description);
    const quotes = (file: PublishedReview) => Object.fromEntries(file.disclosure.texts.quotes.map((quote) => [quote.persona, quote]));
    expect(quotes(after).skeptic).toEqual(quotes(before).skeptic);
    expect(quotes(after).builder).toEqual(quotes(before).builder);
    expect(quotes(after).creator).toMatchObject({ writer: 'model', edited: { by: 'Bob' } });
    expect(after.disclosure.texts.description).toEqual(before.disclosure.texts.description);
    expect(after.disclosure.grounding.claims).toEqual(before.disclosure.grounding.claims);
  });

  it('a correction of a review that is no longer published cannot be approved', () => {
    const { store, desk } = fixture;
    approvedSample();
    const correction = desk.amend(ID, 'Bob').review.id;
    // A re-review of the same tool is approved meanwhile.
    store.saveDraft(sampleReview({ id: '7f3c2a10-0000-4000-8000-0000000000aa' }));
    desk.approve('7f3c2a10-0000-4000-8000-0000000000aa', 'Ann');
    expect(() => desk.approve(correction, 'Cleo')).toThrow(
      /^review \w{8} corrects 7f3c2a10, which is no longer published \(the published review is now 7f3c2a10\): reject this correction and correct the published review instead$/,
    );
    expect(approvedIds()).toEqual(['7f3c2a10-0000-4000-8000-0000000000aa']);
  });

  it('only a published review can be corrected', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    expect(() => desk.amend(ID, 'Bob')).toThrow(/is draft, not published, so there is nothing to correct — it is a draft: edit it directly/);
    store.saveDraft(otherTool('cursor-review', 'Cursor'));
    desk.reject('cursor-review', 'Ann', 'no');
    expect(() => desk.amend('cursor-review', 'Bob')).toThrow(/is rejected, not published/);
    expect(() => desk.amend(ID, '')).toThrow(/an editor name is needed/);
  });
});

describe('consistency on edit: the quote of a score across the ship line', () => {
  it('a crossing score needs a new quote or keepQuote; nothing is written otherwise', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    const rows = count(store, 'persona_reviews');
    expect(() => desk.edit(ID, 'skeptic', { score: 72 }, 'Ann')).toThrow(
      /^score 72 moves Skeptic across the ship line \(50\) from skip to ship, but its quote was written for skip: rewrite it with --quote "…" or keep it with --keep-quote$/,
    );
    expect(count(store, 'persona_reviews')).toBe(rows);
    expect(desk.edit(ID, 'skeptic', { score: 72, quote: 'It won me over on hard prompts.' }, 'Ann').reviews[1]).toMatchObject({ score: 72, verdict: 'ship', quote: 'It won me over on hard prompts.' });
    const kept = desk.edit(ID, 'builder', { score: 30, keepQuote: true }, 'Ann');
    expect(kept.reviews[0]).toMatchObject({ score: 30, verdict: 'skip', quote: 'It slots into a pipeline in an afternoon.' });
    expect(store.audit(ID).at(-1)?.detail).toMatchObject({ persona: 'builder', fields: ['score'], keptQuote: true });
    // Within the same side of the line, no question.
    expect(desk.edit(ID, 'futurist', { score: 60 }, 'Ann').reviews[2]).toMatchObject({ score: 60, verdict: 'ship' });
    // A verdict that contradicts the score stays refused, keepQuote or not.
    expect(() => desk.edit(ID, 'creator', { verdict: 'skip', keepQuote: true }, 'Ann')).toThrow(/verdict "skip" disagrees with score 90/);
  });

  it("checks against the review's stored ship line, not the desk's configured one", () => {
    const { store, desk } = fixture; // the desk was created with threshold 50
    store.saveDraft(sampleReview({ shipThreshold: 60 }));
    // 55 is ship at 50 but skip at 60: the skeptic (40, skip) stays skip, no question asked.
    expect(desk.edit(ID, 'skeptic', { score: 55 }, 'Ann').reviews[1]).toMatchObject({ score: 55, verdict: 'skip' });
    // The builder (80, ship) at 58 crosses the review's line of 60.
    expect(() => desk.edit(ID, 'builder', { score: 58 }, 'Ann')).toThrow(/across the ship line \(60\) from ship to skip/);
    expect(() => desk.edit(ID, 'futurist', { score: 59, verdict: 'ship' }, 'Ann')).toThrow(/on this panel 60 or more is ship/);
  });
});
