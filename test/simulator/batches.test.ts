/**
 * The simulator's batch store: held batches stay in progress until released, answers are the
 * online endpoint's, and what is kept is bounded (answers dropped after enough later fetches,
 * old batches forgotten), so a long bench run stays flat.
 */
import { describe, expect, it } from 'vitest';
import { openaiWire } from '../../src/simulator/openai.js';
import { PromptCache } from '../../src/simulator/cache.js';
import { BatchStore } from '../../src/simulator/batches.js';
import type { SimulatedCall } from '../../src/simulator/types.js';
import { personaSchema } from './fixtures.js';

const body = (text: string) => ({
  model: 'gpt-5.4-mini',
  messages: [{ role: 'user', content: text }],
  response_format: { type: 'json_schema', json_schema: { name: 'persona', schema: personaSchema } },
});

function store(): { store: BatchStore; calls: SimulatedCall[] } {
  const calls: SimulatedCall[] = [];
  return { store: new BatchStore({ cache: new PromptCache(), record: (call) => calls.push(call) }), calls };
}

describe('simulator batch store', () => {
  it('answers nothing while held and everything on release, with the online answer', () => {
    const { store: batches, calls } = store();
    batches.control.hold();
    const batch = batches.create(openaiWire, [{ customId: 'a', body: body('Tool a') }, { customId: 'b', body: body('Tool b') }]);
    expect(batch.state).toBe('in_progress');
    expect(batches.control.held()).toBe(1);
    expect(calls).toHaveLength(0);
    batches.control.release();
    expect(batch.state).toBe('ended');
    expect(batches.control.held()).toBe(0);
    const outcomes = batches.outcomes(batch) ?? [];
    expect(outcomes.map((outcome) => outcome.run && outcome.status)).toEqual([200, 200]);
    expect(calls.map((call) => call.answerText)).toHaveLength(2);
    // The request bodies are dropped once answered.
    expect(batch.items).toBeUndefined();
  });

  it('counts submissions per custom id, so a second submission of one request shows', () => {
    const { store: batches } = store();
    batches.create(openaiWire, [{ customId: 'x', body: body('x') }]);
    batches.create(openaiWire, [{ customId: 'y', body: body('y') }]);
    expect(batches.control.stats()).toMatchObject({ submissions: 2, items: 2, maxPerCustomId: 1 });
    batches.create(openaiWire, [{ customId: 'x', body: body('x') }]);
    expect(batches.control.stats().byCustomId.get('x')).toBe(2);
    expect(batches.control.stats().maxPerCustomId).toBe(2);
  });

  it('drops fetched answers once 32 later batches have been fetched, and keeps unfetched ones', () => {
    const { store: batches } = store();
    const first = batches.create(openaiWire, [{ customId: 'first', body: body('first') }]);
    const unread = batches.create(openaiWire, [{ customId: 'unread', body: body('unread') }]);
    expect(batches.outcomes(first)).toHaveLength(1);
    for (let index = 0; index < 31; index += 1) {
      batches.outcomes(batches.create(openaiWire, [{ customId: `n${index}`, body: body(`n${index}`) }]));
    }
    // 32 fetched so far: the first is still there for a collector reading again after a crash.
    expect(batches.outcomes(first)).toHaveLength(1);
    batches.outcomes(batches.create(openaiWire, [{ customId: 'last', body: body('last') }]));
    expect(batches.outcomes(first)).toBeUndefined();
    expect(unread.outcomes).toHaveLength(1);
  });

  it('remembers at most 1,000 ended batches, forgetting the oldest first', () => {
    const { store: batches } = store();
    const oldest = batches.create(openaiWire, [{ customId: 'old', body: body('old') }]);
    for (let index = 0; index < 1_000; index += 1) batches.create(openaiWire, [{ customId: `b${index}`, body: body('same') }]);
    expect(batches.get(oldest.id)).toBeUndefined();
  });

  it('answers a failing item with a 500 once, and an expiry leaves the rest not run', () => {
    const { store: batches } = store();
    batches.control.failItems(['bad']);
    batches.control.expireNext({ answered: 2 });
    const batch = batches.create(openaiWire, [
      { customId: 'bad', body: body('bad') },
      { customId: 'good', body: body('good') },
      { customId: 'late', body: body('late') },
    ]);
    expect(batch.state).toBe('expired');
    expect(batches.outcomes(batch)?.map((outcome) => (outcome.run ? outcome.status : 'not run'))).toEqual([500, 200, 'not run']);
    const again = batches.create(openaiWire, [{ customId: 'bad', body: body('bad') }]);
    expect(batches.outcomes(again)?.map((outcome) => outcome.run && outcome.status)).toEqual([200]);
  });
});
