/**
 * Confidence (issue 14) against answers recorded before it existed: the panel's persona call
 * sends a schema that requires `confidence`, and a recorded real answer without one is still
 * accepted (no confidence on the review, no re-ask). Recordings: fixtures/recorded/providers/
 * (SOURCES.md), replayed through the real SDKs with nock.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewAsPersona, type PanelInput } from '../../src/panel/index.js';
import { createAnthropicModel } from '../../src/providers/anthropic/index.js';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import type { ChatModel } from '../../src/providers/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { PersonaReview, ToolProfile } from '../../src/schemas.js';
import { JSON_HEADERS, keyedSettings, useNock } from '../providers/support.js';

const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/recorded/providers/${name}`, import.meta.url), 'utf8')) as { status: number; body: Record<string, unknown> };

const profile: ToolProfile = {
  name: 'Acme Notes', tagline: 'Notes that link themselves', description: 'A note-taking app.', category: 'Developer Tools',
  pricing: { entry: 'Free', detail: '' }, bestFor: 'writers', vendor: null, url: 'https://acme.example/', links: {}, facts: {},
};

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

async function ask(model: ChatModel): Promise<PersonaReview> {
  const persona = context.personas[0]!;
  const input: PanelInput = { profile, pageExcerpt: 'Acme Notes links your notes.', personas: context.personas, models: new Map([[persona.id, model.spec]]), template: context.templates.review };
  const { result } = await reviewAsPersona(input, persona, model.spec, {
    createModel: () => model, prices: {}, retry: { maxRetries: 0, retryAfterCapMs: 0 }, timeoutMs: 5000, concurrency: 1, threshold: 50,
  });
  expect('score' in result, JSON.stringify(result)).toBe(true);
  return result as PersonaReview;
}

describe('a recorded answer without confidence', () => {
  useNock();

  it('is accepted from OpenAI (gpt-4.1-nano) while the sent schema requires confidence', async () => {
    const { status, body } = recorded('openai-plain-answer.json');
    const sent: Array<Record<string, unknown>> = [];
    nock('https://api.openai.com').post('/v1/chat/completions').reply((_uri, request) => {
      sent.push(request as Record<string, unknown>);
      return [status, body, JSON_HEADERS];
    });
    const model = createOpenAIModel({ provider: 'openai', modelId: 'gpt-4.1-nano', settings: keyedSettings('OPENAI_API_KEY', 'https://api.openai.com/v1') });
    const review = await ask(model);
    expect(review).toMatchObject({ score: 78, verdict: 'ship', attempts: 1 });
    expect(review.confidence).toBeUndefined();
    expect('confidence' in review).toBe(false);
    const format = sent[0]?.response_format as { json_schema: { strict: boolean; schema: { required: string[]; properties: Record<string, unknown> } } };
    expect(format.json_schema.strict).toBe(true);
    expect(format.json_schema.schema.required).toEqual(['score', 'verdict', 'quote', 'confidence']);
    expect(format.json_schema.schema.properties.confidence).toEqual({ type: 'integer', minimum: 0, maximum: 100 });
  });

  it('is accepted from Anthropic native structured output', async () => {
    // The Anthropic recordings are the response body itself.
    nock('https://api.anthropic.com').post('/v1/messages').reply(200, recorded('anthropic-native-output.json') as unknown as Record<string, unknown>, JSON_HEADERS);
    const model = createAnthropicModel({ modelId: 'claude-haiku-5-5', settings: keyedSettings('ANTHROPIC_API_KEY', 'https://api.anthropic.com') });
    const review = await ask(model);
    expect(review).toMatchObject({ score: 35, verdict: 'skip', quote: 'Nice demo, thin moat.', attempts: 1 });
    expect(review.confidence).toBeUndefined();
  });
});
