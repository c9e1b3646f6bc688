/**
 * OpenAI Batch through the real `openai` SDK against the simulator: submit uploads the online
 * Chat Completions bodies as JSONL, the batch stays in progress while held, and the output and
 * error files map through the online response mapper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/errors.js';
import { lazyAdapter } from '../../src/providers/lazy-adapter.js';
import { buildChatCompletionRequest } from '../../src/providers/openai/request.js';
import { PersonaAnswer } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { chatRequest, keyedSettings, TEST_KEY } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ apiKeys: [TEST_KEY] });
});
afterAll(() => simulator.close());

const model = (apiKey: string | null = TEST_KEY) =>
  lazyAdapter({
    provider: 'openai',
    modelId: 'gpt-5.4-mini',
    settings: keyedSettings('OPENAI_API_KEY', simulator.baseUrls.openai, apiKey),
    callTimeoutMs: 10_000,
  });

const items = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const { timeoutMs: _timeout, signal: _signal, ...request } = chatRequest({
      messages: [{ role: 'user', parts: [{ text: `Tool ${prefix}-${index}: a note app.` }] }],
    });
    return { customId: `${prefix}-${index}`, request };
  });

describe('OpenAI batch adapter', () => {
  it('submits, stays in progress while held, then maps every answer like the online path', async () => {
    const batch = model().batch;
    expect(batch?.maxRequests).toBe(50_000);
    const before = simulator.batches.stats().submissions;
    simulator.batches.hold();
    const id = await batch!.submit(items('ok', 3));
    expect(await batch!.status(id)).toMatchObject({ state: 'in-progress', raw: 'in_progress' });
    expect(simulator.batches.held()).toBe(1);
    await expect(batch!.results(id)).rejects.toThrow(/still in_progress/);

    simulator.batches.release();
    expect(await batch!.status(id)).toMatchObject({ state: 'ended', raw: 'completed', counts: { total: 3, succeeded: 3, failed: 0 } });
    const outcomes = await batch!.results(id);
    expect(outcomes.map((outcome) => outcome.customId).sort()).toEqual(['ok-0', 'ok-1', 'ok-2']);
    const answered = simulator.calls.filter((call) => call.path === `batch:${id}`);
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      expect(PersonaAnswer.parse(JSON.parse(outcome.result.text))).toBeTruthy();
      expect(outcome.result.finishReason).toEqual({ unified: 'stop', raw: 'stop' });
      expect(outcome.result.usage.inputTokens).toBeGreaterThan(0);
      expect(outcome.result.usage.outputTokens).toBeGreaterThan(0);
      expect(answered.map((call) => call.answerText)).toContain(outcome.result.text);
    }
    // The uploaded line's body is exactly the online body.
    const online = buildChatCompletionRequest('openai', 'gpt-5.4-mini', { ...items('ok', 1)[0]!.request, timeoutMs: 1 }).body;
    expect(answered.find((call) => (call.body as { messages: unknown }).messages !== undefined)?.body).toEqual(
      expect.objectContaining({ model: online.model, response_format: online.response_format }),
    );
    expect(answered.map((call) => call.body)).toContainEqual(online);
    const stats = simulator.batches.stats();
    expect(stats.submissions).toBe(before + 1);
    expect(stats.byCustomId.get('ok-1')).toBe(1);
  });

  it('maps a per-item error to a ProviderError and keeps the other answers', async () => {
    const batch = model().batch!;
    simulator.batches.failItems(['fail-1']);
    const id = await batch.submit(items('fail', 2));
    const outcomes = await batch.results(id);
    const failed = outcomes.find((outcome) => outcome.customId === 'fail-1');
    expect(failed).toMatchObject({ ok: false, notRun: false });
    if (failed?.ok !== false) throw new Error('expected a failure');
    expect(failed.error).toBeInstanceOf(ProviderError);
    expect(failed.error).toMatchObject({ kind: 'overloaded', retryable: true });
    expect(outcomes.find((outcome) => outcome.customId === 'fail-0')).toMatchObject({ ok: true });
  });

  it('returns the requests an expiry cut off as not run', async () => {
    const batch = model().batch!;
    simulator.batches.expireNext({ answered: 1 });
    const id = await batch.submit(items('exp', 3));
    expect(await batch.status(id)).toMatchObject({ state: 'expired', raw: 'expired' });
    const outcomes = await batch.results(id);
    expect(outcomes).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((entry) => !entry.ok)) {
      expect(outcome).toMatchObject({ ok: false, notRun: true });
    }
  });

  it('refuses duplicate or malformed custom ids before uploading anything', async () => {
    const batch = model().batch!;
    const before = simulator.stats().requests;
    const twice = [...items('dup', 1), ...items('dup', 1)];
    await expect(batch.submit(twice)).rejects.toThrow(/appears twice/);
    await expect(batch.submit([{ ...items('x', 1)[0]!, customId: 'has space' }])).rejects.toThrow(/custom id/);
    expect(simulator.stats().requests).toBe(before);
  });

  it('names the key variable without a key, and never shows a rejected key', async () => {
    await expect(model(null).batch!.submit(items('nokey', 1))).rejects.toThrow(/OPENAI_API_KEY is not set/);
    const error = await model('sk-wrong-key-0123456789').batch!.status('batch_x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect(String((error as Error).message)).not.toContain('sk-wrong-key-0123456789');
  });

  it('has no batch interface for OpenRouter or Ollama', () => {
    for (const provider of ['openrouter', 'ollama'] as const) {
      const settings = keyedSettings('X_KEY', simulator.baseUrls.openai);
      expect(lazyAdapter({ provider, modelId: 'm', settings, callTimeoutMs: 1000 }).batch).toBeUndefined();
    }
  });
});
