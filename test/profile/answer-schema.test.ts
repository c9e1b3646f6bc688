/**
 * The JSON Schema sent carries every constraint the providers accept: the category list and
 * the pricing entries as enums, every field required, lengths and score bounds; and each
 * adapter's request keeps the enums (Anthropic's SDK moves the keywords it cannot enforce into
 * the description; OpenAI and Gemini take the schema as is). What a schema cannot say (score
 * and verdict agreement, quality) stays in the checks that re-ask.
 */
import { describe, expect, it } from 'vitest';
import { projectPaths } from '../../src/paths.js';
import { buildProfile } from '../../src/profile/index.js';
import { jsonSchemaOf } from '../../src/providers/index.js';
import { buildMessagesRequest } from '../../src/providers/anthropic/request.js';
import { buildGenerateContentRequest } from '../../src/providers/google/request.js';
import { buildChatCompletionRequest } from '../../src/providers/openai/request.js';
import { PersonaAnswer, PRICING_ENTRIES, profileAnswerFor } from '../../src/schemas.js';
import { loadCategories, loadPromptTemplates } from '../../src/templates/index.js';
import { fakeModel } from '../helpers/fake-model.js';
import { chatRequest } from '../providers/support.js';
import { answer, terrariumSource } from './fixtures.js';

const templates = await loadPromptTemplates(projectPaths.prompts);
const categories = await loadCategories(projectPaths.categories);

type Schema = { properties: Record<string, Record<string, unknown>>; required: string[] };

async function sentProfileSchema(): Promise<Schema> {
  const model = fakeModel('ollama:llama3.2', [JSON.stringify(answer())]);
  await buildProfile(terrariumSource(), {
    model,
    template: templates.profile,
    categories,
    prices: {},
    retry: { maxRetries: 0, retryAfterCapMs: 10 },
    timeoutMs: 1000,
    hypeWords: [],
  });
  return model.requests[0]?.output.jsonSchema as unknown as Schema;
}

describe('the profile JSON Schema', () => {
  it('holds the category to data/categories.json and requires every field', async () => {
    const schema = await sentProfileSchema();
    expect(schema.properties['category']).toEqual({ type: 'string', enum: categories });
    expect(schema.properties['pricing']?.['properties']).toMatchObject({ entry: { enum: [...PRICING_ENTRIES] } });
    expect(schema.required.sort()).toEqual(['bestFor', 'category', 'description', 'name', 'pricing', 'tagline', 'vendor']);
    expect(schema.properties['tagline']).toMatchObject({ minLength: 1, maxLength: 160 });
  });

  it('the same schema object is reused for one list, so its JSON Schema is built once', async () => {
    expect(await sentProfileSchema()).toBe(await sentProfileSchema());
  });

  it('an answer outside the list is re-asked with the list, then fails', async () => {
    const model = fakeModel('ollama:llama3.2', [JSON.stringify(answer({ category: 'Vibes' }))]);
    const run = buildProfile(terrariumSource(), {
      model,
      template: templates.profile,
      categories,
      prices: {},
      retry: { maxRetries: 0, retryAfterCapMs: 10 },
      timeoutMs: 1000,
      hypeWords: [],
    });
    await expect(run).rejects.toThrow(/category "Vibes" is not one of: Developer Tools, /);
    expect(model.requests).toHaveLength(3);
    expect(model.requests[1]?.messages.at(-1)?.parts[0]?.text).toContain('category: category "Vibes" is not one of:');
  });

  it('with no list configured the category is free text, as before', () => {
    expect(jsonSchemaOf(profileAnswerFor([]))).toMatchObject({ properties: { category: { type: 'string' } } });
  });
});

describe('the persona JSON Schema', () => {
  it('carries the verdict enum, the score bounds and the required fields', () => {
    expect(jsonSchemaOf(PersonaAnswer)).toMatchObject({
      properties: {
        score: { type: 'integer', minimum: 0, maximum: 100 },
        verdict: { enum: ['ship', 'skip'] },
        quote: { type: 'string', minLength: 1 },
      },
      required: ['score', 'verdict', 'quote'],
      additionalProperties: false,
    });
  });
});

describe('each adapter sends the enums on', () => {
  const request = chatRequest({
    output: { name: 'tool_profile', description: 'profile', jsonSchema: jsonSchemaOf(profileAnswerFor(categories)) },
  });
  const enumOf = (schema: unknown) => (schema as Schema).properties['category']?.['enum'];

  it('openai, openrouter and ollama (strict json_schema)', () => {
    for (const provider of ['openai', 'openrouter', 'ollama'] as const) {
      const { body } = buildChatCompletionRequest(provider, 'm', request);
      const format = body.response_format as { json_schema: { schema: unknown; strict: boolean } };
      expect(format.json_schema.strict).toBe(true);
      expect(enumOf(format.json_schema.schema)).toEqual(categories);
    }
  });

  it('anthropic (output_config.format, after the SDK clean-up)', () => {
    const { body } = buildMessagesRequest('claude-haiku-4-5', request);
    const format = (body as unknown as { output_config: { format: { schema: unknown } } }).output_config.format;
    expect(enumOf(format.schema)).toEqual(categories);
  });

  it('google (responseJsonSchema)', () => {
    const { parameters } = buildGenerateContentRequest('gemini-2.5-flash', request, new AbortController().signal);
    expect(enumOf(parameters.config?.responseJsonSchema)).toEqual(categories);
  });
});
