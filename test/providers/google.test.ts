import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createGoogleModel } from '../../src/providers/google/index.js';
import { THINKING_BUDGET, THINKING_HEADROOM } from '../../src/providers/google/thinking.js';
import * as support from './support.js';
import { JSON_HEADERS, TEST_KEY, chatRequest, fixture, providerError } from './support.js';

const BASE = 'https://generativelanguage.googleapis.com';
const PATH = '/v1beta/models/gemini-2.5-flash:generateContent';
const ENDPOINT = { base: BASE, path: PATH };
const KEY_VARIABLE = 'GEMINI_API_KEY';

const model = (modelId = 'gemini-2.5-flash', apiKey: string | null = TEST_KEY) =>
  createGoogleModel({ modelId, settings: support.keyedSettings(KEY_VARIABLE, BASE, apiKey) });

describe('google adapter', () => {
  support.useNock();

  it('returns the text, prompt and cached tokens, thoughts counted as output', async () => {
    nock(BASE).post(PATH).reply(200, fixture('gemini-success.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":88,"verdict":"ship","quote":"This is where things are heading."}');
    expect(result.usage).toEqual({
      inputTokens: 2048,
      outputTokens: 22 + 110,
      cachedInputTokens: 1920,
      cacheWriteInputTokens: 0,
      reasoningTokens: 110,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
    expect(result.responseId).toBe('gemini-fixture-1');
    expect(result.warnings).toEqual([]);
  });

  it('sends responseJsonSchema, the system instruction and the key header', async () => {
    const sent = support.captureRequest(ENDPOINT, fixture('gemini-success.json'));
    const request = chatRequest();

    await model().generate(request);
    const { body, headers } = sent;

    expect(headers['x-goog-api-key']).toBe(TEST_KEY);
    expect(headers['x-server-timeout']).toBe('5');
    expect(body).toEqual({
      contents: [
        {
          role: 'user',
          parts: [
            { text: '<page>Acme Notes: a note-taking app.</page>' },
            { text: 'Persona: the Skeptic. Judge it.' },
          ],
        },
      ],
      systemInstruction: { role: 'user', parts: [{ text: request.system }] },
      generationConfig: {
        responseMimeType: 'application/json',
        responseJsonSchema: request.output.jsonSchema,
        // 800 for the answer, plus the thinking budget it cannot eat into.
        maxOutputTokens: 800 + 1024,
        thinkingConfig: { thinkingBudget: 1024 },
        temperature: 0.3,
      },
    });
  });

  it('bounds thinking per model family and adds its headroom to maxOutputTokens', async () => {
    type Body = { generationConfig?: Record<string, unknown> };
    const cases: Array<[string, Record<string, unknown> | undefined, number]> = [
      // Gemini 3 and later take a level; LOW is the one every model of the family accepts.
      ['gemini-3.5-flash', { thinkingLevel: 'LOW' }, 800 + THINKING_HEADROOM],
      ['gemini-2.5-pro', { thinkingBudget: THINKING_BUDGET }, 800 + THINKING_BUDGET],
      // Flash-Lite is left on its own (little or no) thinking; 2.0 has none.
      ['gemini-3.5-flash-lite', undefined, 800 + THINKING_HEADROOM],
      ['gemini-2.5-flash-lite', undefined, 800],
      ['gemini-2.0-flash', undefined, 800],
    ];
    for (const [modelId, thinkingConfig, maxOutputTokens] of cases) {
      const endpoint = { base: BASE, path: `/v1beta/models/${modelId}:generateContent` };
      const sent = support.captureRequest<Body>(endpoint, fixture('gemini-success.json'));

      await model(modelId).generate(chatRequest());

      expect(sent.body.generationConfig?.['thinkingConfig'], modelId).toEqual(thinkingConfig);
      expect(sent.body.generationConfig?.['maxOutputTokens'], modelId).toBe(maxOutputTokens);
    }
  });

  it('honours a retry-after header, which the SDK’s ApiError does not carry', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 503, 'gemini-503.json', {
      'retry-after': '7',
    });

    expect(error.kind).toBe('overloaded');
    expect(error.retryAfterMs).toBe(7_000);
  });

  it('joins the first candidate’s text parts, leaving out thoughts and other candidates', async () => {
    const answer = {
      ...fixture('gemini-success.json'),
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Comparing it with the last three note apps…', thought: true },
              { text: '{"score":88,"verdict":"ship",' },
              { text: '"quote":"This is where things are heading."}' },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
        { content: { role: 'model', parts: [{ text: '{"score":1}' }] }, finishReason: 'STOP', index: 1 },
      ],
    };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":88,"verdict":"ship","quote":"This is where things are heading."}');
  });

  it('treats an answer with no candidates and no block reason as a retryable failure', async () => {
    const answer = { usageMetadata: { promptTokenCount: 12, totalTokenCount: 12 }, modelVersion: 'gemini-2.5-flash' };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('overloaded');
    expect(error.retryable).toBe(true);
    expect(error.usage?.inputTokens).toBe(12);
  });

  it('sends an earlier answer back as a model turn', async () => {
    type Body = { contents?: Array<{ role: string }> };
    const sent = support.captureRequest<Body>(ENDPOINT, fixture('gemini-success.json'));
    const first = chatRequest().messages;

    await model().generate(
      chatRequest({
        messages: [
          ...first,
          { role: 'assistant', parts: [{ text: '{"score":101}' }] },
          { role: 'user', parts: [{ text: 'score must be at most 100; answer again' }] },
        ],
      }),
    );

    expect(sent.body.contents?.map((content) => content.role)).toEqual(['user', 'model', 'user']);
  });

  it('returns an answer that is not valid JSON as text, with the length stop', async () => {
    nock(BASE).post(PATH).reply(200, fixture('gemini-invalid-json.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":88,"verdict":"sh');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
  });

  it('turns a blocked prompt and a SAFETY stop into refusal errors', async () => {
    nock(BASE).post(PATH).reply(200, fixture('gemini-blocked-prompt.json'), JSON_HEADERS);
    const blocked = await providerError(model().generate(chatRequest()));
    expect(blocked.kind).toBe('refusal');
    expect(blocked.message).toBe('google gemini-2.5-flash: the prompt was blocked (PROHIBITED_CONTENT)');

    nock(BASE).post(PATH).reply(200, fixture('gemini-safety.json'), JSON_HEADERS);
    const safety = await providerError(model().generate(chatRequest()));
    expect(safety.kind).toBe('refusal');
    expect(safety.retryable).toBe(false);
  });

  it('maps 429 to a rate-limit error with RetryInfo’s delay, after exactly one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 429, 'gemini-429.json');

    expect(error.kind).toBe('rate-limit');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(37_000);
    expect(error.status).toBe(429);
  });

  it('maps 400 API_KEY_INVALID to an auth error that names GEMINI_API_KEY', async () => {
    const answer = 'gemini-400-api-key-invalid.json';
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 400, answer);

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    support.expectKeySafe(error, KEY_VARIABLE);
  });

  support.itRefusesToCallWithoutAKey(
    ENDPOINT,
    'gemini-success.json',
    () => model('gemini-2.5-flash', null),
    KEY_VARIABLE,
  );

  it('maps 503 to a retryable overloaded error after one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 503, 'gemini-503.json');

    expect(error.kind).toBe('overloaded');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      'google gemini-2.5-flash: server error or overloaded (503): The model is overloaded. Please try again later.',
    );
  });

  it('maps 404 and other 400s to bad-request with a hint or the provider’s message', async () => {
    nock(BASE)
      .post('/v1beta/models/gemini-nope:generateContent')
      .reply(404, fixture('gemini-404.json'), JSON_HEADERS);
    const notFound = await providerError(model('gemini-nope').generate(chatRequest()));
    expect(notFound.kind).toBe('bad-request');
    expect(notFound.hint).toBe('check the model name');

    nock(BASE).post(PATH).reply(400, fixture('gemini-400.json'), JSON_HEADERS);
    const badRequest = await providerError(model().generate(chatRequest()));
    expect(badRequest.kind).toBe('bad-request');
    expect(badRequest.message).toContain('Unknown name "responseJsonSchema"');
  });

  support.itGivesUpOnASlowAnswer(ENDPOINT, 'gemini-success.json', () => model());

  support.itReportsACallerAbort(
    ENDPOINT,
    'gemini-success.json',
    () => model(),
    'google gemini-2.5-flash: request aborted',
  );

  it('maps a refused connection to a network error', async () => {
    // What Node's fetch throws when the connection is refused.
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }),
    });
    nock(BASE).post(PATH).replyWithError(refused);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('network');
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      `google gemini-2.5-flash: cannot reach ${BASE} (connection refused, ECONNREFUSED); check UNUSED_BASE_URL`,
    );
  });
});
