/**
 * The batch-api collector and deferred models against an in-test ProviderBatchApi: identical
 * requests share one item, a batch's outcomes are stored before anyone uses them (so a new
 * process finds them and submits nothing), a batch left in flight is polled again by the next
 * process, a submit a killed process never recorded is not resubmitted, not-run items and
 * re-asks go online, an item's own error is the call's failure, and cost is the batch rate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatchApiRun } from '../../src/batch/batch-api-mode.js';
import type { BatchEvent } from '../../src/batch/index.js';
import { customIdOf } from '../../src/batch/deferred-model.js';
import { ProviderError } from '../../src/errors.js';
import { askStructured, type ChatModel, type ChatRequest, type PriceTable } from '../../src/providers/index.js';
import { createBatchQueries, createProviderBatchQueries, openStore, type Store } from '../../src/store/index.js';
import { batchModel, fakeBatchApi, type FakeBatchApi } from './fake-batch-api.js';

const SPEC = 'openai:gpt-test';
// Per million tokens: 1000 in + 100 out = $0.0014 online, $0.0007 at the batch rate.
const PRICES: PriceTable = { [SPEC]: { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 4 } };
const DISCOUNTS = { openai: { discount: 0.5, cacheReads: 'discounted' as const, cacheWrites: 'discounted' as const, source: 'test' } };
const ONLINE_USD = 0.0014;
const BATCH_USD = 0.0007;

const Answer = z.object({ score: z.number().int().min(0).max(100) });
const valid = JSON.stringify({ score: 70 });

function request(text: string, signal?: AbortSignal): ChatRequest {
  return {
    system: 'You score tools.',
    messages: [{ role: 'user', parts: [{ text }] }],
    output: { name: 'answer', description: 'a score', jsonSchema: {} },
    temperature: undefined,
    maxOutputTokens: 200,
    timeoutMs: 1000,
    ...(signal ? { signal } : {}),
  };
}

const stores: Store[] = [];
const runs: BatchApiRun[] = [];
afterEach(() => {
  runs.splice(0).forEach((run) => void run.close());
  stores.splice(0).forEach((store) => store.close());
});

function setup(file = ':memory:') {
  const store = openStore(file);
  stores.push(store);
  const runs = createBatchQueries(store.db);
  const runId = runs.findOpenRun('key')?.id ?? runs.createRun({ runKey: 'key', source: 'tools.txt', sourceKind: 'text', options: {}, at: new Date().toISOString() });
  return { store, runId, queries: createProviderBatchQueries(store.db) };
}

/** One process's view: a BatchApiRun over the store, and the deferred model of `raw`. */
function attach(store: Store, runId: number, raw: ChatModel) {
  const events: BatchEvent[] = [];
  const run = new BatchApiRun({ runId, queries: createProviderBatchQueries(store.db), prices: PRICES, discounts: DISCOUNTS, emit: (event) => events.push(event), settings: { pollMs: 2, flushMs: 5 } });
  runs.push(run);
  return { run, events, model: run.wrap(raw, raw) };
}

const ask = (model: ChatModel, text: string) =>
  askStructured(model, { ...request(text), output: undefined } as unknown as Omit<ChatRequest, 'output'>, {
    schema: Answer,
    name: 'answer',
    description: 'a score',
    retry: { maxRetries: 1, retryAfterCapMs: 10, baseBackoffMs: 1, maxBackoffMs: 1 },
  });

describe('the provider-batch collector', () => {
  it('submits identical requests once, answers both callers, and prices at the batch rate', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: valid }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model, run } = attach(store, runId, raw);
    const calls = [model.generate(request('tool A')), model.generate(request('tool A')), model.generate(request('tool B'))];
    await api.waitForBatches(1);
    expect(api.submitted).toHaveLength(2);
    expect(new Set(api.submitted).size).toBe(2);
    api.release();
    const results = await Promise.all(calls);
    expect(results.map((result) => result.text)).toEqual([valid, valid, valid]);
    expect(results.map((result) => result.providerCostUsd)).toEqual([BATCH_USD, BATCH_USD, BATCH_USD]);
    expect(raw.onlineRequests).toHaveLength(0);
    // Stored once per request: two requests, two batch prices.
    expect(run.share(3 * BATCH_USD)).toMatchObject({ batches: 1, batchRequests: 2, batchUsd: 2 * BATCH_USD });
  });

  it('stores outcomes before use: a new process gets them from the store and submits nothing', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: valid }));
    const first = attach(store, runId, batchModel(SPEC, api, () => valid));
    const answered = first.model.generate(request('tool A'));
    await api.waitForBatches(1);
    api.release();
    await answered;
    await first.run.close();

    const again = batchModel(SPEC, api, () => valid);
    const second = attach(store, runId, again);
    const result = await second.model.generate(request('tool A'));
    expect(result.text).toBe(valid);
    expect(result.providerCostUsd).toBe(BATCH_USD);
    expect(api.submitted).toHaveLength(1);
    expect(again.onlineRequests).toHaveLength(0);
  });

  it('a batch left in flight by a killed process is polled again, never resubmitted', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: valid }));
    const first = attach(store, runId, batchModel(SPEC, api, () => valid));
    const abandoned = new AbortController();
    const lost = first.model.generate(request('tool A', abandoned.signal)).catch(() => 'aborted');
    await api.waitForBatches(1);
    // The "kill": the process stops polling and its caller is gone.
    await first.run.close();
    abandoned.abort();
    expect(await lost).toBe('aborted');

    const second = attach(store, runId, batchModel(SPEC, api, () => valid));
    const waiting = second.model.generate(request('tool A'));
    expect(second.events.map((event) => event.event)).toContain('provider-batch-resumed');
    api.release();
    expect((await waiting).text).toBe(valid);
    expect(api.submitted).toHaveLength(1);
    expect(second.events.find((event) => event.event === 'provider-batch-done')).toMatchObject({ succeeded: 1, failed: 0, notRun: 0 });
  });

  it("a submit a killed process never recorded is not resubmitted: its calls go online", async () => {
    const { store, runId, queries } = setup();
    const raw = batchModel(SPEC, fakeBatchApi(() => ({ text: valid })), () => valid);
    // What a kill between the provider's answer to submit and our write leaves behind.
    queries.beginBatch(runId, SPEC, [customIdOf(runId, SPEC, request('tool A'))], new Date().toISOString());
    const { model, events } = attach(store, runId, raw);
    const result = await model.generate(request('tool A'));
    expect(result.responseId).toBe('online-answer');
    expect(result.providerCostUsd).toBe(ONLINE_USD);
    expect((raw.batch as FakeBatchApi).submitted).toHaveLength(0);
    expect(events.find((event) => event.event === 'provider-batch-failed')).toMatchObject({ batchId: null, requests: 1 });
  });

  it('items the batch did not run (expired) are answered online', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi((item) => (JSON.stringify(item.messages).includes('tool B') ? { notRun: true } : { text: valid }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model, events } = attach(store, runId, raw);
    const calls = [model.generate(request('tool A')), model.generate(request('tool B'))];
    await api.waitForBatches(1);
    api.release();
    const [a, b] = await Promise.all(calls);
    expect(a?.responseId).toBe('batch-answer');
    expect(b?.responseId).toBe('online-answer');
    expect(b?.providerCostUsd).toBe(ONLINE_USD);
    expect(raw.onlineRequests).toHaveLength(1);
    expect(events.find((event) => event.event === 'provider-batch-done')).toMatchObject({ succeeded: 1, notRun: 1 });
  });

  it('a whole batch that expired goes online', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: valid }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model } = attach(store, runId, raw);
    const call = model.generate(request('tool A'));
    await api.waitForBatches(1);
    api.release(undefined, 'expired');
    expect((await call).responseId).toBe('online-answer');
  });

  it('an invalid batch answer is re-asked online, and the call is priced per attempt', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: '{"score": "high"}' }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model, run } = attach(store, runId, raw);
    const asked = ask(model, 'tool A');
    await api.waitForBatches(1);
    api.release();
    const result = await asked;
    expect(result.ok).toBe(true);
    expect(raw.onlineRequests).toHaveLength(1);
    expect(raw.onlineRequests[0]?.messages.some((message) => message.role === 'assistant')).toBe(true);
    expect(result.providerCostUsd).toBeCloseTo(BATCH_USD + ONLINE_USD, 10);
    expect(run.counts).toEqual({ batch: 1, online: 1 });
    expect(api.submitted).toHaveLength(1);
  });

  it("an item's own error is that call's failure (not retried when it is not retryable)", async () => {
    const { store, runId } = setup();
    const refusal = new ProviderError('openai gpt-test: the model refused', { kind: 'refusal', usage: { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 } });
    const api = fakeBatchApi(() => ({ error: refusal }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model } = attach(store, runId, raw);
    const asked = ask(model, 'tool A');
    await api.waitForBatches(1);
    api.release();
    const result = await asked;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('refusal');
    expect(result.error.message).toContain('refused');
    expect(result.providerCostUsd).toBe(BATCH_USD);
    expect(raw.onlineRequests).toHaveLength(0);
  });

  it('a retryable item error is retried online', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ error: new ProviderError('overloaded', { kind: 'overloaded', status: 529 }) }));
    const raw = batchModel(SPEC, api, () => valid);
    const { model } = attach(store, runId, raw);
    const asked = ask(model, 'tool A');
    await api.waitForBatches(1);
    api.release();
    expect((await asked).ok).toBe(true);
    expect(raw.onlineRequests).toHaveLength(1);
  });

  it('splits a queue at maxRequests, and a model without a batch interface runs online', async () => {
    const { store, runId } = setup();
    const api = fakeBatchApi(() => ({ text: valid }), { maxRequests: 2 });
    const { model } = attach(store, runId, batchModel(SPEC, api, () => valid));
    const calls = ['A', 'B', 'C', 'D', 'E'].map((name) => model.generate(request(`tool ${name}`)));
    await api.waitForBatches(3);
    expect([...api.batches.values()].map((batch) => batch.items.length)).toEqual([2, 2, 1]);
    api.release();
    await Promise.all(calls);

    const plain = batchModel('ollama:llama', undefined, () => valid);
    const online = attach(store, runId, plain);
    expect((await online.model.generate(request('tool A'))).responseId).toBe('online-answer');
  });
});
