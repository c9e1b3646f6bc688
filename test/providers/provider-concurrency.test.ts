/**
 * Per-provider bounds on calls in flight, one gate per provider for the whole process: a local
 * server (ollama) gets one call at a time by default, across a review's profile and panel and
 * across reviews running side by side (as a batch runs them). The simulator holds every answer,
 * so "in flight" is what it holds; the test releases one answer at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleEngine } from '../../src/engine/index.js';
import { loadConfig } from '../../src/config.js';
import { UsageError } from '../../src/errors.js';
import { CallGate, callGate, createModel } from '../../src/providers/index.js';
import { loadReviewContext, runReview, type ReviewContext } from '../../src/review/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { chatRequest } from './support.js';

const PAGE = 'fixtures/pages/aider-landing/page.html';

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Lets the held calls through one by one until `work` settles, checking at each step that no
 * more than `limit` reached the server. Returns the longest queue seen at the gate.
 */
async function stepThrough(simulator: Simulator, gate: CallGate, limit: number, work: Promise<unknown>): Promise<number> {
  let settled = false;
  void work.then(
    () => (settled = true),
    () => (settled = true),
  );
  let longestQueue = 0;
  while (!settled) {
    await until(() => settled || simulator.held() === Math.min(limit, gate.inFlight) && simulator.held() > 0);
    if (settled) break;
    expect(simulator.held()).toBeLessThanOrEqual(limit);
    expect(gate.inFlight).toBeLessThanOrEqual(limit);
    longestQueue = Math.max(longestQueue, gate.queued);
    simulator.release();
    simulator.hold();
  }
  simulator.release();
  await work;
  return longestQueue;
}

describe('PANEL_PROVIDER_CONCURRENCY', () => {
  it('defaults a local server to one call at a time and leaves the hosted providers unbounded', () => {
    const config = loadConfig({});
    expect(config.providerConcurrency).toEqual({
      openai: undefined,
      anthropic: undefined,
      google: undefined,
      openrouter: undefined,
      ollama: 1,
    });
  });

  it('reads provider=calls pairs', () => {
    const config = loadConfig({ PANEL_PROVIDER_CONCURRENCY: 'ollama=2, openai=8' });
    expect(config.providerConcurrency.ollama).toBe(2);
    expect(config.providerConcurrency.openai).toBe(8);
    expect(callGate('openai', config)?.limit).toBe(8);
    expect(callGate('anthropic', config)).toBeUndefined();
  });

  it.each(['ollama', 'llama=1', 'ollama=0', 'ollama=1.5', 'ollama=65', 'ollama=1=2'])('rejects "%s" with one line', (value) => {
    expect(() => loadConfig({ PANEL_PROVIDER_CONCURRENCY: value })).toThrow(UsageError);
    expect(() => loadConfig({ PANEL_PROVIDER_CONCURRENCY: value })).toThrow(/^PANEL_PROVIDER_CONCURRENCY: /);
  });
});

describe('the gate', () => {
  it('hands slots over in order and lets a waiting call give up on abort', async () => {
    const gate = new CallGate(1);
    const first = await gate.acquire();
    const caller = new AbortController();
    const waiting = gate.acquire(caller.signal);
    const after = gate.acquire();
    expect(gate.queued).toBe(2);
    caller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(gate.queued).toBe(1);
    first();
    first();
    const third = await after;
    expect(gate.inFlight).toBe(1);
    third();
    expect(gate.inFlight).toBe(0);
  });

  it('a call aborted while it waits is a ProviderError and never reaches the provider', async () => {
    const gate = new CallGate(1);
    const hold = await gate.acquire();
    const { gateModel } = await import('../../src/providers/concurrency.js');
    let sent = 0;
    const model = gateModel(
      { provider: 'ollama', modelId: 'm', spec: 'ollama:m', generate: async () => { sent++; throw new Error('unused'); } },
      gate,
    );
    const caller = new AbortController();
    const call = model.generate(chatRequest({ signal: caller.signal }));
    caller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'timeout', retryable: false, message: 'ollama m: request aborted' });
    expect(sent).toBe(0);
    hold();
  });
});

describe('one local server, one call at a time, through the real adapter', () => {
  let simulator: Simulator;
  let context: ReviewContext;
  beforeAll(async () => {
    simulator = await startSimulator();
    context = await loadReviewContext();
  });
  afterAll(() => simulator.close());

  // These tests count the profile and persona calls at the gate; the grounding calls after the
  // panel go through the same gate and are tested in test/grounding.
  const NO_GROUNDING = { grounding: false };
  const config = (extra: Record<string, string> = {}) =>
    loadConfig({ OLLAMA_BASE_URL: simulator.baseUrls.openai, PANEL_MODEL: 'ollama:llama3.2', ...extra });

  it("a review's profile and four persona calls reach the server one at a time", async () => {
    const cfg = config();
    const gate = callGate('ollama', cfg) as CallGate;
    simulator.hold();
    const before = simulator.stats().requests;
    const review = runReview(PAGE, NO_GROUNDING, assembleEngine(cfg, context));
    const longestQueue = await stepThrough(simulator, gate, 1, review);
    const done = await review;
    expect(done.failures).toEqual([]);
    expect(done.reviews).toHaveLength(4);
    // The four persona calls were started together; three waited at the gate.
    expect(longestQueue).toBe(3);
    expect(simulator.stats().requests - before).toBeGreaterThanOrEqual(5);
  });

  it('two reviews side by side (as a batch runs them) share the one gate', async () => {
    const cfg = config();
    const gate = callGate('ollama', cfg) as CallGate;
    simulator.hold();
    const reviews = Promise.all([
      runReview(PAGE, NO_GROUNDING, assembleEngine(cfg, context)),
      runReview(PAGE, NO_GROUNDING, assembleEngine(cfg, context)),
    ]);
    // One review's profile call is in flight (held), the other's waits at the gate.
    await until(() => simulator.held() === 1 && gate.inFlight === 1 && gate.queued === 1);
    simulator.release();
    simulator.hold();
    // The answered review's four persona calls queue behind the other review's profile call,
    // which the gate let in first: both reviews wait at one gate, one call in flight.
    await until(() => simulator.held() === 1 && gate.inFlight === 1 && gate.queued === 4);
    await stepThrough(simulator, gate, 1, reviews);
    const [a, b] = await reviews;
    expect(a?.reviews).toHaveLength(4);
    expect(b?.reviews).toHaveLength(4);
  });

  it('a configured bound of 2 lets two calls in at once, no more', async () => {
    const cfg = config({ PANEL_PROVIDER_CONCURRENCY: 'ollama=2' });
    const gate = callGate('ollama', cfg) as CallGate;
    simulator.hold();
    const calls = Promise.all(
      Array.from({ length: 5 }, () => createModel('ollama:llama3.2', cfg).generate(chatRequest())),
    );
    await until(() => simulator.held() === 2 && gate.queued === 3);
    expect(gate.inFlight).toBe(2);
    const longestQueue = await stepThrough(simulator, gate, 2, calls);
    expect(longestQueue).toBe(3);
    expect(await calls).toHaveLength(5);
  });
});
