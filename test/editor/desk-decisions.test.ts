/** Approve, reject and superseding: who, when, why, and only from a draft. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { count, deskFixture, failedReview, otherTool, sampleReview, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
});
afterEach(() => fixture.cleanup());

const ID = sampleReview().id;

describe('approve', () => {
  it('publishes a complete draft, recording who and when', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    const at = fixture.peek();
    const review = desk.approve(ID, 'Ann');
    expect(review.status).toBe('approved');
    expect(store.reviewState(ID)).toMatchObject({ status: 'approved', approvedBy: 'Ann', approvedAt: at, updatedAt: at });
    expect(store.audit(ID).at(-1)).toMatchObject({ actor: 'Ann', at, action: 'approved', fromStatus: 'draft', toStatus: 'approved', detail: null });
  });

  it('refuses an incomplete panel, naming the failed personas', () => {
    const { store, desk } = fixture;
    store.saveDraft(failedReview());
    expect(() => desk.approve(failedReview().id, 'Ann')).toThrow(UsageError);
    expect(() => desk.approve(failedReview().id, 'Ann')).toThrow(
      /review 7f3c2a10 \(OpenRouter Model Fusion\) is incomplete: skeptic failed — regenerate or write them first/,
    );
    expect(store.reviewState(failedReview().id)?.status).toBe('draft');
    expect(store.audit(failedReview().id)).toHaveLength(1);
  });

  it('supersedes the tool’s approved review in the same change, with audit rows on both', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    desk.approve(ID, 'Ann');
    // Re-reviewing the tool makes a new draft; the approved one stays published meanwhile.
    store.saveDraft(sampleReview({ id: 'newer-review', createdAt: '2026-04-01T00:00:00.000Z' }));
    expect(store.reviewState(ID)?.status).toBe('approved');
    expect(desk.queue().map((item) => item.id)).toEqual(['newer-review']);

    const at = fixture.peek();
    desk.approve('newer-review', 'Bob');
    expect(store.reviewState(ID)).toMatchObject({ status: 'superseded', supersededBy: 'newer-review', supersededAt: at, approvedBy: 'Ann' });
    expect(store.reviewState('newer-review')).toMatchObject({ status: 'approved', approvedBy: 'Bob', approvedAt: at });
    expect(store.audit(ID).at(-1)).toMatchObject({ actor: 'Bob', at, action: 'superseded', fromStatus: 'approved', toStatus: 'superseded', detail: { by: 'newer-review' } });
    expect(store.audit('newer-review').at(-1)).toMatchObject({ actor: 'Bob', at, action: 'approved', detail: { supersedes: [ID] } });
    expect(count(store, 'reviews', "status = 'approved'")).toBe(1);
  });

  it('does not touch another tool’s approved review', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    store.saveDraft(otherTool('cursor-review', 'Cursor'));
    desk.approve(ID, 'Ann');
    desk.approve('cursor-review', 'Ann');
    expect(count(store, 'reviews', "status = 'approved'")).toBe(2);
  });

  it('refuses a review that is not a draft, in one line', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    desk.approve(ID, 'Ann');
    expect(() => desk.approve(ID, 'Ann')).toThrow(/^review 7f3c2a10 \(OpenRouter Model Fusion\) is approved, not a draft: only drafts can be approved$/);
    expect(() => desk.reject(ID, 'Ann', 'late')).toThrow(/is approved, not a draft: only drafts can be rejected/);
    expect(store.audit(ID)).toHaveLength(2);
    // An edit of a published review goes to a correction draft instead (desk-amend.test.ts).
    expect(desk.edit(ID, 'builder', { score: 10, keepQuote: true }, 'Ann').id).not.toBe(ID);
  });

  it('needs an editor name that is not the engine’s', () => {
    const { store, desk } = fixture;
    store.saveDraft(sampleReview());
    expect(() => desk.approve(ID, '')).toThrow(/an editor name is needed: pass --by NAME or set EDITOR_NAME/);
    expect(() => desk.approve(ID, '   ')).toThrow(UsageError);
    expect(() => desk.approve(ID, 'engine')).toThrow(/reserved/);
    expect(() => desk.approve(ID, 'Ann\nBob')).toThrow(/one line/);
    expect(desk.approve(ID, '  Ann  ').status).toBe('approved');
    expect(fixture.store.reviewState(ID)?.approvedBy).toBe('Ann');
  });
});

describe('reject', () => {
  it('needs a reason, and records it with who and when', () => {
    const { store, desk } = fixture;
    store.saveDraft(failedReview());
    const id = failedReview().id;
    expect(() => desk.reject(id, 'Ann', '')).toThrow(/a rejection needs a reason/);
    expect(() => desk.reject(id, 'Ann', '  \n ')).toThrow(/a rejection needs a reason/);
    const at = fixture.peek();
    // An incomplete draft can be rejected: no panel needs to be complete to be refused.
    const review = desk.reject(id, 'Ann', ' The page is a parked domain. ');
    expect(review.status).toBe('rejected');
    expect(store.reviewState(id)).toMatchObject({ status: 'rejected', rejectedBy: 'Ann', rejectedAt: at, rejectReason: 'The page is a parked domain.' });
    expect(store.audit(id).at(-1)).toMatchObject({ actor: 'Ann', at, action: 'rejected', fromStatus: 'draft', toStatus: 'rejected', detail: { reason: 'The page is a parked domain.' } });
    expect(() => desk.approve(id, 'Bob')).toThrow(/is rejected, not a draft/);
  });
});
