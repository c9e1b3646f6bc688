/** The summary's token line shows every kind of token a provider billed, and whose cost it is. */
import { describe, expect, it } from 'vitest';
import { formatReviewSummary } from '../../src/cli/print.js';
import { sampleReview } from '../store/sample-review.js';

describe('the summary token line', () => {
  it('shows cache writes, reasoning tokens and a provider-reported cost when there are any', () => {
    const review = sampleReview({
      usage: { inputTokens: 12_000, outputTokens: 900, cachedInputTokens: 8_000, cacheWriteInputTokens: 3_000, reasoningTokens: 400, costUsd: 0.0123, providerCostUsd: 0.004 },
    });
    const line = formatReviewSummary(review).split('\n').find((each) => each.includes(' in ('));
    expect(line).toContain('12,000 in (8,000 cached, 3,000 cache writes) · 900 out (400 reasoning) · cost $0.0123 ($0.00400 as the provider reported it)');
  });

  it('stays as it was for a call with none of them', () => {
    const review = sampleReview({ usage: { inputTokens: 1_000, outputTokens: 100, cachedInputTokens: 0, costUsd: 0.002 } });
    const line = formatReviewSummary(review).split('\n').find((each) => each.includes(' in ('));
    expect(line).toContain('1,000 in (0 cached) · 100 out · cost $0.00200');
  });
});
