/**
 * Gemini batch mode (inlined requests) through the real `@google/genai` SDK against the
 * simulator (cases in batch-support.ts), plus: each inlined request is the online call's
 * contents and generation config, thinking bounds included, with our id in `metadata.key`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchContractCases, batchItems, batchModel, type BatchCase } from './batch-support.js';
import { TEST_KEY } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ apiKeys: [TEST_KEY] });
});
afterAll(() => simulator.close());

const spec: BatchCase = {
  provider: 'google',
  modelId: 'gemini-3.5-flash',
  keyVariable: 'GEMINI_API_KEY',
  baseUrl: (sim) => sim.baseUrls.google,
  maxRequests: 500,
  raw: { inProgress: 'JOB_STATE_RUNNING', ended: 'JOB_STATE_SUCCEEDED', expired: 'JOB_STATE_EXPIRED' },
  listsUnrun: false,
  expiredState: 'expired',
};

describe('Gemini batch adapter', () => {
  batchContractCases(() => simulator, spec);

  it('inlines the online generation config, thinking bounds included, with the id as metadata', async () => {
    const [item] = batchItems('body', 1);
    const batch = batchModel(() => simulator, spec).batch!;
    const id = await batch.submit([item!]);
    const sent = simulator.calls.find((call) => call.path === `batch:${id.replace(/^batches\//, '')}`)?.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'Tool body-0: a note app.' }] }],
      systemInstruction: { parts: [{ text: item!.request.system }] },
      generationConfig: {
        responseMimeType: 'application/json',
        responseJsonSchema: item!.request.output.jsonSchema,
        maxOutputTokens: item!.request.maxOutputTokens + 2048,
        thinkingConfig: { thinkingLevel: 'LOW' },
        temperature: 0.3,
      },
    });
    expect(JSON.stringify(sent)).not.toMatch(/abortSignal|httpOptions|automaticContinuation/);
  });
});
