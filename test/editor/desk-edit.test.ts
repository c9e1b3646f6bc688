/** Editing a persona: consistency of score and verdict, the panel recomputed, the model's answer kept. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { count, deskFixture, failedReview, sampleReview, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
  fixture.store.saveDraft(sampleReview());
});
afterEach(() => fixture.cleanup());

const ID = sampleReview().id;
const persona = (name: string) => fixture.store.getReview(ID)?.reviews.find((entry) => entry.persona === name);

describe('edit', () => {
  it('a score alone brings the verdict along, recomputes the panel and keeps the model original beside it', () => {
    const { store, desk } = fixture;
    const at = fixture.peek();
    const review = desk.edit(ID, 'skeptic', { score: 60, keepQuote: true }, 'Ann');
    expect(review.reviews[1]).toMatchObject({ persona: 'skeptic', score: 60, verdict: 'ship', quote: 'Fusion hides which model was wrong.', model: 'anthropic:claude-haiku-5-5' });
    expect(review.panel).toEqual({ verdict: 'ship', label: 'Ship · 4 ship / 0 skip', ship: 4, skip: 0, shipPercent: 100, meanScore: 76.25, complete: true });
    expect(store.db.prepare('SELECT label, ship_percent, mean_score FROM reviews').get()).toEqual({ label: 'Ship · 4 ship / 0 skip', ship_percent: 100, mean_score: 76.25 });

    const view = desk.show(ID).personas.find((each) => each.persona === 'skeptic');
    expect(view).toMatchObject({ revision: 2, source: 'editor', author: 'Ann', at, edited: { by: 'Ann', at }, revisions: 2 });
    expect(view?.modelOriginal).toEqual(sampleReview().reviews[1]);
    expect(store.audit(ID).at(-1)).toMatchObject({
      actor: 'Ann',
      at,
      action: 'edited',
      fromStatus: null,
      toStatus: null,
      detail: { persona: 'skeptic', fields: ['score'], revision: 2, from: { score: 40, verdict: 'skip' }, to: { score: 60, verdict: 'ship' } },
    });
  });

  it('a score the other way turns the verdict and the panel', () => {
    const { desk } = fixture;
    desk.edit(ID, 'builder', { score: 20, keepQuote: true }, 'Ann');
    const review = desk.edit(ID, 'futurist', { score: 49, keepQuote: true }, 'Ann');
    expect(review.panel).toMatchObject({ verdict: 'skip', label: 'Skip · 1 ship / 3 skip', shipPercent: 25, meanScore: 49.75 });
  });

  it('refuses a verdict that disagrees with the (new) score', () => {
    const { store, desk } = fixture;
    expect(() => desk.edit(ID, 'skeptic', { verdict: 'ship' }, 'Ann')).toThrow(
      /verdict "ship" disagrees with score 40: on this panel 50 or more is ship, below is skip/,
    );
    expect(() => desk.edit(ID, 'skeptic', { score: 70, verdict: 'skip' }, 'Ann')).toThrow(/verdict "skip" disagrees with score 70/);
    expect(desk.edit(ID, 'skeptic', { score: 70, verdict: 'ship', keepQuote: true }, 'Ann').panel.ship).toBe(4);
    expect(count(store, 'persona_reviews')).toBe(5);
  });

  it('a quote alone keeps score and verdict; the model quote stays in revision 1', () => {
    const { store, desk } = fixture;
    desk.edit(ID, 'creator', { quote: '  Three drafts, one prompt.  ' }, 'Ann');
    expect(persona('creator')).toMatchObject({ score: 90, verdict: 'ship', quote: 'Three drafts, one prompt.' });
    const original = store.revisions(ID).find((revision) => revision.persona === 'creator' && revision.revision === 1);
    expect(original?.entry).toEqual(sampleReview().reviews[3]);
  });

  it('validates the changes', () => {
    const { desk } = fixture;
    const cases: Array<[Parameters<typeof desk.edit>[2], RegExp]> = [
      [{}, /nothing to change/],
      [{ score: 101 }, /score must be a whole number from 0 to 100, got 101/],
      [{ score: -1 }, /score must be a whole number/],
      [{ score: 50.5 }, /score must be a whole number/],
      [{ quote: '   ' }, /quote must not be empty/],
      [{ quote: 'x'.repeat(701) }, /keep it to 700/],
      [{ score: 40 }, /edit changes nothing: Skeptic is already 40 · skip with that quote/],
    ];
    for (const [changes, message] of cases) expect(() => desk.edit(ID, 'skeptic', changes, 'Ann')).toThrow(message);
    expect(() => desk.edit(ID, 'skeptic', { verdict: 'maybe' as 'ship' }, 'Ann')).toThrow(/verdict must be "ship" or "skip"/);
  });

  it('refuses an unknown persona, listing the panel', () => {
    expect(() => fixture.desk.edit(ID, 'operator', { score: 10 }, 'Ann')).toThrow(
      /^review 7f3c2a10 has no persona "operator" \(its panel: builder, skeptic, futurist, creator\)$/,
    );
    expect(fixture.desk.edit(ID, ' Skeptic ', { score: 41 }, 'Ann').reviews[1]?.score).toBe(41);
  });

  it('writing a failed persona needs a score and a quote, and makes the panel complete', () => {
    const { store, desk } = fixture;
    const id = failedReview().id;
    store.saveDraft(failedReview());
    expect(() => desk.edit(id, 'skeptic', { score: 45 }, 'Ann')).toThrow(/skeptic has no answer \(its model failed\): writing it needs both a score and a quote/);
    expect(() => desk.edit(id, 'skeptic', { score: 45, verdict: 'ship', quote: 'x' }, 'Ann')).toThrow(UsageError);
    const review = desk.edit(id, 'skeptic', { score: 45, quote: 'Fusion hides which model was wrong.' }, 'Ann');
    expect(review.failures).toEqual([]);
    expect(review.reviews.map((entry) => entry.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
    expect(review.reviews[1]).toEqual({
      persona: 'skeptic',
      name: 'Skeptic',
      score: 45,
      verdict: 'skip',
      quote: 'Fusion hides which model was wrong.',
      model: 'editor',
      usage: { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, costUsd: 0 },
      latencyMs: 0,
      attempts: 1,
    });
    expect(review.panel).toEqual({ verdict: 'ship', label: 'Ship · 3 ship / 1 skip', ship: 3, skip: 1, shipPercent: 75, meanScore: 72.5, complete: true });
    const view = desk.show(id).personas.find((each) => each.persona === 'skeptic');
    expect(view?.modelOriginal).toEqual(failedReview().failures[0]);
    expect(desk.approve(id, 'Ann').status).toBe('approved');
  });

  it('one transaction: a failed write leaves no revision, panel change or audit row', () => {
    const { store, desk } = fixture;
    store.db.exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN NEW.action = 'edited' BEGIN SELECT RAISE(ABORT, 'audit is down'); END");
    expect(() => desk.edit(ID, 'skeptic', { score: 60, keepQuote: true }, 'Ann')).toThrow(/audit is down/);
    expect(count(store, 'persona_reviews')).toBe(4);
    expect(store.getReview(ID)).toEqual(sampleReview());
    expect(store.audit(ID)).toHaveLength(1);
  });
});
