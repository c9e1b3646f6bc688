/** The actually-cached share's arithmetic and figures: what the drafts' usage says, per provider. */
import { describe, expect, it } from 'vitest';
import { cacheShareFigures, cacheShares } from '../../src/bench/cache-share.js';
import { commonParts, requestTokens } from '../../src/bench/prompt-efficiency.js';
import type { Review, Usage } from '../../src/schemas.js';

const usage = (inputTokens: number, cachedInputTokens: number, costUsd = 0.001, cacheWriteInputTokens = 0): Usage => ({
  inputTokens, outputTokens: 100, cachedInputTokens, cacheWriteInputTokens, costUsd,
});

const persona = (model: string, used: Usage) => ({
  persona: model, name: model, score: 60, verdict: 'ship' as const, quote: 'q', model, usage: used, latencyMs: 1, attempts: 1,
});

function review(personas: ReturnType<typeof persona>[], failures: Review['failures'] = [], profile?: Usage): Review {
  const all = [...personas.map((each) => each.usage), ...failures.flatMap((failure) => (failure.usage ? [failure.usage] : [])), ...(profile ? [profile] : [])];
  return {
    reviews: personas,
    failures,
    usage: usage(0, 0, all.reduce((total, each) => total + each.costUsd, 0)),
    ...(profile ? { profileUsage: profile } : {}),
  } as unknown as Review;
}

describe('cacheShares', () => {
  it('divides what was read from cache by all input, per provider, over persona calls and over every call', () => {
    const reviews = [
      review([persona('openai:m', usage(1000, 0)), persona('anthropic:h', usage(1000, 0, 0.001, 800))], [], usage(4000, 0)),
      review(
        [persona('openai:m', usage(1000, 900)), persona('anthropic:h', usage(1000, 800))],
        [{ persona: 'futurist', model: 'google:g', error: 'refused', usage: usage(1000, 0) }],
        usage(4000, 1000),
      ),
    ];
    const shares = cacheShares(reviews);
    expect(shares.byProvider['openai']).toEqual({ input: 2000, cached: 900, written: 0, share: 0.45 });
    expect(shares.byProvider['anthropic']).toEqual({ input: 2000, cached: 800, written: 800, share: 0.4 });
    // A failed call billed its tokens: they count.
    expect(shares.byProvider['google']?.share).toBe(0);
    expect(shares.personas).toMatchObject({ input: 5000, cached: 1700, share: 0.34 });
    expect(shares.allCalls).toMatchObject({ input: 13000, cached: 2700 });
    expect(shares.usdPerReview).toBeCloseTo((0.003 + 0.004) / 2, 6);
  });

  it('gives the persona share its target and the rest as information', () => {
    const shares = cacheShares([review([persona('openai:m', usage(1000, 800))])]);
    const warming = { panels: 3, parallel: { share: 0.5, p90Ratio: 1.01, medianRatio: 1 }, warmed: { share: 0.6, p90Ratio: 1.4, medianRatio: 1.3 } };
    const figures = cacheShareFigures(shares, warming);
    const target = figures.find((each) => each.id === 'prompt-efficiency.actually-cached');
    expect(target).toMatchObject({ value: 0.8, verdict: 'pass', target: { op: '>=', value: 0.75 } });
    expect(figures.filter((each) => each.id !== target?.id).every((each) => each.verdict === 'info')).toBe(true);
    expect(figures.map((each) => each.id)).toContain('prompt-efficiency.panels.warmed.wall-p90');
  });
});

describe('the layout figure', () => {
  it('counts the parts every call of a panel shares, whichever breakpoints a provider gets', () => {
    const call = (tail: string, toolMark: boolean) => ({
      system: 'ssss',
      messages: [{ role: 'user' as const, parts: [{ text: 'roster', cacheBreakpoint: true }, { text: 'tool', ...(toolMark ? { cacheBreakpoint: true } : {}) }, { text: tail }] }],
    });
    const requests = [call('Persona: A', true), call('Persona: B', false)];
    expect(commonParts(requests)).toBe(2);
    // system + roster + tool, joined by newlines: 4 + 1 + 6 + 1 + 4 = 16 characters = 4 tokens.
    expect(requestTokens(requests[1]!, 2).eligible).toBe(4);
    // Without the panel's view, only up to the last breakpoint of this request.
    expect(requestTokens(requests[1]!).eligible).toBe(3);
  });
});
