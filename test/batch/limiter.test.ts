/**
 * The shared rate limiter on a fake clock: pacing by requests and tokens, a 429 pausing the
 * provider for every caller, AIMD (one decrease per pause, slow recovery), abort while waiting,
 * and the `limitModel` decorator passing errors through untouched.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../src/batch/limiter.js';
import { estimateRequestTokens, limitModel } from '../../src/batch/limit-model.js';
import { RateLimitsFile } from '../../src/batch/rate-limits.js';
import { ProviderError } from '../../src/errors.js';
import { fakeModel } from '../helpers/fake-model.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets fake time run until `promise` settles (a waiting acquire needs the clock to move). */
async function settle<T>(promise: Promise<T>): Promise<T> {
  await vi.advanceTimersByTimeAsync(10_000);
  return promise;
}

const limits = (openai: { requestsPerMinute: number; tokensPerMinute: number }, adaptive = {}) =>
  RateLimitsFile.parse({
    default: { requestsPerMinute: 60_000, tokensPerMinute: 1e9 },
    providers: { openai: { burstSeconds: 1, ...openai } },
    adaptive,
  });

/** Acquires and records the fake time at which each permit was granted. */
function recorder(limiter: RateLimiter) {
  const granted: Array<[string, number]> = [];
  const take = (label: string, provider = 'openai', tokens = 1, signal?: AbortSignal) =>
    limiter.acquire(provider, tokens, signal).then((permit) => {
      granted.push([label, Date.now()]);
      return permit;
    });
  return { granted, take };
}

describe('RateLimiter', () => {
  it('paces requests at the configured rate, first come first served', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 60, tokensPerMinute: 1e9 }), pauseCapMs: 60_000 });
    const { granted, take } = recorder(limiter);
    void take('a');
    void take('b');
    void take('c');
    await vi.advanceTimersByTimeAsync(5_000);
    // 60/min with a one-second bucket: one now, then one a second.
    expect(granted).toEqual([['a', 0], ['b', 1000], ['c', 2000]]);
    limiter.close();
  });

  it('paces by tokens too; a call larger than the bucket goes when it is full and leaves a debt', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 60_000, tokensPerMinute: 6_000 }), pauseCapMs: 60_000 });
    const { granted, take } = recorder(limiter);
    void take('big', 'openai', 300); // the bucket holds 100 tokens (one second of 6,000/min)
    void take('small', 'openai', 50);
    await vi.advanceTimersByTimeAsync(10_000);
    // 100 - 300 = -200: back to +50 takes 250 tokens at 100/s.
    expect(granted).toEqual([['big', 0], ['small', 2500]]);
    limiter.close();
  });

  it('a 429 pauses the provider for every caller until its retry-after, and leaves others alone', async () => {
    const pauses: unknown[] = [];
    const limiter = new RateLimiter({
      limits: limits({ requestsPerMinute: 60_000, tokensPerMinute: 1e9 }),
      pauseCapMs: 60_000,
      onPause: (event) => pauses.push(event),
    });
    const { granted, take } = recorder(limiter);
    const permit = await take('first');
    limiter.rateLimited(permit, 1_500);
    void take('other caller');
    void take('google call', 'google');
    await vi.advanceTimersByTimeAsync(1_499);
    expect(granted.map(([label]) => label)).toEqual(['first', 'google call']);
    await vi.advanceTimersByTimeAsync(10);
    expect(granted.at(-1)).toEqual(['other caller', 1500]);
    // One 429 is not congestion: the rate stays.
    expect(pauses).toEqual([{ provider: 'openai', pauseMs: 1500, requestsPerMinute: 60_000, tokensPerMinute: 1e9, decreased: false }]);
    limiter.close();
  });

  it('gives a refused call its slot back, so a pause moves calls later without losing any', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 60, tokensPerMinute: 1e9 }), pauseCapMs: 60_000 });
    const { granted, take } = recorder(limiter);
    limiter.rateLimited(await take('refused'), 100);
    void take('retry');
    void take('next');
    await vi.advanceTimersByTimeAsync(5_000);
    // 60/min: without the refund the retry would wait until 1000 for a new slot, the next until 2000.
    expect(granted).toEqual([['refused', 0], ['retry', 100], ['next', 1100]]);
    limiter.close();
  });

  it('isolated 429s pause but leave the rate alone', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 1000, tokensPerMinute: 1e9 }), pauseCapMs: 60_000 });
    // One 429 in every 20 answers, far below the default 15% of the last 40.
    for (let call = 1; call <= 200; call++) {
      const permit = await settle(limiter.acquire('openai', 1));
      if (call % 20 === 0) limiter.rateLimited(permit, 100);
      else limiter.succeeded(permit, 1);
    }
    expect(limiter.stats().openai).toMatchObject({ rateLimited: 10, pauses: 10, decreases: 0, requestsPerMinute: 1000 });
    limiter.close();
  });

  it('sustained 429s lower the rate, once per pause, down to the floor; successes win it back slowly', async () => {
    const limiter = new RateLimiter({
      limits: limits(
        { requestsPerMinute: 1000, tokensPerMinute: 1e9 },
        { decreaseFactor: 0.5, recoverPerSuccess: 0.1, minFactor: 0.2, congestionWindow: 10, congestionShare: 0.3 },
      ),
      pauseCapMs: 60_000,
    });
    const grab = () => settle(limiter.acquire('openai', 1));
    const permits = await Promise.all([grab(), grab(), grab(), grab()]);
    // A burst of four 429s: the third makes it sustained (3 of the last 10); one decrease in all.
    for (const permit of permits) limiter.rateLimited(permit, 100);
    expect(limiter.stats().openai).toMatchObject({ rateLimited: 4, pauses: 1, decreases: 1, requestsPerMinute: 500, configuredRequestsPerMinute: 1000 });
    // Still refused after the pause: each new pause lowers it again, never below minFactor.
    for (let round = 0; round < 4; round++) limiter.rateLimited(await grab(), 100);
    expect(limiter.stats().openai).toMatchObject({ pauses: 5, decreases: 5, requestsPerMinute: 200 });
    for (let call = 0; call < 3; call++) limiter.succeeded(await grab(), 1);
    expect(limiter.stats().openai?.requestsPerMinute).toBe(500);
    for (let call = 0; call < 20; call++) limiter.succeeded(await grab(), 1);
    expect(limiter.stats().openai?.requestsPerMinute).toBe(1000);
    limiter.close();
  });

  it('caps a pause at the retry-after cap and uses the default pause when none was given', async () => {
    const seen: number[] = [];
    const limiter = new RateLimiter({
      limits: limits({ requestsPerMinute: 60_000, tokensPerMinute: 1e9 }, { defaultPauseMs: 700 }),
      pauseCapMs: 2_000,
      onPause: (event) => seen.push(event.pauseMs),
    });
    limiter.rateLimited(await settle(limiter.acquire('openai', 1)), 3_600_000);
    limiter.rateLimited(await settle(limiter.acquire('openai', 1)), undefined);
    expect(seen).toEqual([2_000, 700]);
    limiter.close();
  });

  it('an aborted waiter leaves the queue with the abort reason; the next one moves up', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 60, tokensPerMinute: 1e9 }), pauseCapMs: 60_000 });
    const { granted, take } = recorder(limiter);
    void take('a');
    const controller = new AbortController();
    const aborted = take('b', 'openai', 1, controller.signal);
    void take('c');
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await vi.advanceTimersByTimeAsync(3_000);
    expect(granted).toEqual([['a', 0], ['c', 1000]]);
    limiter.close();
  });
});

describe('limitModel', () => {
  const request = {
    system: 'x'.repeat(400),
    messages: [{ role: 'user' as const, parts: [{ text: 'y'.repeat(400) }] }],
    output: { name: 'o', description: 'o', jsonSchema: {} },
    temperature: undefined,
    maxOutputTokens: 100,
    timeoutMs: 1000,
  };

  it('estimates a call as its prompt tokens plus its output allowance', () => {
    expect(estimateRequestTokens(request)).toBe(300);
  });

  it('waits for the limiter, reports 429s to it and rethrows every error untouched', async () => {
    const limiter = new RateLimiter({ limits: limits({ requestsPerMinute: 60_000, tokensPerMinute: 1e9 }), pauseCapMs: 60_000 });
    const refusal = new ProviderError('openai:gpt: 429', { kind: 'rate-limit', status: 429, retryAfterMs: 250 });
    const inner = fakeModel('openai:gpt-5.4-mini', [refusal, new ProviderError('boom', { kind: 'overloaded', status: 503 }), '{"ok":true}']);
    const model = limitModel(inner, limiter);
    expect(model.spec).toBe('openai:gpt-5.4-mini');
    await expect(model.generate(request)).rejects.toBe(refusal);
    // The next call waits out the 250 ms pause, then fails on its own error.
    const second = model.generate(request).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(249);
    expect(inner.requests).toHaveLength(1);
    expect(await settle(second)).toMatchObject({ message: 'boom', kind: 'overloaded' });
    expect((await settle(model.generate(request))).text).toBe('{"ok":true}');
    expect(limiter.stats().openai).toMatchObject({ requests: 3, rateLimited: 1, pauses: 1, decreases: 0 });
    limiter.close();
  });
});
