/**
 * Anthropic Message Batches through the real `@anthropic-ai/sdk` against the simulator (cases in
 * batch-support.ts), plus: each request's params are exactly the online Messages body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessagesRequest } from '../../src/providers/anthropic/request.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchContractCases, batchItems, batchModel, type BatchCase } from './batch-support.js';
import { TEST_KEY } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ apiKeys: [TEST_KEY] });
});
afterAll(() => simulator.close());

const spec: BatchCase = {
  provider: 'anthropic',
  modelId: 'claude-haiku-4-5',
  keyVariable: 'ANTHROPIC_API_KEY',
  baseUrl: (sim) => sim.baseUrls.anthropic,
  maxRequests: 100_000,
  raw: { inProgress: 'in_progress', ended: 'ended', expired: 'ended' },
  listsUnrun: true,
  expiredState: 'ended',
};

describe('Anthropic batch adapter', () => {
  batchContractCases(() => simulator, spec);

  it('sends exactly the online Messages body as each request\'s params', async () => {
    const [item] = batchItems('body', 1);
    const batch = batchModel(() => simulator, spec).batch!;
    const id = await batch.submit([item!]);
    const sent = simulator.calls.find((call) => call.path === `batch:${id.replace(/^msgbatch_/, '')}`)?.body;
    expect(sent).toEqual(buildMessagesRequest(spec.modelId, { ...item!.request, timeoutMs: 1 }).body);
  });
});
