import { describe, expect, it } from 'vitest';
import { costOf, findRate, loadPriceTable, priceUsage, sumUsage } from '../../src/providers/index.js';
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
