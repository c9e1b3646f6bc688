import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOpenAIModel } from '../../src/providers/openai/index.js';
import * as support from './support.js';
import { JSON_HEADERS, TEST_KEY, chatRequest, fixture, providerError } from './support.js';

const BASE = 'https://api.openai.com';
const PATH = '/v1/chat/completions';
const ENDPOINT = { base: BASE, path: PATH };
const KEY_VARIABLE = 'OPENAI_API_KEY';

const model = (modelId = 'gpt-4.1-mini', apiKey: string | null = TEST_KEY) =>
  createOpenAIModel({
    provider: 'openai',
    modelId,
    settings: support.keyedSettings(KEY_VARIABLE, `${BASE}/v1`, apiKey),
  });

describe('openai adapter', () => {
  support.useNock();

  it('returns the text, cached-token usage and finish reason', async () => {
    nock(BASE).post(PATH).reply(200, fixture('openai-success.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":72,"verdict":"ship","quote":"Solid docs, fair price."}');
    expect(result.usage).toEqual({
      inputTokens: 2048,
      outputTokens: 25,
      cachedInputTokens: 1920,
      cacheWriteInputTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
    expect(result.responseId).toBe('chatcmpl-fixture-1');
    expect(result.warnings).toEqual([]);
  });

  it('sends strict json_schema output, the system message, ordered parts and the cache key', async () => {
    const sent = support.captureRequest(ENDPOINT, fixture('openai-success.json'));
    const request = chatRequest();

    await model().generate(request);
    const { body, headers } = sent;

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

  it('leaves temperature out for reasoning models, asks for low reasoning effort with headroom, and warns', async () => {
    const sent = support.captureRequest(ENDPOINT, fixture('openai-success.json'));

    const result = await model('gpt-5-mini').generate(chatRequest({ temperature: 0.2 }));

    expect(sent.body).not.toHaveProperty('temperature');
    expect(sent.body).toMatchObject({ reasoning_effort: 'low', max_completion_tokens: 4800 });
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

  it('keeps the billed tokens of a refusal on the error', async () => {
    nock(BASE).post(PATH).reply(200, fixture('openai-refusal.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.usage).toEqual({
      inputTokens: 2048,
      outputTokens: 12,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
      reasoningTokens: 0,
    });
  });

  // No recording of these was found; both are the plain-answer fixture with one field changed.
  it('turns a content-filter stop into a refusal error that keeps the billed tokens', async () => {
    const answer = fixture('openai-success.json') as { choices: Array<Record<string, unknown>> };
    answer.choices[0] = { ...answer.choices[0], finish_reason: 'content_filter' };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.message).toContain('content filter (content_filter)');
    expect(error.usage?.inputTokens).toBe(2048);
  });

  it('reads a refusal given as a content part', async () => {
    const answer = fixture('openai-success.json') as { choices: Array<{ message: Record<string, unknown> }> };
    answer.choices[0]!.message = {
      role: 'assistant',
      content: [{ type: 'refusal', refusal: 'I cannot review this page.' }],
    };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.message).toMatch(/the model refused: I cannot review this page\.$/);
  });

  it('returns an empty answer as empty text for the caller to re-ask', async () => {
    const answer = fixture('openai-success.json') as { choices: Array<{ message: Record<string, unknown> }> };
    answer.choices[0]!.message = { role: 'assistant', content: null, refusal: null };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('');
    expect(result.finishReason.unified).toBe('stop');
  });

  it('maps 429 to a retryable rate-limit error with retry-after, after exactly one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 429, 'openai-429.json', {
      'retry-after': '7',
    });

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
    support.expectKeySafe(error, KEY_VARIABLE);
    // OpenAI's own text echoes part of the key, so it is left out.
    expect(error.message).not.toContain('Incorrect API key');
  });

  support.itRefusesToCallWithoutAKey(
    ENDPOINT,
    'openai-success.json',
    () => model('gpt-4.1-mini', null),
    KEY_VARIABLE,
    (error) => expect(error.retryable).toBe(false),
  );

  it('maps 500 to a retryable overloaded error after one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 500, 'openai-500.json');

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

  support.itGivesUpOnASlowAnswer(ENDPOINT, 'openai-success.json', () => model());

  support.itReportsACallerAbort(ENDPOINT, 'openai-success.json', () => model());

  it('maps a refused connection to a network error', async () => {
    nock(BASE).post(PATH).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
  });
});
