/**
 * Issue 12 at the desk: approval waits for a decision on every unsupported claim; accepting
 * needs a reason; removing needs the editor's own text (or the words already gone); a review
 * that was not grounding-checked needs an explicit confirmation. Each decision is one
 * transaction with its audit row and a new revision; stale revisions are refused.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskError, StaleRevisionError } from '../../src/editor/index.js';
import { UsageError } from '../../src/errors.js';
import { checkedGrounding } from '../store/sample-review.js';
import { DESCRIPTION, GROUNDED_ID, groundedReview } from './claims-fixture.js';
import { count, deskFixture, sampleReview, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
  fixture.store.saveDraft(groundedReview());
});
afterEach(() => fixture.cleanup());

const decideAll = () => {
  const { desk } = fixture;
  desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'The vendor confirmed the modes by email.' }, 'Ann');
  desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed', text: 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).' }, 'Ann');
  desk.decideClaim(GROUNDED_ID, 'c4', { action: 'removed', text: 'Fusion hides which model was wrong.' }, 'Ann');
};

describe('the claims view', () => {
  it('places each claim at its span in the current text, supported with its source, unsupported open', () => {
    const { grounding } = fixture.desk.show(GROUNDED_ID);
    expect(grounding).toMatchObject({ mode: 'full', checked: true, counts: { supported: 1, unsupported: 3, accepted: 0, removed: 0, open: 3 } });
    const c2 = grounding.claims.find((each) => each.claim.id === 'c2');
    expect(c2?.at).toEqual({ start: DESCRIPTION.indexOf('three'), end: DESCRIPTION.indexOf('three') + 'three fusion modes (best-of, merge and debate)'.length });
    expect(grounding.claims.find((each) => each.claim.id === 'c4')?.where).toBe("Skeptic's quote");
  });
});

describe('approval', () => {
  it('is refused while any unsupported claim has no decision, naming them, and nothing changes', () => {
    const before = fixture.store.reviewState(GROUNDED_ID);
    expect(() => fixture.desk.approve(GROUNDED_ID, 'Ann')).toThrow(DeskError);
    try {
      fixture.desk.approve(GROUNDED_ID, 'Ann');
    } catch (error) {
      expect((error as DeskError).kind).toBe('conflict');
      expect((error as Error).message).toMatch(/has 3 unsupported claims without a decision \(c2 in the description: “three fusion modes/);
      expect((error as Error).message).toMatch(/c4 in the Skeptic's quote: “20–30% overhead”/);
    }
    expect(fixture.store.reviewState(GROUNDED_ID)).toEqual(before);
    fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'Confirmed by the vendor.' }, 'Ann');
    expect(() => fixture.desk.approve(GROUNDED_ID, 'Ann')).toThrow(/has 2 unsupported claims without a decision/);
  });

  it('goes through once every claim is decided', () => {
    decideAll();
    const review = fixture.desk.approve(GROUNDED_ID, 'Ann');
    expect(review.status).toBe('approved');
    expect(review.tool.description).not.toContain('20–30%');
    expect(review.reviews.find((each) => each.persona === 'skeptic')?.quote).toBe('Fusion hides which model was wrong.');
  });

  it('of a review without grounding, or with --no-grounding, needs allowUnchecked', () => {
    const old = sampleReview({ id: '0a0a0a0a-0000-4000-8000-000000000001', grounding: undefined });
    const { grounding: _drop, ...withoutGrounding } = old;
    fixture.store.saveDraft(withoutGrounding);
    expect(() => fixture.desk.approve(old.id, 'Ann')).toThrow(/is not grounding-checked: it was made before grounding checks existed — confirm with --allow-unchecked/);
    expect(fixture.desk.approve(old.id, 'Ann', {}, { allowUnchecked: true }).status).toBe('approved');

    const quick = sampleReview({
      id: '0b0b0b0b-0000-4000-8000-000000000001',
      tool: { ...old.tool, name: 'Quick', url: 'https://quick.example/' },
      grounding: { ...checkedGrounding(), mode: 'deterministic', model: null, promptVersion: null },
    });
    fixture.store.saveDraft(quick);
    expect(() => fixture.desk.approve(quick.id, 'Ann')).toThrow(/reviewed with --no-grounding/);
    expect(fixture.desk.approve(quick.id, 'Ann', {}, { allowUnchecked: true }).status).toBe('approved');
  });

  it('allowUnchecked does not skip the claims: open claims still block', () => {
    expect(() => fixture.desk.approve(GROUNDED_ID, 'Ann', {}, { allowUnchecked: true })).toThrow(/without a decision/);
  });
});

describe('decisions', () => {
  it('accept: needs a reason; stores it with the editor, one audit row, a new revision', () => {
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: '   ' }, 'Ann')).toThrow(UsageError);
    expect(count(fixture.store, 'claim_decisions')).toBe(0);
    const revision = fixture.store.reviewState(GROUNDED_ID)?.revision ?? 0;
    fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'Confirmed by the vendor.' }, 'Ann');
    expect(fixture.store.reviewState(GROUNDED_ID)?.revision).toBe(revision + 1);
    const c2 = fixture.desk.show(GROUNDED_ID).grounding.claims.find((each) => each.claim.id === 'c2');
    expect(c2).toMatchObject({ open: false, decision: { action: 'accepted', reason: 'Confirmed by the vendor.', editor: 'Ann' } });
    expect(fixture.store.audit(GROUNDED_ID).at(-1)).toMatchObject({ actor: 'Ann', action: 'claim accepted', detail: { claim: 'c2', reason: 'Confirmed by the vendor.' } });
  });

  // The offer is the text with the span cut out, for the editor to rewrite ("… at." here): never saved unasked.
  it('remove without text is refused while the words are still there, offering the text without them', () => {
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed' }, 'Ann')).toThrow(
      /claim c3 \(“20–30% overhead”\) is still in the description: give the text without it to remove it, e\.g\. --text "Runs a panel of up to 8 models in parallel and offers three fusion modes \(best-of, merge and debate\) at\."/,
    );
    expect(count(fixture.store, 'claim_decisions')).toBe(0);
  });

  it('remove with text that still holds the claim is refused; nothing is written', () => {
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed', text: 'It has   20–30% OVERHEAD.' }, 'Ann')).toThrow(/still says “20–30% overhead”/);
    expect(count(fixture.store, 'profile_edits')).toBe(0);
    expect(count(fixture.store, 'claim_decisions')).toBe(0);
  });

  it("remove in the description: the editor's text is a profile edit, the model's stays in the engine's review", () => {
    const text = 'Runs a panel of up to 8 models in parallel.';
    fixture.desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed', text }, 'Ann');
    const view = fixture.desk.show(GROUNDED_ID);
    expect(view.review.tool.description).toBe(text);
    expect(view.editedFields).toEqual([{ field: 'description', by: 'Ann', at: expect.any(String), original: DESCRIPTION }]);
    // c2's words went too with the editor's text: it has no place in the text now, but still needs its decision.
    const c2 = view.grounding.claims.find((each) => each.claim.id === 'c2');
    expect(c2).toMatchObject({ at: null, open: true });
    fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'removed' }, 'Ann');
    // The supported claim is found again in the edited text.
    expect(fixture.desk.show(GROUNDED_ID).grounding.claims.find((each) => each.claim.id === 'c1')?.at).toEqual({ start: 5, end: 42 });
  });

  it("remove in a quote: an editor revision of the persona, with the model's quote beside it", () => {
    fixture.desk.decideClaim(GROUNDED_ID, 'c4', { action: 'removed', text: 'Fusion hides which model was wrong.' }, 'Ann');
    const skeptic = fixture.desk.show(GROUNDED_ID).personas.find((each) => each.persona === 'skeptic');
    expect(skeptic).toMatchObject({ source: 'editor', edited: { by: 'Ann' }, current: { quote: 'Fusion hides which model was wrong.', score: 40 } });
    expect(skeptic?.modelOriginal).toMatchObject({ quote: expect.stringContaining('20–30% overhead') });
    expect(fixture.store.audit(GROUNDED_ID).slice(-2).map((entry) => entry.action)).toEqual(['edited', 'claim removed']);
  });

  it('refuses a stale revision, a supported or unknown claim, and a decided review', () => {
    const revision = fixture.store.reviewState(GROUNDED_ID)?.revision ?? 0;
    fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'ok' }, 'Ann', { revision });
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c3', { action: 'accepted', reason: 'ok' }, 'Bob', { revision })).toThrow(StaleRevisionError);
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c1', { action: 'accepted', reason: 'ok' }, 'Ann')).toThrow(/c1 is supported by the page: there is nothing to decide/);
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c9', { action: 'accepted', reason: 'ok' }, 'Ann')).toThrow(/has no claim "c9" \(its unsupported claims: c2, c3, c4\)/);
    decideAll();
    fixture.desk.approve(GROUNDED_ID, 'Ann');
    expect(() => fixture.desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'again' }, 'Ann')).toThrow(/is approved, not a draft/);
  });

  it('decisions and profile edits are append-only in the database', () => {
    decideAll();
    expect(() => fixture.store.db.prepare('DELETE FROM claim_decisions').run()).toThrow(/append-only/);
    expect(() => fixture.store.db.prepare("UPDATE profile_edits SET text = 'x'").run()).toThrow(/append-only/);
  });
});
