import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '../../src/errors.js';
import { askStructured, retryDelayMs, withRetries } from '../../src/providers/index.js';
import type { ChatModel, ChatRequest, ChatResult, TokenUsage } from '../../src/providers/index.js';
import { PersonaAnswer } from '../../src/schemas.js';
import { scoreVerdictIssues } from '../../src/aggregate/index.js';
import { fakeModel, personaAnswer } from '../helpers/fake-model.js';

const base = {
  system: 'instructions',
  messages: [{ role: 'user' as const, parts: [{ text: 'shared', cacheBreakpoint: true }, { text: 'Persona: Builder' }] }],
  temperature: 0.7,
  maxOutputTokens: 500,
  timeoutMs: 1000,
};
const options = {
  schema: PersonaAnswer,
  name: 'persona_review',
  description: 'review',
  check: (value: z.infer<typeof PersonaAnswer>) => scoreVerdictIssues(value),
  retry: { maxRetries: 2, retryAfterCapMs: 1000 },
  hooks: { sleep: async () => {} },
};

describe('askStructured', () => {
  it('returns a valid answer and sends the zod schema as JSON Schema', async () => {
    const model = fakeModel('openai:m', [personaAnswer(80, 'ship')]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, value: { score: 80, verdict: 'ship' }, calls: 1 });
    expect(model.requests[0]?.output).toMatchObject({
      name: 'persona_review',
      jsonSchema: { type: 'object', required: ['score', 'verdict', 'quote'], additionalProperties: false },
    });
  });

  it('re-asks with the validation issues after invalid JSON, and sums usage over both calls', async () => {
    const model = fakeModel('openai:m', ['{"score": 8', personaAnswer(45, 'skip')]);
    const result = await askStructured(model, base, options);
    expect(result.ok).toBe(true);
    expect(result.calls).toBe(2);
    expect(result.usage).toEqual({ inputTokens: 2000, outputTokens: 100, cachedInputTokens: 1600, cacheWriteInputTokens: 0, reasoningTokens: 0 });
    const reask = model.requests[1];
    // The re-ask keeps the shared prefix, then shows the bad answer and the issues.
    expect(reask?.messages[0]).toEqual(base.messages[0]);
    expect(reask?.messages[1]).toEqual({ role: 'assistant', parts: [{ text: '{"score": 8' }] });
    expect(reask?.messages[2]?.parts[0]?.text).toMatch(/not valid JSON/);
  });

  it('re-asks when score and verdict disagree', async () => {
    const model = fakeModel('openai:m', [personaAnswer(20, 'ship'), personaAnswer(20, 'skip')]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, value: { score: 20, verdict: 'skip' }, calls: 2 });
    expect(model.requests[1]?.messages[2]?.parts[0]?.text).toMatch(/disagrees with score 20/);
  });

  it('gives up after the bounded re-asks and keeps what the model said', async () => {
    const model = fakeModel('openai:m', [personaAnswer(150, 'ship')]);
    const result = await askStructured(model, base, { ...options, maxReasks: 2 });
    expect(result.ok).toBe(false);
    expect(result.calls).toBe(3);
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid-answer');
      expect(result.error.message).toMatch(/no valid answer after 3 tries/);
    }
  });

  it('retries a retryable provider error and reports a permanent one without retrying', async () => {
    const rateLimited = new ProviderError('429', { kind: 'rate-limit', retryAfterMs: 10 });
    const flaky = fakeModel('openai:m', [rateLimited, personaAnswer(70, 'ship')]);
    expect(await askStructured(flaky, base, options)).toMatchObject({ ok: true, calls: 2 });

    const auth = new ProviderError('401', { kind: 'auth', hint: 'set OPENAI_API_KEY' });
    const denied = fakeModel('openai:m', [auth]);
    const result = await askStructured(denied, base, options);
    expect(result).toMatchObject({ ok: false, calls: 1 });
    if (!result.ok) expect(result.error.hint).toBe('set OPENAI_API_KEY');
  });
});

const tokens = (input: number, output: number, reasoning = 0): TokenUsage => ({
  inputTokens: input,
  outputTokens: output,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
  reasoningTokens: reasoning,
});

type Scripted = { text: string; stop?: 'stop' | 'length'; usage?: TokenUsage; cost?: number } | Error;

/** Answers as any adapter does: a length stop is a result, a refusal is a thrown error. */
function scriptedModel(spec: string, script: Scripted[]): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    provider: spec.split(':')[0] as ChatModel['provider'],
    modelId: spec.split(':')[1] ?? '',
    spec,
    requests,
    async generate(request: ChatRequest): Promise<ChatResult> {
      requests.push(request);
      const next = script[Math.min(requests.length, script.length) - 1];
      if (next === undefined) throw new Error('nothing scripted');
      if (next instanceof Error) throw next;
      const stop = next.stop ?? 'stop';
      return {
        text: next.text,
        usage: next.usage ?? tokens(100, 10),
        finishReason: { unified: stop, raw: stop === 'length' ? 'max_tokens' : 'end_turn' },
        warnings: [],
        responseId: undefined,
        ...(next.cost !== undefined ? { providerCostUsd: next.cost } : {}),
      };
    },
  };
}

describe('askStructured on length stops, for every provider', () => {
  const cut = { text: '{"score": 80, "verdict": "sh', stop: 'length' as const };

  it('re-asks a length stop once with twice the output limit, the same messages, and sums usage', async () => {
    const model = scriptedModel('anthropic:m', [cut, { text: personaAnswer(80, 'ship') }]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, value: { score: 80 }, calls: 2 });
    expect(model.requests.map((request) => request.maxOutputTokens)).toEqual([500, 1000]);
    expect(model.requests[1]?.messages).toEqual(model.requests[0]?.messages);
    expect(result.usage).toEqual(tokens(200, 20));
  });

  it('fails a second length stop as kind length, saying which limit was hit', async () => {
    const model = scriptedModel('google:m', [cut]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: false, calls: 2, usage: tokens(200, 20) });
    if (result.ok) return;
    expect(result.error.kind).toBe('length');
    expect(result.error.retryable).toBe(false);
    expect(result.error.message).toBe(
      'google:m: the answer hit the output limit (1000 tokens) before it was complete (re-asked once with more room than 500)',
    );
  });

  it('raises the limit at most to the cap, and does not re-ask when it cannot grow', async () => {
    const capped = scriptedModel('openai:m', [cut]);
    await askStructured(capped, { ...base, maxOutputTokens: 10_000 }, options);
    expect(capped.requests.map((request) => request.maxOutputTokens)).toEqual([10_000, 16_384]);

    const atCap = scriptedModel('openai:m', [cut]);
    const result = await askStructured(atCap, { ...base, maxOutputTokens: 20_000 }, options);
    expect(result).toMatchObject({ ok: false, calls: 1, error: { kind: 'length' } });
    if (!result.ok) expect(result.error.message).toContain('output limit (20000 tokens)');
  });

  it('accepts a valid answer even when the provider says it stopped at the limit', async () => {
    const model = scriptedModel('openai:m', [{ text: personaAnswer(60, 'ship'), stop: 'length' }]);
    expect(await askStructured(model, base, options)).toMatchObject({ ok: true, calls: 1 });
  });
});

describe('askStructured counts what failed calls were billed', () => {
  it('adds a refusal’s tokens and provider cost to the failed result', async () => {
    const refusal = new ProviderError('anthropic:m: the model refused', {
      kind: 'refusal',
      usage: tokens(3000, 40, 12),
      providerCostUsd: 0.002,
    });
    const model = scriptedModel('anthropic:m', [{ text: '{"score": 8' }, refusal]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: false, calls: 2, error: { kind: 'refusal' } });
    expect(result.usage).toEqual(tokens(3100, 50, 12));
    // The first call reported no cost, so the sum cannot replace the price table.
    expect(result.providerCostUsd).toBeUndefined();
  });

  it('counts the tokens of a retried failure that was billed', async () => {
    const billedFlake = new ProviderError('overloaded', { kind: 'overloaded', usage: tokens(50, 0) });
    const model = scriptedModel('openai:m', [billedFlake, { text: personaAnswer(70, 'ship') }]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, calls: 2, usage: tokens(150, 10) });
  });

  it('sums the provider’s own cost when every billed call reported one', async () => {
    const model = scriptedModel('openrouter:m', [
      { text: '{"score": 8', cost: 0.001 },
      { text: personaAnswer(45, 'skip'), cost: 0.0015 },
    ]);
    const result = await askStructured(model, base, options);
    expect(result).toMatchObject({ ok: true, calls: 2, providerCostUsd: 0.0025 });
  });
});

describe('retry policy', () => {
  const policy = { maxRetries: 3, retryAfterCapMs: 2000 };

  it('honours retry-after up to the cap', () => {
    expect(retryDelayMs(new ProviderError('x', { kind: 'rate-limit', retryAfterMs: 1500 }), 0, policy)).toBe(1500);
    expect(retryDelayMs(new ProviderError('x', { kind: 'rate-limit', retryAfterMs: 3_600_000 }), 0, policy)).toBe(2000);
  });

  it('backs off exponentially with jitter when the server gives no wait', () => {
    const error = new ProviderError('x', { kind: 'overloaded' });
    expect(retryDelayMs(error, 0, policy, () => 0)).toBe(500);
    expect(retryDelayMs(error, 2, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(error, 10, policy, () => 0)).toBe(8000);
    expect(retryDelayMs(error, 0, policy, () => 1)).toBe(375);
  });

  it('stops after maxRetries and waits as told between attempts', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const failing = withRetries(
      async () => {
        attempts++;
        throw new ProviderError('503', { kind: 'overloaded', retryAfterMs: 30 });
      },
      policy,
      { sleep: async (ms) => void waits.push(ms) },
    );
    await expect(failing).rejects.toThrow('503');
    expect(attempts).toBe(4);
    expect(waits).toEqual([30, 30, 30]);
  });
});
