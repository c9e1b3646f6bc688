/**
 * Replays recorded real responses of OpenAI-compatible servers (fixtures/recorded/providers/,
 * sources in SOURCES.md) through the real `openai` SDK via createOpenAIModel, and through
 * askStructured where the behaviour is about re-asks, usage and cost.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { askStructured, priceUsage, type ChatModel } from '../../src/providers/index.js';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import type { OpenAICompatibleProvider } from '../../src/providers/openai/request.js';
import { PersonaAnswer } from '../../src/schemas.js';
import { JSON_HEADERS, chatRequest, keyedSettings, providerError, useNock } from '../providers/support.js';

interface Recording {
  status: number;
  body: Record<string, unknown>;
}

function recorded(name: string): Recording {
  const url = new URL(`../../fixtures/recorded/providers/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Recording;
}

/** The answer text we put into each recording (the only field changed; see SOURCES.md). */
const SHIP = { score: 78, verdict: 'ship', quote: 'It does one job well and the setup took me five minutes.' };
const SKIP = { score: 35, verdict: 'skip', quote: 'Nothing here I could not get from the tools I already pay for.' };

/** Where each server is reached: OpenAI and OpenRouter by name, the rest as "ollama" (any base URL). */
const SERVERS: Record<string, { provider: OpenAICompatibleProvider; base: string; prefix: string }> = {
  openai: { provider: 'openai', base: 'https://api.openai.com', prefix: '/v1' },
  openrouter: { provider: 'openrouter', base: 'https://openrouter.ai', prefix: '/api/v1' },
  ollama: { provider: 'ollama', base: 'http://127.0.0.1:11434', prefix: '/v1' },
  mistral: { provider: 'ollama', base: 'https://api.mistral.ai', prefix: '/v1' },
  xai: { provider: 'ollama', base: 'https://api.x.ai', prefix: '/v1' },
  deepseek: { provider: 'ollama', base: 'https://api.deepseek.com', prefix: '/v1' },
  groq: { provider: 'ollama', base: 'https://api.groq.com', prefix: '/openai/v1' },
  huggingface: { provider: 'ollama', base: 'https://router.huggingface.co', prefix: '/v1' },
  snowflake: { provider: 'ollama', base: 'https://myorg-myaccount.snowflakecomputing.com', prefix: '/api/v2/cortex/v1' },
};

type Server = keyof typeof SERVERS;

function modelOn(server: Server, modelId: string): ChatModel {
  const { provider, base, prefix } = SERVERS[server]!;
  const keyVariable = provider === 'ollama' ? 'OLLAMA_API_KEY' : `${provider.toUpperCase()}_API_KEY`;
  return createOpenAIModel({ provider, modelId, settings: keyedSettings(keyVariable, `${base}${prefix}`) });
}

/** Replays recordings in order, one per request, and keeps each request body. */
function replay(server: Server, ...names: string[]): { bodies: Array<Record<string, unknown>>; scope: nock.Scope } {
  const { base, prefix } = SERVERS[server]!;
  const bodies: Array<Record<string, unknown>> = [];
  let scope = nock(base);
  for (const name of names) {
    const { status, body } = recorded(name);
    scope = scope.post(`${prefix}/chat/completions`).reply((_uri, sent) => {
      bodies.push(sent as Record<string, unknown>);
      return [status, body, JSON_HEADERS];
    });
  }
  return { bodies, scope };
}

const ask = (model: ChatModel, maxOutputTokens = 800) =>
  askStructured(
    model,
    { ...chatRequest(), maxOutputTokens },
    {
      schema: PersonaAnswer,
      name: 'persona_answer',
      description: 'One persona verdict',
      retry: { maxRetries: 0, retryAfterCapMs: 0 },
    },
  );

const usage = (fields: Partial<Record<string, number>>) => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
  reasoningTokens: 0,
  ...fields,
});

describe('recorded OpenAI responses', () => {
  useNock();

  it('reads a plain JSON answer (gpt-4.1-nano)', async () => {
    replay('openai', 'openai-plain-answer.json');
    const result = await modelOn('openai', 'gpt-4.1-nano').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SHIP);
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.usage).toEqual(usage({ inputTokens: 16, outputTokens: 363 }));
    expect(result.providerCostUsd).toBeUndefined();
    expect(result.responseId).toBe('chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU');
  });

  it('counts a cache write, then a cache read of the same prefix, and prices them apart', async () => {
    replay('openai', 'openai-cache-write.json', 'openai-cache-read.json');
    const model = modelOn('openai', 'gpt-5.6-sol');
    const write = await model.generate(chatRequest());
    const read = await model.generate(chatRequest());
    expect(write.usage).toEqual(usage({ inputTokens: 4020, outputTokens: 4, cacheWriteInputTokens: 4012 }));
    expect(read.usage).toEqual(usage({ inputTokens: 4020, outputTokens: 4, cachedInputTokens: 4012 }));
    const table = { 'openai:gpt-5.6-sol': { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 10 } };
    // 8 uncached + 4012 written at 1.25 + 4 out; then 8 uncached + 4012 read at 0.1 + 4 out.
    expect(priceUsage(table, model.spec, write.usage).costUsd).toBeCloseTo((8 + 4012 * 1.25 + 40) / 1e6, 10);
    expect(priceUsage(table, model.spec, read.usage).costUsd).toBeCloseTo((8 + 4012 * 0.1 + 40) / 1e6, 10);
  });

  it('keeps reasoning tokens as a part of the output tokens (o3-mini)', async () => {
    replay('openai', 'openai-reasoning-tokens.json');
    const result = await modelOn('openai', 'o3-mini').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SKIP);
    expect(result.usage).toEqual(usage({ inputTokens: 7, outputTokens: 87, reasoningTokens: 64 }));
  });
});

describe('recorded OpenAI-compatible servers', () => {
  useNock();

  it('joins the text parts of a Mistral content array and leaves the thinking out (magistral)', async () => {
    replay('mistral', 'mistral-thinking-parts.json');
    const result = await modelOn('mistral', 'magistral-medium-2507').generate(chatRequest());
    expect(result.text).toBe(JSON.stringify(SHIP));
    expect(result.usage).toEqual(usage({ inputTokens: 10, outputTokens: 46 }));
  });

  it('gets a valid answer from a content-part array through askStructured (was: text.trim is not a function)', async () => {
    replay('mistral', 'mistral-thinking-parts.json');
    const result = await ask(modelOn('mistral', 'magistral-medium-2507'));
    expect(result).toMatchObject({ ok: true, value: SHIP, calls: 1 });
  });

  it('reads a second recorded Mistral content array (magistral-medium-latest) through askStructured', async () => {
    replay('mistral', 'mistral-thinking-parts-latest.json');
    const result = await ask(modelOn('mistral', 'magistral-medium-latest'));
    expect(result).toMatchObject({ ok: true, value: SKIP, calls: 1 });
    expect(result.usage).toEqual(usage({ inputTokens: 664, outputTokens: 747 }));
  });

  it('takes an empty refusal, finish reason and id as absent (Snowflake Cortex)', async () => {
    replay('snowflake', 'snowflake-empty-fields.json');
    const result = await modelOn('snowflake', 'claude-sonnet-4-6').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SKIP);
    expect(result.finishReason).toEqual({ unified: 'other', raw: '' });
    expect(result.responseId).toBeUndefined();
    expect(result.usage).toEqual(usage({ inputTokens: 22, outputTokens: 5 }));
  });

  it('reads a plain Mistral string answer', async () => {
    replay('mistral', 'mistral-plain-answer.json');
    const result = await modelOn('mistral', 'mistral-small-latest').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SKIP);
    expect(result.usage).toEqual(usage({ inputTokens: 13, outputTokens: 434 }));
  });

  it('folds xAI reasoning tokens, reported outside completion_tokens, into the billed output', async () => {
    replay('xai', 'xai-reasoning-usage.json');
    const result = await modelOn('xai', 'grok-3-mini').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SHIP);
    // 12 prompt + 1 completion + 228 reasoning = 241 total: reasoning is billed as output.
    expect(result.usage).toEqual(usage({ inputTokens: 12, outputTokens: 229, cachedInputTokens: 2, reasoningTokens: 228 }));
    // 1,176,500 ticks of 1e-10 USD: the price of 10 + 2 cached input and 229 output tokens.
    expect(result.providerCostUsd).toBeCloseTo(0.00011765, 12);
  });

  it('reads DeepSeek reasoning_content apart from the answer, and its cache-hit tokens', async () => {
    replay('deepseek', 'deepseek-reasoning-content.json');
    const result = await modelOn('deepseek', 'deepseek-reasoner').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SKIP);
    expect(result.usage).toEqual(usage({ inputTokens: 495, outputTokens: 144, cachedInputTokens: 320, reasoningTokens: 118 }));
  });

  it('reads Groq’s `reasoning` field apart from the answer, reasoning inside completion_tokens', async () => {
    replay('groq', 'groq-reasoning-field.json');
    const result = await modelOn('groq', 'qwen/qwen3-32b').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SHIP);
    expect(result.usage).toEqual(usage({ inputTokens: 17, outputTokens: 649, reasoningTokens: 570 }));
  });

  it.each([
    ['ollama-reasoning-field.json', 'qwen3:0.6b', SHIP, 136, 15],
    ['ollama-cloud-gpt-oss.json', 'gpt-oss:20b', SKIP, 172, 88],
  ])('reads Ollama’s answer without its `reasoning` field (%s)', async (name, modelId, answer, input, output) => {
    replay('ollama', name);
    const result = await modelOn('ollama', modelId).generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(answer);
    expect(result.usage).toEqual(usage({ inputTokens: input, outputTokens: output }));
  });
});

describe('recorded OpenRouter responses', () => {
  useNock();

  it('takes OpenRouter’s usage.cost over the price table and marks it as the provider’s', async () => {
    replay('openrouter', 'openrouter-usage-cost.json');
    const model = modelOn('openrouter', 'z-ai/glm-4.6');
    const result = await ask(model);
    expect(result).toMatchObject({ ok: true, value: SHIP, providerCostUsd: 0.000014 });
    const table = { 'openrouter:z-ai/glm-4.6': { input: 100, cachedInput: 100, cacheWrite: 100, output: 100 } };
    expect(priceUsage(table, model.spec, result.usage, result.providerCostUsd)).toEqual({
      ...usage({ inputTokens: 16, outputTokens: 2 }),
      costUsd: 0.000014,
      providerCostUsd: 0.000014,
    });
    // Without a table entry the call is still priced: the provider said what it cost.
    expect(priceUsage({}, model.spec, result.usage, result.providerCostUsd)).not.toHaveProperty('unpriced');
  });

  it('adds the upstream bill to OpenRouter’s fee when the key is the user’s own (BYOK)', async () => {
    replay('openrouter', 'openrouter-byok-tool-calls.json');
    const result = await modelOn('openrouter', 'google/gemini-2.5-flash').generate(chatRequest());
    expect(result.providerCostUsd).toBeCloseTo(0.0003253, 12);
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(result.usage).toEqual(usage({ inputTokens: 326, outputTokens: 91 }));
  });

  it('reads an OpenAI reasoning model through OpenRouter: answer only, reasoning tokens counted', async () => {
    replay('openrouter', 'openrouter-reasoning.json');
    const result = await modelOn('openrouter', 'openai/gpt-5-mini').generate(chatRequest());
    expect(JSON.parse(result.text)).toEqual(SKIP);
    expect(result.usage).toEqual(usage({ inputTokens: 17, outputTokens: 1515, reasoningTokens: 704 }));
  });

  it('maps an upstream rate limit OpenRouter passes on to a retryable rate-limit error', async () => {
    replay('openrouter', 'openrouter-429-upstream.json');
    const error = await providerError(modelOn('openrouter', 'google/gemini-2.0-flash-exp:free').generate(chatRequest()));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryable).toBe(true);
  });
});

describe('recorded length stops', () => {
  useNock();

  it('re-asks a length stop once with twice the output limit, and sums both calls', async () => {
    const { bodies } = replay('huggingface', 'huggingface-length-stop.json', 'mistral-plain-answer.json');
    const result = await ask(modelOn('huggingface', 'deepseek-ai/DeepSeek-R1'), 800);
    expect(result).toMatchObject({ ok: true, value: SKIP, calls: 2 });
    expect(bodies.map((body) => body['max_tokens'])).toEqual([800, 1600]);
    // The re-ask is the same request with more room, not a "fix your JSON" turn.
    expect(bodies[1]?.['messages']).toEqual(bodies[0]?.['messages']);
    expect(result.usage).toEqual(usage({ inputTokens: 4 + 13, outputTokens: 100 + 434 }));
  });

  it('fails a second length stop as kind length, naming the limit, with both calls’ tokens', async () => {
    replay('huggingface', 'huggingface-length-stop.json', 'huggingface-length-stop.json');
    const result = await ask(modelOn('huggingface', 'deepseek-ai/DeepSeek-R1'), 800);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('length');
    expect(result.error.message).toContain('output limit (1600 tokens)');
    expect(result.calls).toBe(2);
    expect(result.usage).toEqual(usage({ inputTokens: 8, outputTokens: 200 }));
  });
});
