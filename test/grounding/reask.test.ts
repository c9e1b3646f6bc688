/**
 * The outcome of an unsupported claim: the writer is re-asked once in its own conversation, the
 * rewritten text is re-checked, and what remains is flagged. Fake models answer from the request.
 */
import { describe, expect, it } from 'vitest';
import { groundReview } from '../../src/grounding/index.js';
import { buildPersonaRequest, type PanelInput } from '../../src/panel/index.js';
import type { ChatModel, ChatRequest } from '../../src/providers/index.js';
import { loadReviewContext } from '../../src/review/index.js';
import { IntakeSource, type PersonaReview } from '../../src/schemas.js';
import { fakeModel, type FakeModel } from '../helpers/fake-model.js';
import { profileOf, usage } from './setup.js';

const source = IntakeSource.parse({
  kind: 'markdown', target: 'tool.md', url: 'https://tool.example/', title: 'Toolo', description: 'A local code assistant.',
  text: 'Toolo is a code assistant. It runs locally on your machine. Pricing: free for individuals.', truncated: false,
  facts: {}, links: {}, known: {}, flags: [],
});

/** The per-call part: the text or claims to check (the sources come in the part before it). */
const lastUser = (request: ChatRequest) => request.messages.at(-1)?.parts.at(-1)?.text ?? '';

/** Claims: the listed phrases that occur in the text to check. Support: a sentence per claim id. */
function groundingModel(phrases: string[], sentences: Record<string, string | null> = {}): FakeModel {
  return fakeModel('openai:nano', [
    (request) => {
      const tail = lastUser(request);
      if (request.output.name === 'claims') {
        return JSON.stringify({ claims: phrases.filter((phrase) => tail.includes(phrase)).map((text) => ({ text, kind: 'feature' })) });
      }
      const ids = [...tail.matchAll(/^- \[(k\d+)\] (.*)$/gm)];
      return JSON.stringify({ supports: ids.map(([, id, claim]) => ({ id, sentence: sentences[claim as string] ?? null })) });
    },
  ]);
}

async function setup(quote: string, models: { grounding: FakeModel; persona: FakeModel }, profileModel?: string) {
  const context = await loadReviewContext();
  const profile = profileOf(source, { name: 'Toolo', tagline: 'A code assistant', description: 'Toolo is a code assistant.' });
  const builder = context.personas.find((persona) => persona.id === 'builder')!;
  const review: PersonaReview = { persona: 'builder', name: builder.name, score: 70, verdict: 'ship', quote, model: 'openai:persona', usage, latencyMs: 1, attempts: 1 };
  const panel: PanelInput = { profile, pageExcerpt: source.text, personas: context.personas, models: new Map([['builder', 'openai:persona']]), template: context.templates.review };
  const byName: Record<string, ChatModel> = { 'openai:nano': models.grounding, 'openai:persona': models.persona };
  const outcome = await groundReview(
    { source, profile, profileModel, panel, reviews: [review], groundingModel: 'openai:nano' },
    {
      createModel: (spec) => byName[spec] ?? (() => { throw new Error(`no model ${spec}`); })(),
      prices: { 'openai:nano': { input: 1, cachedInput: 0.1, cacheWrite: 1, output: 2 }, 'openai:persona': { input: 3, cachedInput: 0.3, cacheWrite: 3, output: 6 } },
      retry: { maxRetries: 0, retryAfterCapMs: 10 }, timeoutMs: 1000, threshold: 50,
      profileTemplate: context.templates.profile, categories: context.categories,
    },
  );
  return { outcome, panel, builder };
}

describe('re-ask and flags', () => {
  it('re-asks the persona in its own conversation and shows its rewritten quote when the claim is gone', async () => {
    const persona = fakeModel('openai:persona', [JSON.stringify({ text: 'It runs locally on your machine, which I like.' })]);
    const grounding = groundingModel(['supports 12 languages', 'runs locally']);
    const { outcome, panel, builder } = await setup('It supports 12 languages and runs locally.', { grounding, persona });

    expect(persona.requests).toHaveLength(1);
    const asked = persona.requests[0]!;
    const original = buildPersonaRequest({ profile: panel.profile, pageExcerpt: panel.pageExcerpt, panel: panel.personas, persona: builder, threshold: 50, template: panel.template });
    // The persona's own prompt, unchanged (its cached prefix), then its answer, then the re-ask.
    expect(asked.system).toBe(original.system);
    expect(asked.messages[0]).toEqual(original.messages[0]);
    expect(asked.messages[1]).toMatchObject({ role: 'assistant', parts: [{ text: JSON.stringify({ score: 70, verdict: 'ship', quote: 'It supports 12 languages and runs locally.' }) }] });
    expect(lastUser(asked)).toContain('supports 12 languages');
    expect(asked.temperature).toBe(builder.temperature);

    expect(outcome.reviews[0]!.quote).toBe('It runs locally on your machine, which I like.');
    expect(outcome.grounding.rewrites).toBe(1);
    expect(outcome.flags).toEqual([]);
    expect(outcome.grounding.claims).toEqual([
      expect.objectContaining({ id: 'c1', field: 'quote', personaId: 'builder', text: 'runs locally', status: 'supported', span: { start: 3, end: 15 } }),
    ]);
    // Every call is counted: four claims passes on the nano model (tagline, description, quote,
    // rewritten quote), one rewrite on the persona's model.
    expect(outcome.usage).toHaveLength(5);
    expect(outcome.grounding.usage?.inputTokens).toBe(5000);
    expect(outcome.grounding.usage?.costUsd).toBeGreaterThan(0);
  });

  it('flags a claim the rewrite kept, once, naming the persona', async () => {
    const persona = fakeModel('openai:persona', [JSON.stringify({ text: 'It supports 12 languages, I think.' })]);
    const { outcome } = await setup('It supports 12 languages and runs locally.', { grounding: groundingModel(['supports 12 languages', 'runs locally']), persona });
    expect(outcome.reviews[0]!.quote).toBe('It supports 12 languages, I think.');
    expect(outcome.grounding.claims).toEqual([
      expect.objectContaining({ text: 'supports 12 languages', status: 'unsupported', support: null, rewritten: true, reason: 'number "12" occurs in no source' }),
    ]);
    expect(outcome.flags).toEqual([
      { kind: 'unsupported-claim', detail: expect.stringMatching(/^c1 quote \(builder\): "supports 12 languages" has no support .*kept after one rewrite/), snippet: 'supports 12 languages' },
    ]);
  });

  it('takes a paraphrase as supported only when the model\'s sentence is in a source verbatim', async () => {
    const persona = fakeModel('openai:persona', [new Error('must not be called')]);
    const grounding = groundingModel(['works offline', 'has a VS Code plugin'], {
      'works offline': 'It runs locally on your machine.',
      'has a VS Code plugin': 'Toolo ships a VS Code plugin.',
    });
    const { outcome } = await setup('It works offline and has a VS Code plugin.', { grounding, persona });
    const [offline, plugin] = outcome.grounding.claims;
    expect(offline).toMatchObject({ status: 'supported', support: { source: 'page', method: 'model', quote: 'It runs locally on your machine.' } });
    expect(source.text.slice(offline!.support!.start, offline!.support!.end)).toBe('It runs locally on your machine.');
    expect(plugin).toMatchObject({ status: 'unsupported', support: null });
    // The re-ask failed (the persona model threw): the original quote stays, flagged; the persona is not failed.
    expect(outcome.reviews[0]!.quote).toBe('It works offline and has a VS Code plugin.');
    expect(outcome.flags.map((flag) => flag.kind)).toEqual(['unsupported-claim', 'grounding-incomplete']);
  });

  it('without a grounding model runs no model and checks the hard terms only', async () => {
    const context = await loadReviewContext();
    const profile = profileOf(source, { name: 'Toolo', tagline: 'Free for 3 users', description: 'Toolo is a code assistant by Acme.' });
    const panel: PanelInput = { profile, pageExcerpt: source.text, personas: context.personas, models: new Map(), template: context.templates.review };
    const outcome = await groundReview(
      { source, profile, profileModel: 'openai:profile', panel, reviews: [], groundingModel: null },
      {
        createModel: () => { throw new Error('no model may be called'); },
        prices: {}, retry: { maxRetries: 0, retryAfterCapMs: 10 }, timeoutMs: 1000, threshold: 50,
        profileTemplate: context.templates.profile, categories: context.categories,
      },
    );
    expect(outcome.grounding).toMatchObject({ mode: 'deterministic', model: null, rewrites: 0 });
    expect(outcome.grounding.usage).toBeUndefined();
    expect(outcome.grounding.claims.map((claim) => [claim.field, claim.text, claim.status])).toEqual([
      ['tagline', '3', 'unsupported'],
      ['description', 'Acme', 'unsupported'],
    ]);
    expect(outcome.flags).toHaveLength(2);
  });

  it('a grounding model that cannot be built leaves the free checks and a grounding-incomplete flag, not a failed review', async () => {
    const context = await loadReviewContext();
    const profile = profileOf(source, { name: 'Toolo', tagline: 'Free for 3 users', description: 'Toolo is a code assistant.' });
    const panel: PanelInput = { profile, pageExcerpt: source.text, personas: context.personas, models: new Map(), template: context.templates.review };
    const outcome = await groundReview(
      { source, profile, profileModel: 'openai:profile', panel, reviews: [], groundingModel: 'openai:nano' },
      {
        createModel: () => { throw new Error('no such model here'); },
        prices: {}, retry: { maxRetries: 0, retryAfterCapMs: 10 }, timeoutMs: 1000, threshold: 50,
        profileTemplate: context.templates.profile, categories: context.categories,
      },
    );
    expect(outcome.grounding).toMatchObject({ mode: 'deterministic', model: null });
    expect(outcome.flags.map((flag) => flag.kind)).toEqual(['unsupported-claim', 'grounding-incomplete']);
    expect(outcome.flags[1]?.detail).toContain('openai:nano: no such model here');
  });
});
