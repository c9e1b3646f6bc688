import { describe, expect, it } from 'vitest';
import { batchRate, costOf, findRate, loadBatchDiscounts, loadPriceTable, priceUsage, sumUsage } from '../../src/providers/index.js';
import { projectPaths } from '../../src/paths.js';

describe('pricing', () => {
  it('prices uncached, cached, cache-write and output tokens at their own rates', () => {
    const rate = { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 };
    // 1,000,000 input of which 600,000 cached and 100,000 written; 200,000 out.
    expect(costOf(rate, { inputTokens: 1_000_000, cachedInputTokens: 600_000, cacheWriteInputTokens: 100_000, outputTokens: 200_000, reasoningTokens: 0 }))
      .toBeCloseTo(0.3 + 0.06 + 0.125 + 1, 8);
  });

  it('loads the data file and matches exact keys before prefixes', async () => {
    const table = await loadPriceTable(projectPaths.prices);
    expect(findRate(table, 'openai:gpt-5.4-mini')?.output).toBe(4.5);
    expect(findRate(table, 'ollama:llama3.1')?.input).toBe(0);
    expect(findRate(table, 'openai:some-future-model')).toBeUndefined();
  });

  it('never guesses an unknown price: the model is listed as unpriced', () => {
    const usage = priceUsage({}, 'acme:x', { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 });
    expect(usage).toMatchObject({ costUsd: 0, unpriced: ['acme:x'] });
    const total = sumUsage([usage, { inputTokens: 1, outputTokens: 1, cachedInputTokens: 0, costUsd: 0.5 }]);
    expect(total).toMatchObject({ inputTokens: 11, outputTokens: 6, costUsd: 0.5, unpriced: ['acme:x'] });
  });

  it('uses the provider’s own cost over the table, and says so', () => {
    const table = { 'openrouter:x/y': { input: 1, cachedInput: 1, cacheWrite: 1, output: 1 } };
    const tokens = { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 40 };
    expect(priceUsage(table, 'openrouter:x/y', tokens)).toMatchObject({ costUsd: 0.0011 });
    expect(priceUsage(table, 'openrouter:x/y', tokens, 0.00042)).toEqual({ ...tokens, costUsd: 0.00042, providerCostUsd: 0.00042 });
    // An unpriced model with a provider-reported cost is priced.
    expect(priceUsage({}, 'ollama:grok-3-mini', tokens, 0.0001)).not.toHaveProperty('unpriced');
  });

  it('sums reasoning tokens and the provider-reported part of the cost', () => {
    const tableCall = priceUsage({ 'openai:m': { input: 1, cachedInput: 1, cacheWrite: 1, output: 1 } }, 'openai:m', {
      inputTokens: 1000, outputTokens: 0, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0,
    });
    const providerCall = priceUsage({}, 'openrouter:x/y', {
      inputTokens: 10, outputTokens: 90, cachedInputTokens: 0, cacheWriteInputTokens: 5, reasoningTokens: 60,
    }, 0.002);
    expect(sumUsage([tableCall, providerCall])).toMatchObject({
      inputTokens: 1010, outputTokens: 90, cacheWriteInputTokens: 5, reasoningTokens: 60, costUsd: 0.003, providerCostUsd: 0.002,
    });
    expect(sumUsage([tableCall])).not.toHaveProperty('providerCostUsd');
  });
});

describe('batch pricing', () => {
  const tokens = { inputTokens: 1_000_000, cachedInputTokens: 400_000, cacheWriteInputTokens: 100_000, outputTokens: 200_000, reasoningTokens: 0 };
  const table = {
    'openai:m': { input: 1, cachedInput: 0.1, cacheWrite: 1, output: 5 },
    'anthropic:m': { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 },
    'google:m': { input: 1, cachedInput: 0.1, cacheWrite: 1, output: 5 },
  };

  it('halves every rate for OpenAI and Anthropic, and only input and output for Gemini (cache reads bill as online)', async () => {
    const discounts = await loadBatchDiscounts(projectPaths.prices);
    expect(Object.keys(discounts).sort()).toEqual(['anthropic', 'google', 'openai']);
    for (const provider of ['openai', 'anthropic'] as const) {
      const online = priceUsage(table, `${provider}:m`, tokens).costUsd;
      expect(priceUsage(table, `${provider}:m`, tokens, undefined, { batch: discounts }).costUsd).toBeCloseTo(online / 2, 8);
    }
    // Gemini: 500,000 uncached at 0.5, 400,000 cached at 0.1 (not discounted), 100,000 "written" at 0.5, 200,000 out at 2.5.
    const gemini = priceUsage(table, 'google:m', tokens, undefined, { batch: discounts }).costUsd;
    expect(gemini).toBeCloseTo(0.25 + 0.04 + 0.05 + 0.5, 8);
    expect(discounts.openai?.source).toMatch(/^https:\/\/platform\.openai\.com\//);
  });

  it('prices a provider without a batch entry, and a provider-reported cost, as online', async () => {
    const discounts = await loadBatchDiscounts(projectPaths.prices);
    const ollama = { 'ollama:x': { input: 2, cachedInput: 2, cacheWrite: 2, output: 2 } };
    expect(priceUsage(ollama, 'ollama:x', tokens, undefined, { batch: discounts }).costUsd).toBe(priceUsage(ollama, 'ollama:x', tokens).costUsd);
    expect(priceUsage(table, 'openai:m', tokens, 0.42, { batch: discounts })).toMatchObject({ costUsd: 0.42, providerCostUsd: 0.42 });
  });

  it('turns a rate into its batch rate by the cache rules', () => {
    const rate = { input: 1, cachedInput: 0.1, cacheWrite: 1.25, output: 5 };
    expect(batchRate(rate, { discount: 0.5, cacheReads: 'standard', cacheWrites: 'discounted', source: 'x' })).toEqual({
      input: 0.5,
      cachedInput: 0.1,
      cacheWrite: 0.625,
      output: 2.5,
    });
  });
});
