/**
 * The engine builds each `provider:model` once for its whole life: two reviews (and the
 * batch's rate-limited view of the same engine) reuse the same adapters, so SDK clients are
 * not rebuilt per review.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { assembleEngine, createEngine, type EngineContext } from '../../src/engine/index.js';
import { projectPaths } from '../../src/paths.js';
import type { ChatModel, ChatRequest } from '../../src/providers/index.js';
import { loadReviewContext, runReview } from '../../src/review/index.js';
import { fakeModel, personaAnswer } from '../helpers/fake-model.js';

const PAGE = path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html');
const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:fake-model', PANEL_MAX_RETRIES: '0' });
let context: EngineContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

/** A profile answer for the profile call, a persona answer for the rest. */
function answer(request: ChatRequest): string {
  if (request.output.name !== 'tool_profile') return personaAnswer(70, 'ship');
  return JSON.stringify({
    name: 'Aider', tagline: 'AI pair programming in your terminal', description: 'Aider edits code in your local git repository with a language model.',
    category: context.categories[0], pricing: { entry: 'Open Source', detail: '' }, bestFor: 'developers in a terminal', vendor: null,
  });
}

describe('the engine model pool', () => {
  it('builds each model spec once across two reviews', async () => {
    const built: string[] = [];
    const engine = assembleEngine(config, context, {
      createModel: (spec) => (built.push(spec), fakeModel(spec, [answer])),
    });
    // Grounding off: its small model would be a third spec, answered by a fake that knows only
    // the profile and persona shapes.
    const options = { personaModels: { skeptic: 'openai:other-model' }, grounding: false };
    const first = await runReview(PAGE, options, engine);
    const second = await runReview(PAGE, options, engine);
    expect(first.panel.complete && second.panel.complete).toBe(true);
    expect(second.reviews.find((review) => review.persona === 'skeptic')?.model).toBe('openai:other-model');
    // Profile and three personas on one model, the skeptic on another: two adapters, ever.
    expect(built.sort()).toEqual(['openai:fake-model', 'openai:other-model']);
  });

  it('hands out the same real adapter for a spec, and a wrapped view wraps it once', async () => {
    const engine = await createEngine(config, { context });
    const model = engine.model('openai:gpt-5.4-mini');
    expect(engine.model('openai:gpt-5.4-mini')).toBe(model);
    const wrapped: ChatModel[] = [];
    const limited = engine.withModelWrapper((inner) => (wrapped.push(inner), { ...inner, generate: (request) => inner.generate(request) }));
    const view = limited.model('openai:gpt-5.4-mini');
    expect(limited.model('openai:gpt-5.4-mini')).toBe(view);
    expect(wrapped).toEqual([model]);
    // Another store, the same models.
    expect(limited.withStore(undefined).model('openai:gpt-5.4-mini')).toBe(view);
  });

  it('keeps the retry policy and the call timeout from the config, once', async () => {
    const engine = assembleEngine(loadConfig({ OPENAI_API_KEY: 'k', PANEL_MAX_RETRIES: '3', PANEL_RETRY_AFTER_CAP_MS: '1234', PANEL_CALL_TIMEOUT_MS: '4321' }), context);
    expect(engine.calls).toEqual({ retry: { maxRetries: 3, retryAfterCapMs: 1234 }, timeoutMs: 4321, prices: context.prices });
  });
});
