/**
 * OpenAI Batch through the real `openai` SDK against the simulator (cases in batch-support.ts),
 * plus what is OpenAI's own: the uploaded line's body is exactly the online request body, and
 * the OpenAI-compatible servers have no batch interface.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lazyAdapter } from '../../src/providers/lazy-adapter.js';
import { buildChatCompletionRequest } from '../../src/providers/openai/request.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchContractCases, batchItems, batchModel, type BatchCase } from './batch-support.js';
import { keyedSettings, TEST_KEY } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ apiKeys: [TEST_KEY] });
});
afterAll(() => simulator.close());

const spec: BatchCase = {
  provider: 'openai',
  modelId: 'gpt-5.4-mini',
  keyVariable: 'OPENAI_API_KEY',
  baseUrl: (sim) => sim.baseUrls.openai,
  maxRequests: 50_000,
  raw: { inProgress: 'in_progress', ended: 'completed', expired: 'expired' },
  listsUnrun: true,
  expiredState: 'expired',
};

describe('OpenAI batch adapter', () => {
  batchContractCases(() => simulator, spec);

  it('uploads exactly the online Chat Completions body for each request', async () => {
    const [item] = batchItems('body', 1);
    const batch = batchModel(() => simulator, spec).batch!;
    const id = await batch.submit([item!]);
    const sent = simulator.calls.find((call) => call.path === `batch:${id}`)?.body;
    const online = buildChatCompletionRequest('openai', spec.modelId, { ...item!.request, timeoutMs: 1 }).body;
    expect(sent).toEqual(online);
  });

  it('has no batch interface for OpenRouter or Ollama', () => {
    for (const provider of ['openrouter', 'ollama'] as const) {
      const settings = keyedSettings('X_KEY', simulator.baseUrls.openai);
      expect(lazyAdapter({ provider, modelId: 'm', settings, callTimeoutMs: 1000 }).batch).toBeUndefined();
    }
  });
});
