/** OpenRouter and Ollama go through createOpenAIModel with their own base URLs. */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import * as support from './support.js';
import { JSON_HEADERS, TEST_KEY, chatRequest, fixture, providerError } from './support.js';

const OPENROUTER = { base: 'https://openrouter.ai', path: '/api/v1/chat/completions' };
const OLLAMA = { base: 'http://127.0.0.1:11434', path: '/v1/chat/completions' };

describe('openrouter through the openai adapter', () => {
  support.useNock();
  const model = (apiKey: string | null = TEST_KEY) =>
    createOpenAIModel({
      provider: 'openrouter',
      modelId: 'anthropic/claude-sonnet-4.5',
      settings: support.keyedSettings('OPENROUTER_API_KEY', `${OPENROUTER.base}/api/v1`, apiKey),
    });

  it('posts to the OpenRouter base URL with its key and maps cache writes', async () => {
    const sent = support.captureRequest(OPENROUTER, fixture('openrouter-success.json'));

    const result = await model().generate(chatRequest());
    const { body, headers, scope } = sent;

    expect(scope.isDone()).toBe(true);
    expect(headers['authorization']).toBe(`Bearer ${TEST_KEY}`);
    expect(headers['x-title']).toBe('Ship or Skip');
    expect(headers).not.toHaveProperty('openai-organization');
    expect(body['model']).toBe('anthropic/claude-sonnet-4.5');
    expect(body['max_tokens']).toBe(800);
    expect(body).not.toHaveProperty('max_completion_tokens');
    expect(body).not.toHaveProperty('prompt_cache_key');
    expect(body['response_format']).toMatchObject({ type: 'json_schema' });
    expect(result.text).toContain('"verdict":"skip"');
    expect(result.usage).toEqual({
      inputTokens: 3000,
      outputTokens: 30,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 2800,
      reasoningTokens: 0,
    });
  });

  it('maps an error OpenRouter puts in a 200 body like its status code', async () => {
    nock(OPENROUTER.base)
      .post(OPENROUTER.path)
      .reply(200, fixture('openrouter-200-error.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('overloaded');
    expect(error.message).toContain('Provider returned error');
  });

  it('names OPENROUTER_API_KEY when the key is rejected or missing', async () => {
    nock(OPENROUTER.base)
      .post(OPENROUTER.path)
      .reply(401, { error: { message: 'No auth credentials found', code: 401 } }, JSON_HEADERS);
    const rejected = await providerError(model().generate(chatRequest()));
    expect(rejected.kind).toBe('auth');
    support.expectKeySafe(rejected, 'OPENROUTER_API_KEY');

    const missing = await providerError(model(null).generate(chatRequest()));
    expect(missing.kind).toBe('auth');
    expect(missing.hint).toBe('set OPENROUTER_API_KEY');
  });
});

describe('ollama through the openai adapter', () => {
  support.useNock();

  it('posts to the local base URL with the placeholder key and tolerates missing usage details', async () => {
    const sent = support.captureRequest(OLLAMA, fixture('ollama-success.json'));
    const model = createOpenAIModel({
      provider: 'ollama',
      modelId: 'llama3.2',
      // No key: the adapter must send its placeholder.
      settings: support.keyedSettings('OLLAMA_API_KEY', `${OLLAMA.base}/v1`, null),
    });

    const result = await model.generate(chatRequest());
    const { body, headers, scope } = sent;

    expect(scope.isDone()).toBe(true);
    expect(headers['authorization']).toBe('Bearer ollama');
    expect(body['max_tokens']).toBe(800);
    expect(body['temperature']).toBe(0.3);
    expect(result.text).toContain('"verdict":"ship"');
    expect(result.usage).toEqual({
      inputTokens: 900,
      outputTokens: 28,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(model.spec).toBe('ollama:llama3.2');
  });

  it('reports an unreachable server as a network error', async () => {
    nock(OLLAMA.base)
      .post(OLLAMA.path)
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:11434' });
    const model = createOpenAIModel({
      provider: 'ollama',
      modelId: 'llama3.2',
      settings: support.settings({ keyVariable: 'OLLAMA_API_KEY', baseUrl: `${OLLAMA.base}/v1`, baseUrlVariable: 'OLLAMA_BASE_URL' }),
    });

    const error = await providerError(model.generate(chatRequest()));

    expect(error.kind).toBe('network');
    // nock's stand-in error loses the system code on its way through the SDK; the real one
    // keeps it (test/providers/connection-errors.test.ts).
    expect(error.message).toBe('ollama llama3.2: cannot reach http://127.0.0.1:11434/v1; check OLLAMA_BASE_URL');
    expect(error.hint).toBe("check that OLLAMA_BASE_URL is the server's URL and that the server is running");
  });
});
