/** The simulator's call log is bounded: a long run keeps the latest calls, never every one. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECORDED_CALLS, startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

const post = (sim: Simulator, user: string) =>
  fetch(`${sim.baseUrls.openai}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify({ model: 'gpt-sim', messages: [{ role: 'user', content: user }] }),
  }).then((response) => response.text());

async function sendMany(options: SimulatorOptions, count: number): Promise<Simulator> {
  simulator = await startSimulator(options);
  for (let index = 0; index < count; index += 1) await post(simulator, `call ${index}`);
  return simulator;
}

describe('simulator call log', () => {
  it('keeps only the latest N calls, in arrival order, and still counts every request', async () => {
    const sim = await sendMany({ recordCalls: 3 }, 7);
    expect(sim.calls.map((call) => call.promptText.trim())).toEqual(['call 4', 'call 5', 'call 6']);
    expect(sim.stats().requests).toBe(7);
  });

  it('keeps a bounded number by default', async () => {
    const sim = await sendMany({}, 5);
    expect(sim.calls).toHaveLength(5);
    expect(DEFAULT_RECORDED_CALLS).toBeGreaterThan(0);
    expect(Number.isFinite(DEFAULT_RECORDED_CALLS)).toBe(true);
  });

  it('keeps the default bound for recordCalls: true and nothing for false', async () => {
    expect((await sendMany({ recordCalls: true }, 2)).calls).toHaveLength(2);
    await simulator?.close();
    const none = await sendMany({ recordCalls: false }, 2);
    expect(none.calls).toHaveLength(0);
    expect(none.stats().requests).toBe(2);
  });
});
