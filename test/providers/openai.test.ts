import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import {
  JSON_HEADERS,
  TEST_KEY,
  chatRequest,
  expectKeySafe,
  fixture,
  providerError,
  settings,
  useNock,
} from './support.js';

const BASE = 'https://api.openai.com';
const PATH = '/v1/chat/completions';

function model(modelId = 'gpt-4.1-mini', apiKey: string | null = TEST_KEY) {
  return createOpenAIModel({
    provider: 'openai',
    modelId,
    settings: settings({
      keyVariable: 'OPENAI_API_KEY',
      apiKey: apiKey ?? undefined,
      baseUrl: `${BASE}/v1`,
    }),
  });
}

describe('openai adapter', () => {
  useNock();

  it('returns the text, cached-token usage and finish reason', async () => {
    nock(BASE).post(PATH).reply(200, fixture('openai-success.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":72,"verdict":"ship","quote":"Solid docs, fair price."}');
    expect(result.usage).toEqual({
      inputTokens: 2048,
      outputTokens: 25,
      cachedInputTokens: 1920,
      cacheWriteInputTokens: 0,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.responseId).toBe('chatcmpl-fixture-1');
    expect(result.warnings).toEqual([]);
  });

  it('sends strict json_schema output, the system message, ordered parts and the cache key', async () => {
    let body: Record<string, unknown> = {};
    let headers: Record<string, unknown> = {};
    nock(BASE)
      .post(PATH)
      .reply(function (_uri, requestBody) {
        body = requestBody as Record<string, unknown>;
        headers = this.req.headers;
        return [200, fixture('openai-success.json'), JSON_HEADERS];
      });
    const request = chatRequest();

    await model().generate(request);

    expect(headers['authorization']).toBe(`Bearer ${TEST_KEY}`);
    expect(headers['x-stainless-retry-count']).toBe('0');
    expect(body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'system', content: request.system },
        {
          role: 'user',
          content: [
            { type: 'text', text: '<page>Acme Notes: a note-taking app.</page>' },
            { type: 'text', text: 'Persona: the Skeptic. Judge it.' },
          ],
        },
      ],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'persona_answer',
          description: 'One persona verdict',
          schema: request.output.jsonSchema,
          strict: true,
        },
      },
      max_completion_tokens: 800,
      temperature: 0.3,
      prompt_cache_key: 'panel-abc',
    });
  });

  it('leaves temperature out for reasoning models and says so in a warning', async () => {
    let body: Record<string, unknown> = {};
    nock(BASE)
      .post(PATH, (requestBody: Record<string, unknown>) => {
        body = requestBody;
        return true;
      })
      .reply(200, fixture('openai-success.json'), JSON_HEADERS);

    const result = await model('gpt-5-mini').generate(chatRequest({ temperature: 0.2 }));

    expect(body).not.toHaveProperty('temperature');
    expect(result.warnings).toEqual([expect.stringContaining('temperature 0.2 not sent')]);
  });

  it('returns an answer that is not valid JSON as text; validation is the caller’s job', async () => {
    nock(BASE).post(PATH).reply(200, fixture('openai-invalid-json.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":72,"verdict":"ship","quote":"Solid docs');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'length' });
  });

  it('turns a refusal into a refusal error', async () => {
    nock(BASE).post(PATH).reply(200, fixture('openai-refusal.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^openai gpt-4\.1-mini: the model refused: I'm sorry/);
  });

  it('maps 429 to a retryable rate-limit error with retry-after, after exactly one attempt', async () => {
    let attempts = 0;
    nock(BASE)
      .post(PATH)
      .times(3)
      .reply(() => {
        attempts += 1;
        return [429, fixture('openai-429.json'), { ...JSON_HEADERS, 'retry-after': '7' }];
      });

    const error = await providerError(model().generate(chatRequest()));

    expect(attempts).toBe(1);
    expect(error.kind).toBe('rate-limit');
    expect(error.status).toBe(429);
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toBe('openai gpt-4.1-mini: rate limited (429)');
  });

  it('prefers retry-after-ms over retry-after', async () => {
    nock(BASE)
      .post(PATH)
      .reply(429, fixture('openai-429.json'), {
        ...JSON_HEADERS,
        'retry-after-ms': '120',
        'retry-after': '1',
      });

    const error = await providerError(model().generate(chatRequest()));

    expect(error.retryAfterMs).toBe(120);
  });

  it('does not retry an exhausted quota', async () => {
    nock(BASE).post(PATH).reply(429, fixture('openai-429-quota.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('rate-limit');
    expect(error.retryable).toBe(false);
  });

  it('maps 401 to an auth error that names OPENAI_API_KEY and never shows the key', async () => {
    nock(BASE).post(PATH).reply(401, fixture('openai-401.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.hint).toBe('set OPENAI_API_KEY to a valid key');
    expectKeySafe(error, 'OPENAI_API_KEY');
    // OpenAI's own text echoes part of the key, so it is left out.
    expect(error.message).not.toContain('Incorrect API key');
  });

  it('throws an auth error without any request when the key is missing', async () => {
    const scope = nock(BASE).post(PATH).reply(200, fixture('openai-success.json'), JSON_HEADERS);

    const error = await providerError(model('gpt-4.1-mini', null).generate(chatRequest()));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.hint).toBe('set OPENAI_API_KEY');
    expect(scope.isDone()).toBe(false);
  });

  it('maps 500 to a retryable overloaded error after one attempt', async () => {
    let attempts = 0;
    nock(BASE)
      .post(PATH)
      .times(3)
      .reply(() => {
        attempts += 1;
        return [500, fixture('openai-500.json'), JSON_HEADERS];
      });

    const error = await providerError(model().generate(chatRequest()));

    expect(attempts).toBe(1);
    expect(error.kind).toBe('overloaded');
    expect(error.retryable).toBe(true);
  });

  it('maps 404 to bad-request with a model-name hint and 400 with the provider’s message', async () => {
    nock(BASE).post(PATH).reply(404, fixture('openai-404.json'), JSON_HEADERS);
    const notFound = await providerError(model('gpt-nope').generate(chatRequest()));
    expect(notFound.kind).toBe('bad-request');
    expect(notFound.retryable).toBe(false);
    expect(notFound.hint).toBe('check the model name');

    nock(BASE).post(PATH).reply(400, fixture('openai-400.json'), JSON_HEADERS);
    const badRequest = await providerError(model().generate(chatRequest()));
    expect(badRequest.kind).toBe('bad-request');
    expect(badRequest.message).toContain("Missing 'quote'");
  });

  it('gives up with a timeout error when the answer is slower than timeoutMs', async () => {
    nock(BASE).post(PATH).delay(2_000).reply(200, fixture('openai-success.json'), JSON_HEADERS);

    const started = Date.now();
    const error = await providerError(model().generate(chatRequest({ timeoutMs: 100 })));

    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a caller abort as a non-retryable timeout', async () => {
    nock(BASE).post(PATH).delay(2_000).reply(200, fixture('openai-success.json'), JSON_HEADERS);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await providerError(
      model().generate(chatRequest({ signal: controller.signal, timeoutMs: 5_000 })),
    );

    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(false);
  });

  it('maps a refused connection to a network error', async () => {
    nock(BASE).post(PATH).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });
});
