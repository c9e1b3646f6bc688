/**
 * The cases every adapter's batch interface must pass alike, through its real SDK against the
 * simulator: held in progress then released, answers mapped like online, a per-item error, an
 * expiry's requests not run, submissions counted per custom id, no key, a rejected key.
 */
import { expect, it } from 'vitest';
import type { ProviderName } from '../../src/config.js';
import { ProviderError } from '../../src/errors.js';
import type { BatchItemRequest } from '../../src/providers/batch-api.js';
import { loadBatchDiscounts, loadPriceTable, priceUsage } from '../../src/providers/index.js';
import { lazyAdapter } from '../../src/providers/lazy-adapter.js';
import { projectPaths } from '../../src/paths.js';
import type { ChatModel } from '../../src/providers/model.js';
import { PersonaAnswer } from '../../src/schemas.js';
import type { Simulator } from '../../src/simulator/index.js';
import { chatRequest, keyedSettings, TEST_KEY } from './support.js';

export interface BatchCase {
  provider: ProviderName;
  modelId: string;
  keyVariable: string;
  baseUrl: (simulator: Simulator) => string;
  maxRequests: number;
  /** The provider's raw state while in progress, and once ended. */
  raw: { inProgress: string; ended: string; expired: string };
  /** The provider lists the requests an expiry cut off (Gemini does not: `submitted` fills them in). */
  listsUnrun: boolean;
  /** The state an expired batch reports (Anthropic has none: `ended`). */
  expiredState: 'expired' | 'ended';
}

export function batchItems(prefix: string, count: number): BatchItemRequest[] {
  return Array.from({ length: count }, (_, index) => {
    const { timeoutMs: _timeout, signal: _signal, ...request } = chatRequest({
      messages: [{ role: 'user', parts: [{ text: `Tool ${prefix}-${index}: a note app.` }] }],
    });
    return { customId: `${prefix}-${index}`, request };
  });
}

export function batchModel(simulator: () => Simulator, spec: BatchCase, apiKey: string | null = TEST_KEY): ChatModel {
  return lazyAdapter({
    provider: spec.provider,
    modelId: spec.modelId,
    settings: keyedSettings(spec.keyVariable, spec.baseUrl(simulator()), apiKey),
    callTimeoutMs: 10_000,
  });
}

export function batchContractCases(simulator: () => Simulator, spec: BatchCase): void {
  const api = (apiKey?: string | null) => {
    const batch = batchModel(simulator, spec, apiKey).batch;
    if (batch === undefined) throw new Error(`${spec.provider} has no batch interface`);
    return batch;
  };

  it('submits, stays in progress while held, then maps every answer like the online path', async () => {
    const sim = simulator();
    const batch = api();
    expect(batch.maxRequests).toBe(spec.maxRequests);
    const before = sim.batches.stats().submissions;
    sim.batches.hold();
    const id = await batch.submit(batchItems(`${spec.provider}-ok`, 3));
    try {
      expect(await batch.status(id)).toMatchObject({ state: 'in-progress', raw: spec.raw.inProgress });
      expect(sim.batches.held()).toBe(1);
      await expect(batch.results(id)).rejects.toThrow(/still/);
    } finally {
      sim.batches.release();
    }
    expect(await batch.status(id)).toMatchObject({ state: 'ended', raw: spec.raw.ended });
    const outcomes = await batch.results(id);
    expect(outcomes.map((outcome) => outcome.customId).sort()).toEqual([0, 1, 2].map((n) => `${spec.provider}-ok-${n}`));
    const answers = sim.calls.filter((call) => call.path.startsWith('batch:')).map((call) => call.answerText);
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      expect(PersonaAnswer.safeParse(JSON.parse(outcome.result.text)).success).toBe(true);
      expect(outcome.result.finishReason.unified).toBe('stop');
      expect(outcome.result.usage.inputTokens).toBeGreaterThan(0);
      expect(outcome.result.usage.outputTokens).toBeGreaterThan(0);
      expect(answers).toContain(outcome.result.text);
    }
    // Marked as batch answers, and priced at half the online rate (these prompts are too short to be cached).
    const [first] = outcomes;
    if (!first?.ok) throw new Error('expected an answer');
    expect(first.result.batch).toBe(true);
    const prices = await loadPriceTable(projectPaths.prices);
    const discounts = await loadBatchDiscounts(projectPaths.prices);
    const spec_ = `${spec.provider}:${spec.modelId}`;
    const online = priceUsage(prices, spec_, first.result.usage).costUsd;
    const batchCost = priceUsage(prices, spec_, first.result.usage, undefined, { batch: discounts }).costUsd;
    expect(online).toBeGreaterThan(0);
    expect(batchCost).toBeCloseTo(online / 2, 8);
    const stats = sim.batches.stats();
    expect(stats.submissions).toBe(before + 1);
    expect(stats.byCustomId.get(`${spec.provider}-ok-1`)).toBe(1);
  });

  it('maps a per-item error to a ProviderError and keeps the other answers', async () => {
    const sim = simulator();
    sim.batches.failItems([`${spec.provider}-fail-1`]);
    const batch = api();
    const outcomes = await batch.results(await batch.submit(batchItems(`${spec.provider}-fail`, 2)));
    const failed = outcomes.find((outcome) => outcome.customId === `${spec.provider}-fail-1`);
    if (failed?.ok !== false) throw new Error('expected a failed item');
    expect(failed.notRun).toBe(false);
    expect(failed.error).toBeInstanceOf(ProviderError);
    expect(failed.error).toMatchObject({ kind: 'overloaded', retryable: true });
    expect(outcomes.find((outcome) => outcome.customId === `${spec.provider}-fail-0`)).toMatchObject({ ok: true });
  });

  it('returns the requests an expiry cut off as not run', async () => {
    const sim = simulator();
    sim.batches.expireNext({ answered: 1 });
    const batch = api();
    const id = await batch.submit(batchItems(`${spec.provider}-exp`, 3));
    expect(await batch.status(id)).toMatchObject({ state: spec.expiredState, raw: spec.raw.expired });
    const reported = await batch.results(id);
    expect(reported).toHaveLength(spec.listsUnrun ? 3 : 1);
    const ids = batchItems(`${spec.provider}-exp`, 3).map((item) => item.customId);
    const outcomes = await batch.results(id, undefined, ids);
    expect(outcomes.map((outcome) => outcome.customId).sort()).toEqual(ids);
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    for (const outcome of outcomes.filter((entry) => !entry.ok)) expect(outcome).toMatchObject({ ok: false, notRun: true });
  });

  it('refuses duplicate or malformed custom ids before sending anything', async () => {
    const sim = simulator();
    const before = sim.batches.stats().requests;
    const batch = api();
    const one = batchItems(`${spec.provider}-dup`, 1);
    await expect(batch.submit([...one, ...one])).rejects.toThrow(/appears twice/);
    await expect(batch.submit([{ ...one[0]!, customId: 'has space' }])).rejects.toThrow(/custom id/);
    expect(sim.batches.stats().requests).toBe(before);
  });

  it('names the key variable without a key, and never shows a rejected key', async () => {
    await expect(api(null).submit(batchItems('nokey', 1))).rejects.toThrow(new RegExp(`${spec.keyVariable} is not set`));
    const wrong = 'sk-wrong-key-0123456789';
    const error = await api(wrong).status('batches/unknown').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'auth' });
    expect((error as Error).message).not.toContain(wrong);
  });
}
