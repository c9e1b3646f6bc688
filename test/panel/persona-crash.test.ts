/**
 * No crash escapes a persona: an exception nobody expected inside one persona's call becomes
 * that persona's recorded failure and the other personas still answer; inside the profile call
 * it becomes one PanelError naming the model, never a raw TypeError.
 */
import { describe, expect, it } from 'vitest';
import { errorExitCode } from '../../src/cli/error-line.js';
import { PanelError } from '../../src/errors.js';
import { runPanel } from '../../src/panel/index.js';
import { projectPaths } from '../../src/paths.js';
import { buildProfile } from '../../src/profile/index.js';
import type { ChatModel, ChatResult } from '../../src/providers/index.js';
import { loadReviewContext } from '../../src/review/index.js';
import type { ToolProfile } from '../../src/schemas.js';
import { loadCategories, loadPromptTemplates } from '../../src/templates/index.js';
import { fakeModel, personaAnswer } from '../helpers/fake-model.js';
import { terrariumSource } from '../profile/fixtures.js';

const profile: ToolProfile = {
  name: 'Terrarium', tagline: 'Evals that simulate deployment', description: 'A multi-turn evaluation engine.',
  category: 'Developer Tools', pricing: { entry: 'Open Source', detail: 'MIT' }, bestFor: 'agent teams',
  vendor: 'evolvent-ai', url: 'https://github.com/evolvent-ai/terrarium', links: {}, facts: { stars: 17 },
};

/** An adapter that trips over a shape it did not expect, the way a real one would. */
function throwingModel(spec: string): ChatModel {
  return {
    provider: 'openai',
    modelId: spec.slice(spec.indexOf(':') + 1),
    spec,
    generate: async () => {
      const choice = undefined as unknown as { message: { content: string } };
      return { text: choice.message.content } as ChatResult;
    },
  };
}

/** An adapter bug that returns a result without its text: the crash comes after the call. */
function shapelessModel(spec: string): ChatModel {
  const usage = { inputTokens: 10, outputTokens: 2, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 };
  return { provider: 'openai', modelId: 'broken', spec, generate: async () => ({ usage, warnings: [] }) as unknown as ChatResult };
}

async function panelWith(broken: (spec: string) => ChatModel) {
  const context = await loadReviewContext();
  const models = new Map(context.personas.map((persona) => [persona.id, `openai:${persona.id}-model`]));
  const done: string[] = [];
  const result = await runPanel(
    { profile, pageExcerpt: 'page text', personas: context.personas, models, template: context.templates.review },
    {
      createModel: (spec) => (spec === 'openai:skeptic-model' ? broken(spec) : fakeModel(spec, [personaAnswer(80, 'ship')])),
      prices: {},
      retry: { maxRetries: 1, retryAfterCapMs: 10 },
      timeoutMs: 1000,
      concurrency: 4,
      threshold: 50,
      onPersonaDone: (event) => done.push(`${event.persona}:${event.ok}`),
    },
  );
  return { result, done };
}

describe('a persona whose call throws', () => {
  it('a TypeError thrown by the adapter is the persona failure; the rest of the panel answers', async () => {
    const { result, done } = await panelWith(throwingModel);
    expect(result.reviews.map((review) => review.persona)).toEqual(['builder', 'futurist', 'creator']);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ persona: 'skeptic', model: 'openai:skeptic-model' });
    expect(result.failures[0]?.error).toContain("Cannot read properties of undefined (reading 'message')");
    expect(done.sort()).toEqual(['builder:true', 'creator:true', 'futurist:true', 'skeptic:false']);
  });

  it('a TypeError after the call (a result with no text) is the persona failure too', async () => {
    const { result } = await panelWith(shapelessModel);
    expect(result.reviews).toHaveLength(3);
    expect(result.failures).toEqual([
      {
        persona: 'skeptic',
        model: 'openai:skeptic-model',
        error: expect.stringMatching(/^openai:skeptic-model: unexpected error \(TypeError: .+\)$/),
      },
    ]);
  });

  it('a progress callback that throws does not lose the answers', async () => {
    const context = await loadReviewContext();
    const models = new Map(context.personas.map((persona) => [persona.id, 'openai:m']));
    const result = await runPanel(
      { profile, pageExcerpt: null, personas: context.personas, models, template: context.templates.review },
      {
        createModel: (spec) => fakeModel(spec, [personaAnswer(20, 'skip')]),
        prices: {}, retry: { maxRetries: 0, retryAfterCapMs: 10 }, timeoutMs: 1000, concurrency: 4, threshold: 50,
        onPersonaDone: () => {
          throw new Error('terminal gone');
        },
      },
    );
    expect(result.reviews).toHaveLength(4);
  });
});

describe('a profile call that throws', () => {
  it('becomes one PanelError naming the profile model', async () => {
    const templates = await loadPromptTemplates(projectPaths.prompts);
    const categories = await loadCategories(projectPaths.categories);
    const run = buildProfile(terrariumSource(), {
      model: shapelessModel('ollama:llama3.2'),
      template: templates.profile,
      categories,
      prices: {},
      retry: { maxRetries: 0, retryAfterCapMs: 10 },
      timeoutMs: 1000,
      hypeWords: [],
    });
    const error = await run.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(PanelError);
    expect(errorExitCode(error)).toBe(1);
    expect((error as PanelError).message).toMatch(/^profile: ollama:llama3\.2: unexpected error \(TypeError: .+\)$/);
  });
});
