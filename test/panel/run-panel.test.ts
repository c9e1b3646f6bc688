import { describe, expect, it } from 'vitest';
import { runPanel } from '../../src/panel/index.js';
import { ProviderError } from '../../src/errors.js';
import { loadReviewContext } from '../../src/review/index.js';
import type { ToolProfile } from '../../src/schemas.js';
import { fakeModel, personaAnswer, type FakeModel } from '../helpers/fake-model.js';

const profile: ToolProfile = {
  name: 'Terrarium', tagline: 'Evals that simulate deployment', description: 'A multi-turn evaluation engine.',
  category: 'Developer Tools', pricing: { entry: 'Open Source', detail: 'MIT' }, bestFor: 'agent teams',
  vendor: 'evolvent-ai', url: 'https://github.com/evolvent-ai/terrarium', links: {}, facts: { stars: 17 },
};

async function setup(answers: Record<string, FakeModel>) {
  const context = await loadReviewContext();
  const models = new Map(context.personas.map((persona) => [persona.id, `${persona.id === 'skeptic' ? 'anthropic' : 'openai'}:${persona.id}-model`]));
  const byPersona = new Map(Object.entries(answers).map(([persona, model]) => [models.get(persona) as string, model]));
  const started: string[] = [];
  const deps = {
    createModel: (spec: string) => {
      started.push(spec);
      const model = byPersona.get(spec);
      if (!model) throw new Error(`no fake for ${spec}`);
      return model;
    },
    prices: {}, retry: { maxRetries: 1, retryAfterCapMs: 10 }, timeoutMs: 1000, concurrency: 4, threshold: 50,
  };
  return { context, models, deps, started };
}

describe('runPanel', () => {
  it('asks every persona once, in parallel, and keeps panel order', async () => {
    let inFlight = 0;
    let peak = 0;
    const slow = (score: number, verdict: 'ship' | 'skip') =>
      fakeModel('x:y', [() => personaAnswer(score, verdict)]);
    const models = { builder: slow(80, 'ship'), skeptic: slow(45, 'skip'), futurist: slow(80, 'ship'), creator: slow(45, 'skip') };
    for (const model of Object.values(models)) {
      const generate = model.generate.bind(model);
      model.generate = async (request) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        return generate(request);
      };
    }
    const { context, models: chosen, deps } = await setup(models);
    const result = await runPanel({ profile, pageExcerpt: 'page text', personas: context.personas, models: chosen, template: context.templates.review }, deps);
    expect(peak).toBe(4);
    expect(result.failures).toEqual([]);
    expect(result.reviews.map((review) => [review.persona, review.score, review.verdict])).toEqual([
      ['builder', 80, 'ship'], ['skeptic', 45, 'skip'], ['futurist', 80, 'ship'], ['creator', 45, 'skip'],
    ]);
    // The four requests share one prefix (the every-tool part, then the tool's) and differ only in the persona tail.
    const requests = Object.values(models).map((model) => model.requests[0]);
    const prefixes = new Set(requests.map((request) => `${request?.system}${request?.messages[0]?.parts[0]?.text}${request?.messages[0]?.parts[1]?.text}`));
    expect(prefixes.size).toBe(1);
    expect(requests.every((request) => request?.messages[0]?.parts[0]?.cacheBreakpoint === true)).toBe(true);
    expect(requests[1]?.messages[0]?.parts[2]?.text).toContain('Persona: Skeptic');
    expect(new Set(requests.map((request) => request?.cacheKey)).size).toBe(1);
  });

  it('records a failed persona and invents nothing for it', async () => {
    const down = new ProviderError('anthropic claude: 529 overloaded', { kind: 'overloaded' });
    const { context, models, deps } = await setup({
      builder: fakeModel('x:y', [personaAnswer(80, 'ship')]),
      skeptic: fakeModel('x:y', [down]),
      futurist: fakeModel('x:y', [personaAnswer(60, 'ship')]),
      creator: fakeModel('x:y', [personaAnswer(30, 'skip')]),
    });
    const result = await runPanel({ profile, pageExcerpt: null, personas: context.personas, models, template: context.templates.review }, deps);
    expect(result.reviews.map((review) => review.persona)).toEqual(['builder', 'futurist', 'creator']);
    expect(result.failures).toEqual([
      expect.objectContaining({ persona: 'skeptic', model: 'anthropic:skeptic-model', error: expect.stringContaining('529') }),
    ]);
  });

  it('fails a persona whose answers never become valid, after the bounded re-asks', async () => {
    const stubborn = fakeModel('x:y', [personaAnswer(10, 'ship')]);
    const { context, models, deps } = await setup({
      builder: fakeModel('x:y', [personaAnswer(80, 'ship')]),
      skeptic: fakeModel('x:y', [personaAnswer(45, 'skip')]),
      futurist: fakeModel('x:y', [personaAnswer(80, 'ship')]),
      creator: stubborn,
    });
    const result = await runPanel({ profile, pageExcerpt: null, personas: context.personas, models, template: context.templates.review }, deps);
    expect(result.failures[0]).toMatchObject({ persona: 'creator', error: expect.stringContaining('disagrees with score 10') });
    expect(stubborn.requests).toHaveLength(3);
  });
});
