/**
 * Replays responses recorded from the real Anthropic and Gemini APIs (by other projects' test
 * suites; see fixtures/recorded/providers/SOURCES.md) through the real SDKs and our adapters,
 * with nock in place of the network. Only the answer text was changed, to fit our schema, so
 * every shape around it (extra blocks, thought parts, usage fields, missing content) is the
 * providers' own.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createAnthropicModel } from '../../src/providers/anthropic/index.js';
import { validateAnswer } from '../../src/providers/ask.js';
import { createGoogleModel } from '../../src/providers/google/index.js';
import type { ChatModel, TokenUsage } from '../../src/providers/model.js';
import { PersonaAnswer } from '../../src/schemas.js';
import { JSON_HEADERS, chatRequest, keyedSettings, providerError, useNock } from '../providers/support.js';

function recorded(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/recorded/providers/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

const ANTHROPIC = { base: 'https://api.anthropic.com', path: '/v1/messages' };
const GEMINI = {
  base: 'https://generativelanguage.googleapis.com',
  path: '/v1beta/models/gemini-2.5-flash:generateContent',
};

const claude = (): ChatModel =>
  createAnthropicModel({
    modelId: 'claude-sonnet-4-5',
    settings: keyedSettings('ANTHROPIC_API_KEY', ANTHROPIC.base),
  });
const gemini = (): ChatModel =>
  createGoogleModel({ modelId: 'gemini-2.5-flash', settings: keyedSettings('GEMINI_API_KEY', GEMINI.base) });

function replay(endpoint: { base: string; path: string }, name: string, status = 200, headers = {}): void {
  nock(endpoint.base)
    .post(endpoint.path)
    .reply(status, recorded(name), { ...JSON_HEADERS, ...headers });
}

const usage = (partial: Partial<TokenUsage>): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
  reasoningTokens: 0,
  ...partial,
});

/** The answer the whole pipeline would accept: valid JSON that passes our schema. */
function expectPersonaAnswer(text: string, expected: PersonaAnswer): void {
  const verdict = validateAnswer(text, PersonaAnswer);
  expect(verdict).toEqual({ ok: true, value: expected });
}

describe('recorded Anthropic responses', () => {
  useNock();

  it('native structured output: one text block holding the JSON', async () => {
    replay(ANTHROPIC, 'anthropic-native-output.json');

    const result = await claude().generate(chatRequest());

    expectPersonaAnswer(result.text, { score: 35, verdict: 'skip', quote: 'Nice demo, thin moat.' });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(result.usage).toEqual(usage({ inputTokens: 222, outputTokens: 10 }));
    expect(result.responseId).toBe('msg_01GehnYTFBiQDSeSpRvDa1Mp');
  });

  it('[text, server_tool_use, web_search_tool_result, text…]: the last JSON block, not the preamble', async () => {
    replay(ANTHROPIC, 'anthropic-web-search-preamble.json');

    const result = await claude().generate(chatRequest());

    expect(result.text).not.toContain('Let me search');
    expectPersonaAnswer(result.text, {
      score: 62,
      verdict: 'ship',
      quote: 'The search backs the claims; the rest is polish.',
    });
    expect(result.usage).toEqual(usage({ inputTokens: 16083, outputTokens: 165 }));
  });

  it('[thinking, text, tool_use]: the input of the tool named after our output', async () => {
    replay(ANTHROPIC, 'anthropic-thinking-text-tool-use.json');
    const request = chatRequest();

    // The recorded call forced a tool named `get_user_country`; here that is our output's name.
    const result = await claude().generate({ ...request, output: { ...request.output, name: 'get_user_country' } });

    expectPersonaAnswer(result.text, { score: 80, verdict: 'ship', quote: 'Does one thing well.' });
    expect(result.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('[text, thinking, text] (adaptive thinking): the last text block, thinking left out', async () => {
    replay(ANTHROPIC, 'anthropic-text-thinking-text.json');

    const result = await claude().generate(chatRequest());

    expectPersonaAnswer(result.text, {
      score: 71,
      verdict: 'ship',
      quote: 'Two plus two is four, and so is this tool: it adds up.',
    });
  });

  it('[redacted_thinking, text]: the text block only', async () => {
    replay(ANTHROPIC, 'anthropic-redacted-thinking.json');

    const result = await claude().generate(chatRequest());

    expectPersonaAnswer(result.text, { score: 40, verdict: 'skip', quote: 'Clever, but I would not bet a sprint on it.' });
  });

  it('thinking tokens from output_tokens_details are the reasoning share of the output', async () => {
    replay(ANTHROPIC, 'anthropic-thinking-tokens.json');

    const result = await claude().generate(chatRequest());

    expectPersonaAnswer(result.text, { score: 90, verdict: 'ship', quote: 'Every root checks out; so does the product.' });
    expect(result.usage).toEqual(usage({ inputTokens: 51, outputTokens: 1699, reasoningTokens: 139 }));
  });

  it('stop_reason refusal: a refusal error that keeps the billed tokens', async () => {
    replay(ANTHROPIC, 'anthropic-refusal.json');

    const error = await providerError(claude().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('anthropic claude-sonnet-4-5: the model refused (cyber)');
    expect(error.usage).toEqual(usage({ inputTokens: 18, outputTokens: 5 }));
  });

  it('a cache write and a cache read are summed into the input, each kept on its own', async () => {
    replay(ANTHROPIC, 'anthropic-cache-write.json');

    const result = await claude().generate(chatRequest());

    expect(result.usage).toEqual(
      usage({ inputTokens: 3 + 418 + 1111, outputTokens: 33, cachedInputTokens: 1111, cacheWriteInputTokens: 418 }),
    );
  });
});

describe('recorded Gemini responses', () => {
  useNock();

  it('structured output on a thinking model: thoughts billed as output and counted as reasoning', async () => {
    replay(GEMINI, 'gemini-native-output.json');

    const result = await gemini().generate(chatRequest());

    expectPersonaAnswer(result.text, { score: 88, verdict: 'ship', quote: 'This is where things are heading.' });
    expect(result.finishReason).toEqual({ unified: 'stop', raw: 'STOP' });
    expect(result.usage).toEqual(usage({ inputTokens: 13, outputTokens: 10 + 61, reasoningTokens: 61 }));
    expect(result.responseId).toBe('NMoLaoiyAvKIz7IPyp6DkQE');
  });

  it('a thought-summary part (thought: true) is kept out of the answer', async () => {
    replay(GEMINI, 'gemini-thought-parts.json');

    const result = await gemini().generate(chatRequest());

    expectPersonaAnswer(result.text, { score: 67, verdict: 'ship', quote: 'Careful, complete, and it looks both ways.' });
    expect(result.usage.reasoningTokens).toBe(1001);
  });

  it('MAX_TOKENS with a partial answer: returned with the length reason, not thrown', async () => {
    replay(GEMINI, 'gemini-max-tokens-partial.json');

    const result = await gemini().generate(chatRequest());

    expect(result.text).toBe('{"score":72,"verdict":"sh');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
    expect(result.usage).toEqual(usage({ inputTokens: 15, outputTokens: 5 }));
  });

  it('MAX_TOKENS with no parts (thinking ate the limit): empty text with the length reason', async () => {
    replay(GEMINI, 'gemini-max-tokens-no-parts.json');

    const result = await gemini().generate(chatRequest());

    expect(result.text).toBe('');
    expect(result.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
    expect(result.usage).toEqual(usage({ inputTokens: 15, outputTokens: 2, reasoningTokens: 2 }));
  });

  it('a SAFETY stop with no content: a refusal error that keeps the billed prompt', async () => {
    replay(GEMINI, 'gemini-safety.json');

    const error = await providerError(gemini().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.message).toBe('google gemini-2.5-flash: the answer was blocked (SAFETY)');
    expect(error.usage).toEqual(usage({ inputTokens: 14 }));
  });

  it('a blocked prompt (promptFeedback, no candidates): a refusal error saying why', async () => {
    replay(GEMINI, 'gemini-prompt-blocked.json');

    const error = await providerError(gemini().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.message).toBe(
      'google gemini-2.5-flash: the prompt was blocked (MODEL_ARMOR): The prompt violated Prompt Injection and Jailbreak filters.',
    );
    // This answer's usageMetadata holds no counts; the error still carries a usage.
    expect(error.usage).toEqual(usage({}));
  });

  it('a MODEL_ARMOR finish reason (not in the SDK enum) is a filter: refusal, thoughts billed', async () => {
    replay(GEMINI, 'gemini-model-armor-answer.json');

    const error = await providerError(gemini().generate(chatRequest()));

    expect(error.kind).toBe('refusal');
    expect(error.usage).toEqual(usage({ inputTokens: 19, outputTokens: 6 + 27, reasoningTokens: 27 }));
  });

  it('implicit cache hits: cachedContentTokenCount is the cached share of the prompt', async () => {
    replay(GEMINI, 'gemini-cached-tokens.json');

    const result = await gemini().generate(chatRequest());

    expectPersonaAnswer(result.text, {
      score: 58,
      verdict: 'ship',
      quote: 'Sensible defaults and a tidy tree of features.',
    });
    expect(result.usage).toEqual(usage({ inputTokens: 859, outputTokens: 28, cachedInputTokens: 594 }));
  });

  it('tool-use prompt tokens are input (totalTokenCount = prompt + tool use + candidates + thoughts)', async () => {
    replay(GEMINI, 'gemini-tool-use-prompt-tokens.json');

    const result = await gemini().generate(chatRequest());

    expect(result.usage).toEqual(usage({ inputTokens: 17 + 119, outputTokens: 201 + 213, reasoningTokens: 213 }));
    expect(result.usage.inputTokens + result.usage.outputTokens).toBe(550);
  });

  it('429 with RetryInfo only: the body’s delay', async () => {
    replay(GEMINI, 'gemini-429-retry-info.json', 429);

    const error = await providerError(gemini().generate(chatRequest()));

    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(34_400);
  });

  it('429 with a retry-after header as well: the longer of the two waits', async () => {
    // The header is ours: the recorded answer came without one.
    replay(GEMINI, 'gemini-429-retry-info.json', 429, { 'retry-after': '60' });
    const longerHeader = await providerError(gemini().generate(chatRequest()));
    expect(longerHeader.retryAfterMs).toBe(60_000);

    replay(GEMINI, 'gemini-429-retry-info.json', 429, { 'retry-after': '5' });
    const shorterHeader = await providerError(gemini().generate(chatRequest()));
    expect(shorterHeader.retryAfterMs).toBe(34_400);
  });
});
