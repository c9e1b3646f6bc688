/** The budget rule, pure: the planned estimate until a tool finishes, then the running average. */
import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/batch/budget.js';

describe('Budget', () => {
  it('uses the planned estimate until a tool has finished, then the average real cost', async () => {
    const planned: string[] = [];
    const budget = new Budget({
      limitUsd: 1,
      spentUsd: 0,
      finishedCosts: [],
      plannedEstimate: async (target) => (planned.push(target), 0.3),
    });
    const first = await budget.reserve('a');
    const second = await budget.reserve('b');
    expect([first.ok, second.ok]).toEqual([true, true]);
    // 0.3 + 0.3 in flight + 0.3 more is within 1; a fourth would not be.
    const third = await budget.reserve('c');
    expect(third.ok).toBe(true);
    expect(await budget.reserve('d')).toEqual({ ok: false, estimateUsd: 0.3, spentUsd: 0, inFlightUsd: expect.closeTo(0.9) });
    if (!first.ok || !second.ok || !third.ok) throw new Error('unreachable');
    budget.settle(first.reservation, 0.1);
    budget.settle(second.reservation, 0.2);
    budget.release(third.reservation);
    expect(planned).toEqual(['a', 'b', 'c', 'd']);
    // Now the average of 0.1 and 0.2 is the estimate: 0.3 spent + 0.15 each.
    expect(await budget.estimate('e')).toBeCloseTo(0.15);
    expect(budget.spentUsd).toBeCloseTo(0.3);
    const results = [];
    for (const target of ['e', 'f', 'g', 'h', 'i']) results.push((await budget.reserve(target)).ok);
    expect(results).toEqual([true, true, true, true, false]);
    expect(planned).toHaveLength(4);
  });

  it('counts what a resumed run already spent, and seeds the average with its finished tools', async () => {
    const budget = new Budget({ limitUsd: 0.5, spentUsd: 0.45, finishedCosts: [0.2, 0.25], plannedEstimate: async () => 99 });
    expect(await budget.estimate('x')).toBeCloseTo(0.225);
    expect((await budget.reserve('x')).ok).toBe(false);
  });

  it('a target that cannot be planned is estimated at zero (it will fail at once)', async () => {
    const budget = new Budget({ limitUsd: 0.01, spentUsd: 0, finishedCosts: [], plannedEstimate: async () => { throw new Error('no such file'); } });
    expect(await budget.estimate('missing.html')).toBe(0);
  });
});
