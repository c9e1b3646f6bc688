import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultPlanner } from '../../src/simulator/faults.js';
import { formatSimulatorBanner, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { personaSchema, personaTail } from './fixtures.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function start(options: SimulatorOptions = {}) {
  simulator = await startSimulator(options);
  return simulator;
}

/** A bare OpenAI-shaped request, for tests about the server rather than an SDK. */
const post = (sim: Simulator, user = 'hello') =>
  fetch(`${sim.baseUrls.openai}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-sim', messages: [{ role: 'user', content: user }] }),
  });

describe('simulator: faults, limits and lifecycle', () => {
  it('rate limit: 429 after N requests per provider, with retry-after for the window', async () => {
    const sim = await start({ rateLimit: { requestsPerMinute: 3 } });
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await post(sim, `q${index}`)).status);
    const limited = await post(sim, 'q4');
    expect(statuses).toEqual([200, 200, 200]);
    expect(limited.status).toBe(429);
    const waitMs = Number(limited.headers.get('retry-after-ms'));
    expect(waitMs).toBeGreaterThan(59_000);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    expect(limited.headers.get('retry-after')).toBe(String(Math.ceil(waitMs / 1000)));
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    // The window is per provider: Anthropic still has its own three slots.
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: sim.baseUrls.anthropic, maxRetries: 0 });
    await expect(anthropic.messages.create({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).resolves.toBeDefined();
    expect(sim.stats().faults).toEqual({ rateLimited: 1 });
  });

  it('hang: the OpenAI client times out, and close() returns promptly', async () => {
    const sim = await start({ script: [{ fault: 'hang' }] });
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: sim.baseUrls.openai, maxRetries: 0, timeout: 200 });
    const error = await openai.chat.completions.create({ model: 'gpt-sim', messages: [{ role: 'user', content: 'x' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const started = Date.now();
    await sim.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('hang: close() ends a request the client is still waiting on', async () => {
    const sim = await start({ faults: { hang: 1 } });
    const google = new GoogleGenAI({ apiKey: 'AIza-test', httpOptions: { baseUrl: sim.baseUrls.google } });
    const pending = google.models
      .generateContent({ model: 'gemini-sim', contents: 'x', config: { responseMimeType: 'application/json', responseJsonSchema: personaSchema } })
      .catch((caught: unknown) => caught);
    // Wait until the simulator holds the request (an event, not a fixed delay).
    while (sim.stats().requests === 0) await new Promise((resolve) => setImmediate(resolve));
    // If close() waited for the hanging request, this would never resolve and the test would time out.
    await sim.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('latency: a function of the call delays the answer', async () => {
    const sim = await start({ latencyMs: (call) => (call.promptText.includes('slow') ? 150 : 0) });
    await post(sim, 'fast');
    const slow = Date.now();
    await post(sim, 'slow');
    // A lower bound only: an upper bound would make the test depend on the machine's speed.
    expect(Date.now() - slow).toBeGreaterThanOrEqual(140);
    expect(sim.calls.map((call) => call.promptText)).toEqual(['fast', 'slow']);
  });

  it('random faults follow the seed: same seed, same statuses', async () => {
    const run = async (seed: number) => {
      const sim = await startSimulator({ seed, faults: { server500: 0.3, rate429: 0.2 } });
      const statuses = [];
      for (let index = 0; index < 30; index += 1) statuses.push((await post(sim, `q${index}`)).status);
      const faults = sim.stats().faults;
      await sim.close();
      return { statuses, faults };
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.statuses).toContain(500);
    expect(first.statuses).toContain(429);
    expect(first.statuses).toContain(200);
    expect((first.faults.server500 ?? 0) + (first.faults.rate429 ?? 0)).toBe(first.statuses.filter((status) => status !== 200).length);
  });

  it('scripted faults are consumed in order and only by their provider', async () => {
    const sim = await start({ script: [{ provider: 'anthropic', fault: 'server500' }, { fault: 'unauthorized' }] });
    expect((await post(sim)).status).toBe(401);
    expect((await post(sim)).status).toBe(200);
    const anthropic = new Anthropic({ apiKey: 'k', baseURL: sim.baseUrls.anthropic, maxRetries: 0 });
    const error = await anthropic.messages.create({ model: 'c', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect(sim.stats()).toEqual({ requests: 3, byProvider: { openai: 2, anthropic: 1 }, faults: { unauthorized: 1, server500: 1 } });
  });

  it('answers unknown paths with 404 JSON and request ids', async () => {
    const sim = await start();
    const response = await fetch(`${sim.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-request-id')).toMatch(/^req_sim_/);
    const stream = await fetch(`${sim.url}/v1beta/models/g:streamGenerateContent?alt=sse`, { method: 'POST', body: '{}' });
    expect(await stream.json()).toMatchObject({ error: { status: 'NOT_FOUND' } });
  });

  it('can stop recording calls for long runs', async () => {
    const sim = await start({ recordCalls: false });
    await post(sim);
    expect(sim.calls).toHaveLength(0);
    expect(sim.stats().requests).toBe(1);
  });

  it('formats a banner that says the answers are simulated', async () => {
    const sim = await start();
    expect(formatSimulatorBanner(sim)).toBe(`Simulator on ${sim.url} — answers are simulated, not from real models`);
    expect(sim.baseUrls).toEqual({ openai: `${sim.url}/v1`, anthropic: sim.url, google: sim.url });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('fault planner', () => {
  it('frees a rate-limit slot exactly 60 s after it was taken', () => {
    const planner = new FaultPlanner({ rateLimit: { requestsPerMinute: 2 } });
    expect(planner.decide('openai', 0)).toBeUndefined();
    expect(planner.decide('openai', 10_000)).toBeUndefined();
    expect(planner.decide('openai', 20_000)).toEqual({ kind: 'rateLimited', retryAfterMs: 40_000 });
    expect(planner.decide('gemini', 20_000)).toBeUndefined();
    expect(planner.decide('openai', 60_001)).toBeUndefined();
    expect(planner.decide('openai', 60_002)).toEqual({ kind: 'rateLimited', retryAfterMs: 9_998 });
  });

  it('injected 429s take no rate-limit slot; other faults do', () => {
    const refusing = new FaultPlanner({ rateLimit: { requestsPerMinute: 1 }, faults: { rate429: 1 }, retryAfterSeconds: 0.05 });
    expect(refusing.decide('openai', 0)).toEqual({ kind: 'rate429', retryAfterMs: 50 });
    expect(refusing.decide('openai', 1)).toEqual({ kind: 'rate429', retryAfterMs: 50 });
    const failing = new FaultPlanner({ rateLimit: { requestsPerMinute: 1 }, faults: { server500: 1 } });
    expect(failing.decide('openai', 0)?.kind).toBe('server500');
    expect(failing.decide('openai', 1)?.kind).toBe('rateLimited');
  });
});
