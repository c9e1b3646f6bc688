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
});
