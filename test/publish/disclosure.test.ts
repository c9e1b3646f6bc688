/**
 * Issue 12's disclosure in the published tool files: which text was written by which model
 * (an editor's rewrite marked, with the original's model), who approved it and when, whether
 * it was grounding-checked with the claims counted — valid against the generated JSON Schema.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPublication, publishJsonSchema, PublishedReview } from '../../src/publish/index.js';
import { GROUNDED_ID, groundedReview } from '../editor/claims-fixture.js';
import { deskFixture, failedReview, sampleReview, type DeskFixture } from '../editor/desk-fixtures.js';
import { checkJsonSchema } from './json-schema-check.js';

let fixture: DeskFixture;
beforeEach(() => {
  fixture = deskFixture();
});
afterEach(() => fixture.cleanup());

function published(slug: string): { value: unknown; review: PublishedReview } {
  const { files } = buildPublication({ store: fixture.store });
  const text = files.get(`tools/${slug}.json`);
  if (text == null) throw new Error(`tools/${slug}.json was not published (files: ${[...files.keys()].join(', ')})`);
  const value: unknown = JSON.parse(text);
  return { value, review: PublishedReview.parse(value) };
}

describe('the published disclosure', () => {
  it('names each text’s model, the editor’s rewrites, the approver and the claim counts, and fits the schema', () => {
    const { desk, store } = fixture;
    store.saveDraft(groundedReview());
    desk.decideClaim(GROUNDED_ID, 'c2', { action: 'accepted', reason: 'Confirmed by the vendor.' }, 'Ann');
    desk.decideClaim(GROUNDED_ID, 'c3', { action: 'removed', text: 'Runs a panel of up to 8 models in parallel and offers three fusion modes (best-of, merge and debate).' }, 'Ann');
    desk.decideClaim(GROUNDED_ID, 'c4', { action: 'removed', text: 'Fusion hides which model was wrong.' }, 'Ann');
    desk.edit(GROUNDED_ID, 'builder', { score: 85 }, 'Bob'); // a score-only edit: the quote is still the model's
    // A regeneration after the draft (as desk.regenerate writes it): its new quote was never grounding-checked.
    const futurist = groundedReview().reviews.find((answer) => answer.persona === 'futurist');
    if (futurist == null) throw new Error('no futurist');
    store.write(() => store.addRevision({ reviewId: GROUNDED_ID, persona: 'futurist', source: 'model', author: 'Bob', at: fixture.peek(), entry: { ...futurist, quote: 'Ensembles win, and soon.' } }));
    const approvedAt = fixture.peek();
    desk.approve(GROUNDED_ID, 'Cleo');

    const { value, review } = published('openrouter-model-fusion');
    expect(checkJsonSchema(publishJsonSchema('tool'), value)).toEqual([]);
    expect(review.tool.description).not.toContain('20–30%');
    const { disclosure } = review;
    expect(disclosure.aiWritten).toBe(true);
    expect(disclosure.approval).toEqual({ editor: 'Cleo', approvedAt });
    expect(disclosure.texts.tagline).toEqual({ writer: 'model', model: 'openai:gpt-5.4-mini', edited: null, groundingChecked: true, label: 'Written by openai:gpt-5.4-mini' });
    expect(disclosure.texts.description).toMatchObject({ writer: 'model', model: 'openai:gpt-5.4-mini', edited: { by: 'Ann' }, label: 'Written by openai:gpt-5.4-mini, edited by an editor' });
    const quotes = Object.fromEntries(disclosure.texts.quotes.map((quote) => [quote.persona, quote]));
    expect(quotes.skeptic).toMatchObject({ writer: 'model', model: 'anthropic:claude-haiku-5-5', edited: { by: 'Ann' }, label: 'Written by anthropic:claude-haiku-5-5, edited by an editor' });
    expect(quotes.builder).toEqual({ persona: 'builder', writer: 'model', model: 'openai:gpt-5.4-mini', edited: null, groundingChecked: true, label: 'Written by openai:gpt-5.4-mini' });
    expect(quotes.skeptic?.groundingChecked).toBe(true);
    expect(quotes.futurist).toMatchObject({ model: 'google:gemini-3.5-flash', edited: null, groundingChecked: false });
    expect(disclosure.grounding).toEqual({
      checked: true,
      mode: 'full',
      model: 'openai:gpt-5.4-nano',
      claims: { supported: 1, unsupported: 3, accepted: 1, removed: 2 },
    });
  });

  it('a review approved without a grounding check says so; a persona an editor wrote is the editor’s', () => {
    const { desk, store } = fixture;
    const { grounding: _none, ...incomplete } = failedReview({ flags: [] });
    store.saveDraft(incomplete);
    desk.edit(incomplete.id, 'skeptic', { score: 45, quote: 'Fusion hides which model was wrong.' }, 'Ann');
    desk.approve(incomplete.id, 'Ann', {}, { allowUnchecked: true });

    const { value, review } = published('openrouter-model-fusion');
    expect(checkJsonSchema(publishJsonSchema('tool'), value)).toEqual([]);
    expect(review.disclosure.grounding).toEqual({ checked: false, mode: null, model: null, claims: { supported: 0, unsupported: 0, accepted: 0, removed: 0 } });
    expect(review.disclosure.texts.quotes.find((quote) => quote.persona === 'skeptic')).toMatchObject({ writer: 'editor', model: null, label: 'Written by an editor' });
    expect(review.disclosure.texts.quotes.every((quote) => !quote.groundingChecked)).toBe(true);
  });

  it("a profile from the tool's own data (no profile call) is labelled as such", () => {
    const { profileUsage: _usage, profileModel: _model, ...fromFile } = sampleReview();
    fixture.store.saveDraft(fromFile);
    fixture.desk.approve(fromFile.id, 'Ann');
    const { review } = published('openrouter-model-fusion');
    expect(review.disclosure.texts.tagline).toEqual({ writer: 'source', model: null, edited: null, groundingChecked: true, label: "From the tool's own published data" });
  });

  it('the schema requires the disclosure and its approval', () => {
    fixture.store.saveDraft(sampleReview());
    fixture.desk.approve(sampleReview().id, 'Ann');
    const { value } = published('openrouter-model-fusion');
    const { disclosure, ...without } = value as { disclosure: { approval?: unknown } };
    expect(checkJsonSchema(publishJsonSchema('tool'), without).join('\n')).toMatch(/disclosure/);
    const { approval: _approval, ...noApproval } = disclosure;
    expect(checkJsonSchema(publishJsonSchema('tool'), { ...without, disclosure: noApproval }).join('\n')).toMatch(/approval/);
  });
});
