import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../src/providers/anthropic/index.js';
import * as support from './support.js';
import { JSON_HEADERS, TEST_KEY, chatRequest, fixture, providerError } from './support.js';

const BASE = 'https://api.anthropic.com';
const PATH = '/v1/messages';
const ENDPOINT = { base: BASE, path: PATH };
const KEY_VARIABLE = 'ANTHROPIC_API_KEY';

const model = (modelId = 'claude-sonnet-4-6', apiKey: string | null = TEST_KEY) =>
  createAnthropicModel({ modelId, settings: support.keyedSettings(KEY_VARIABLE, BASE, apiKey) });

describe('anthropic adapter', () => {
  support.useNock();

  it('returns the text, sums cache reads and writes into input tokens, maps the stop reason', async () => {
    nock(BASE).post(PATH).reply(200, fixture('anthropic-success.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":35,"verdict":"skip","quote":"Nice demo, thin moat."}');
    expect(result.usage).toEqual({
      inputTokens: 21 + 100 + 2048,
      outputTokens: 27,
      cachedInputTokens: 2048,
      cacheWriteInputTokens: 100,
      reasoningTokens: 0,
    });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.responseId).toBe('msg_01FixtureSuccess');
  });

  it('sends output_config json_schema, and cache_control on the breakpoint parts, not on the system block', async () => {
    const sent = support.captureRequest(ENDPOINT, fixture('anthropic-success.json'));
    // Sonnet 4.6 caches prefixes of 1,024 tokens or more (data/cache-minimums.json).
    const everyTool = `${'Roster and scoring rule. '.repeat(180)}`;
    const request = chatRequest({
      messages: [
        {
          role: 'user',
          parts: [
            { text: everyTool, cacheBreakpoint: true },
            { text: '<page>Acme Notes: a note-taking app.</page>', cacheBreakpoint: true },
            { text: 'Persona: the Skeptic. Judge it.' },
          ],
        },
      ],
    });

    const result = await model().generate(request);
    const { body, headers } = sent;

    // SDK 1.x sends the key as a bearer token, not x-api-key.
    expect(headers['authorization']).toBe(`Bearer ${TEST_KEY}`);
    expect(headers['x-stainless-retry-count']).toBe('0');
    const { $schema, ...schemaWithoutDialect } = request.output.jsonSchema;
    expect($schema).toBeDefined();
    expect(body).toMatchObject({
      model: 'claude-sonnet-4-6',
      max_tokens: 800,
      system: [{ type: 'text', text: request.system }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: everyTool, cache_control: { type: 'ephemeral' } },
            { type: 'text', text: '<page>Acme Notes: a note-taking app.</page>', cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'Persona: the Skeptic. Judge it.' },
          ],
        },
      ],
      output_config: {
        format: {
          type: 'json_schema',
          schema: { type: 'object', additionalProperties: false, required: schemaWithoutDialect['required'] },
        },
      },
    });
    const system = (body['system'] as Array<Record<string, unknown>>)[0];
    expect(system).not.toHaveProperty('cache_control');
    const format = (body['output_config'] as { format: { schema: Record<string, unknown> } }).format;
    expect(format.schema).not.toHaveProperty('$schema');
    // The 2026-10-21 API has no sampling parameters; the adapter says so instead.
    expect(body).not.toHaveProperty('temperature');
    expect(result.warnings).toEqual([expect.stringContaining('temperature 0.3 not sent')]);
  });

  it("places no breakpoint whose prefix is below the model's minimum", async () => {
    type Body = { system: Array<Record<string, unknown>>; messages: Array<{ content: Array<Record<string, unknown>> }> };
    const marks = (body: Body) => body.messages[0]?.content.map((block) => 'cache_control' in block);
    // ~3,000 tokens, then ~5,000: Sonnet 4.6 (1,024) caches both, Haiku 4.5 (4,096) only the second.
    const parts = [
      { text: 'x'.repeat(12_000), cacheBreakpoint: true },
      { text: 'y'.repeat(8_000), cacheBreakpoint: true },
      { text: 'Persona: the Skeptic.' },
    ];
    const sonnet = support.captureRequest<Body>(ENDPOINT, fixture('anthropic-success.json'));
    await model('claude-sonnet-4-6').generate(chatRequest({ temperature: undefined, messages: [{ role: 'user', parts }] }));
    expect(marks(sonnet.body)).toEqual([true, true, false]);

    const haiku = support.captureRequest<Body>(ENDPOINT, fixture('anthropic-success.json'));
    await model('claude-haiku-4-5').generate(chatRequest({ temperature: undefined, messages: [{ role: 'user', parts }] }));
    expect(marks(haiku.body)).toEqual([false, true, false]);

    // The short default request: nothing clears 1,024 tokens, so nothing is marked.
    const short = support.captureRequest<Body>(ENDPOINT, fixture('anthropic-success.json'));
    await model().generate(chatRequest({ temperature: undefined }));
    expect(marks(short.body)).toEqual([false, false]);
    expect(short.body.system[0]).not.toHaveProperty('cache_control');
  });

  it('marks the system block when no part is marked and the instructions clear the minimum', async () => {
    type Body = { system: Array<Record<string, unknown>> };
    const sent = support.captureRequest<Body>(ENDPOINT, fixture('anthropic-success.json'));
    const system = 'Write the tool profile. '.repeat(200);
    await model().generate(
      chatRequest({ system, temperature: undefined, messages: [{ role: 'user', parts: [{ text: 'the page' }] }] }),
    );
    expect(sent.body.system).toEqual([{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }]);
  });

  it('keeps at most four cache breakpoints, the latest ones', async () => {
    type Body = { messages?: Array<{ content: Array<Record<string, unknown>> }> };
    const sent = support.captureRequest<Body>(ENDPOINT, fixture('anthropic-success.json'));
    const parts = ['a', 'b', 'c', 'd', 'e'].map((letter) => ({ text: letter.repeat(4_200), cacheBreakpoint: true }));

    const result = await model().generate(
      chatRequest({ temperature: undefined, messages: [{ role: 'user', parts }] }),
    );

    const marked = sent.body.messages?.[0]?.content.map((block) => 'cache_control' in block);
    expect(marked).toEqual([false, true, true, true, true]);
    expect(result.warnings).toEqual([expect.stringContaining('1 cache breakpoint(s) dropped')]);
  });

  it('serialises a tool_use block’s input when no text block came back', async () => {
    nock(BASE).post(PATH).reply(200, fixture('anthropic-tool-use.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(JSON.parse(result.text)).toEqual({ score: 80, verdict: 'ship', quote: 'Does one thing well.' });
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('takes the last text block that is JSON, even with prose after it, and ignores other tools', async () => {
    const answer = {
      ...fixture('anthropic-success.json'),
      content: [
        { type: 'text', text: 'Let me look at the page first.' },
        { type: 'tool_use', id: 'toolu_1', name: 'web_lookup', input: { url: 'https://example.com' } },
        { type: 'text', text: '{"score":35,"verdict":"skip","quote":"Nice demo, thin moat."}' },
        { type: 'text', text: 'Hope this helps.' },
      ],
    };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":35,"verdict":"skip","quote":"Nice demo, thin moat."}');
  });

  it('returns an empty answer with the length stop when thinking spent max_tokens', async () => {
    const answer = {
      ...fixture('anthropic-success.json'),
      content: [{ type: 'thinking', thinking: 'Weighing the pricing page…', signature: 'sig' }],
      stop_reason: 'max_tokens',
      usage: { input_tokens: 2169, output_tokens: 800, output_tokens_details: { thinking_tokens: 800 } },
    };
    nock(BASE).post(PATH).reply(200, answer, JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(result.usage).toMatchObject({ outputTokens: 800, reasoningTokens: 800 });
  });

  it('returns an answer that is not valid JSON as text, with the length stop', async () => {
    nock(BASE).post(PATH).reply(200, fixture('anthropic-invalid-json.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest());

    expect(result.text).toBe('{"score":35,"verdict":"sk');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'max_tokens' });
    expect(result.usage.cachedInputTokens).toBe(0);
  });

  it('turns stop_reason refusal into a refusal error', async () => {
    nock(BASE).post(PATH).reply(200, fixture('anthropic-refusal.json'), JSON_HEADERS);

    const error = await providerError(model().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.message).toBe('anthropic claude-sonnet-4-6: the model refused (cyber)');
    expect(error.usage).toMatchObject({ inputTokens: 2169, outputTokens: 3 });
  });

  it('maps 429 to a retryable rate-limit error with retry-after, after exactly one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 429, 'anthropic-429.json', {
      'retry-after': '12',
    });

    expect(error.kind).toBe('rate-limit');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(12_000);
    expect(error.status).toBe(429);
  });

  it('maps 529 to a retryable overloaded error after one attempt', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 529, 'anthropic-529.json', {
      'retry-after-ms': '250',
    });

    expect(error.kind).toBe('overloaded');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(250);
    expect(error.message).toBe('anthropic claude-sonnet-4-6: overloaded (529): Overloaded');
  });

  it('maps 401 to an auth error that names ANTHROPIC_API_KEY and never shows the key', async () => {
    const error = await support.errorAfterOneAttempt(ENDPOINT, model(), 401, 'anthropic-401.json');

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    support.expectKeySafe(error, KEY_VARIABLE);
  });

  support.itRefusesToCallWithoutAKey(
    ENDPOINT,
    'anthropic-success.json',
    () => model('claude-sonnet-4-6', null),
    KEY_VARIABLE,
  );

  it('maps 404 and 400 to bad-request with a hint or the provider’s message', async () => {
    nock(BASE).post(PATH).reply(404, fixture('anthropic-404.json'), JSON_HEADERS);
    const notFound = await providerError(model('claude-nope').generate(chatRequest()));
    expect(notFound.kind).toBe('bad-request');
    expect(notFound.hint).toBe('check the model name');

    nock(BASE).post(PATH).reply(400, fixture('anthropic-400.json'), JSON_HEADERS);
    const badRequest = await providerError(model().generate(chatRequest()));
    expect(badRequest.kind).toBe('bad-request');
    expect(badRequest.retryable).toBe(false);
    expect(badRequest.message).toContain("'additionalProperties' must be explicitly set to false");
  });

  support.itGivesUpOnASlowAnswer(ENDPOINT, 'anthropic-success.json', () => model());

  it('sends a large max_tokens without the SDK’s "streaming is required" refusal', async () => {
    nock(BASE).post(PATH).reply(200, fixture('anthropic-success.json'), JSON_HEADERS);

    const result = await model().generate(chatRequest({ maxOutputTokens: 32_000 }));

    expect(result.text).toContain('"verdict":"skip"');
  });
});
