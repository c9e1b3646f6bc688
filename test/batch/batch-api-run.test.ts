/**
 * `runBatch` in batch-api mode, in-process with fake models that have a batch interface: the
 * profile calls of every tool, then their persona calls, go through provider batches (all tools
 * wait at once, whatever --concurrency says); each request is submitted once; the drafts are
 * the same as online at half the cost; a model without a batch interface runs online in the
 * same run; the dry run states the mode and estimates at the batch rate.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { planBatch, readSource, runBatch, type BatchEvent, type BatchPlan } from '../../src/batch/index.js';
import { RateLimitsFile } from '../../src/batch/rate-limits.js';
import { assembleEngine } from '../../src/engine/index.js';
import { loadConfig } from '../../src/config.js';
import type { ChatRequest } from '../../src/providers/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { generateAnswer } from '../../src/simulator/answers.js';
import { createBatchQueries, openStore, type Store } from '../../src/store/index.js';
import { batchModel, fakeBatchApi, type FakeBatchApi } from './fake-batch-api.js';
import { batchCli, tempDir, writeList, writePages } from './support.js';

const LIMITS = RateLimitsFile.parse({ default: { requestsPerMinute: 60_000, tokensPerMinute: 1e9 } });
const TOOLS = 6;
let context: ReviewContext;
const stores: Store[] = [];
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => stores.splice(0).forEach((store) => store.close()));

/** What the simulator would answer: valid for the request's schema, the same for the same prompt. */
const answerOf = (request: Pick<ChatRequest, 'output' | 'messages' | 'system'>): string =>
  generateAnswer(request.output.jsonSchema, request.system + request.messages.flatMap((message) => message.parts.map((part) => part.text)).join('')).text;

// Grounding off: these tests count the profile and persona calls of each tool (5 per tool).
const request = { force: false, limit: undefined, concurrency: 1, budgetUsd: undefined, graceMs: 30_000, model: undefined, personaModels: {}, grounding: false };

/** The same tool pages for every run of a test (the prompts, and so the answers, are the same). */
function toolList(): string {
  const dir = tempDir();
  return writeList(dir, writePages(dir, TOOLS));
}

async function run(mode: 'online' | 'batch-api', list: string, options: { personaModels?: Record<string, string>; release?: (api: FakeBatchApi) => void } = {}) {
  const dir = tempDir();
  const config = loadConfig({ OPENAI_API_KEY: 'k', OLLAMA_BASE_URL: 'http://127.0.0.1:9/v1', PANEL_MODEL: 'openai:gpt-5.4-mini', PANEL_DB: path.join(dir, 'panel.db') });
  const store = openStore(config.dbPath);
  stores.push(store);
  const events: BatchEvent[] = [];
  const api = fakeBatchApi((item) => ({ text: answerOf(item) }));
  const models = new Map<string, ReturnType<typeof batchModel>>();
  const createModel = (spec: string) => {
    const model = batchModel(spec, spec.startsWith('openai:') ? api : undefined, answerOf);
    models.set(spec, model);
    return model;
  };
  // Release each batch as soon as it is submitted: the test decides, no clock is raced.
  const emit = (event: BatchEvent) => {
    events.push(event);
    if (event.event === 'provider-batch-submitted') (options.release ?? ((given) => given.release(event.batchId)))(api);
  };
  const source = await readSource(list, { config });
  const report = await runBatch(source, { ...request, mode, personaModels: options.personaModels ?? {} }, {
    engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, emit, batchApi: { pollMs: 2, flushMs: 20 },
  });
  return { report, events, api, models, store, config, source };
}

describe('batch --mode batch-api (in-process, fake batch interface)', () => {
  it('sends every first attempt through provider batches, each request once, at half the online cost', async () => {
    const list = toolList();
    const online = await run('online', list);
    const batched = await run('batch-api', list);
    expect(batched.report).toMatchObject({ status: 'done', tools: { reviewed: TOOLS, failed: 0, incomplete: 0 } });
    // 1 profile + 4 persona calls per tool, every one submitted once, none online.
    expect(batched.api.submitted).toHaveLength(TOOLS * 5);
    expect(new Set(batched.api.submitted).size).toBe(TOOLS * 5);
    expect(batched.models.get('openai:gpt-5.4-mini')?.onlineRequests).toHaveLength(0);
    // How calls group into batches depends on when each tool's intake finishes; what holds is
    // that every request is in exactly one submitted batch.
    const submittedEvents = batched.events.flatMap((event) => (event.event === 'provider-batch-submitted' ? [event.requests] : []));
    expect(submittedEvents.reduce((sum, count) => sum + count, 0)).toBe(TOOLS * 5);
    expect(batched.report.usage.costUsd).toBeCloseTo(online.report.usage.costUsd * 0.5, 8);
    expect(batched.report.batchApi).toMatchObject({ mode: 'batch-api', batchShare: 1, onlineUsd: 0, batchRequests: TOOLS * 5, calls: { batch: TOOLS * 5, online: 0 } });
    expect(online.report.batchApi).toBeUndefined();
    // The drafts say the same thing either way.
    const verdicts = (store: Store) => store.listReviews().map((review) => review.panel.label).sort();
    expect(verdicts(batched.store)).toEqual(verdicts(online.store));
    const names = batched.events.map((event) => event.event);
    expect(names.filter((name) => name === 'provider-batch-done')).toHaveLength(batched.api.batches.size);
  });

  it('a model without a batch interface runs online in the same run; the report splits the cost', async () => {
    const { report, models, api } = await run('batch-api', toolList(), { personaModels: { skeptic: 'ollama:llama3' } });
    expect(report.status).toBe('done');
    expect(models.get('ollama:llama3')?.onlineRequests).toHaveLength(TOOLS);
    expect(api.submitted).toHaveLength(TOOLS * 4);
    expect(report.batchApi?.calls).toEqual({ batch: TOOLS * 4, online: TOOLS });
  });

  it('a graceful stop while batches are in flight leaves the tools to the next run, which re-attaches and submits nothing again', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 3));
    const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:gpt-5.4-mini', PANEL_DB: path.join(dir, 'panel.db') });
    const store = openStore(config.dbPath);
    stores.push(store);
    const api = fakeBatchApi((item) => ({ text: answerOf(item) }));
    const createModel = (spec: string) => batchModel(spec, api, answerOf);
    const source = await readSource(list, { config });
    const stop = new AbortController();
    const events: BatchEvent[] = [];
    const stopped = await runBatch(source, { ...request, mode: 'batch-api', graceMs: 10 }, {
      engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, stop: stop.signal, batchApi: { pollMs: 2, flushMs: 20 },
      emit: (event) => {
        events.push(event);
        if (event.event === 'provider-batch-submitted') stop.abort('SIGTERM');
      },
    });
    expect(stopped).toMatchObject({ status: 'interrupted', tools: { reviewed: 0, left: 3 } });
    expect(events.map((event) => event.event)).toContain('aborting');
    const submittedBefore = api.submitted.length;
    expect(submittedBefore).toBeGreaterThan(0);

    const resumed: BatchEvent[] = [];
    const finished = await runBatch(source, { ...request, mode: 'batch-api' }, {
      engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, batchApi: { pollMs: 2, flushMs: 20 },
      emit: (event) => {
        resumed.push(event);
        if (event.event === 'provider-batch-resumed' || event.event === 'provider-batch-submitted') api.release(event.batchId);
      },
    });
    expect(finished).toMatchObject({ status: 'done', resumed: true, tools: { reviewed: 3, left: 0 } });
    expect(resumed.map((event) => event.event)).toContain('provider-batch-resumed');
    expect(new Set(api.submitted).size).toBe(api.submitted.length);
    expect(api.submitted).toHaveLength(3 * 5);
  });

  it('the dry run states the mode and estimates at the batch rate', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 2));
    const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:gpt-5.4-mini' });
    const store = openStore(':memory:');
    stores.push(store);
    const source = await readSource(list, { config });
    const identity = { location: source.location, model: undefined, personaModels: {}, force: false };
    const deps = { config, context, queries: createBatchQueries(store.db) };
    const online = await planBatch(source, { identity, limit: undefined, budgetUsd: undefined }, deps);
    const batched = await planBatch(source, { identity, limit: undefined, budgetUsd: undefined, mode: 'batch-api' }, deps);
    expect(online.mode).toBe('online');
    expect(batched.mode).toBe('batch-api');
    expect(batched.onlineEstimateUsd).toBeCloseTo(online.estimatedCostUsd, 8);
    // Estimates are rounded to a micro-dollar, so half of one may differ by up to that.
    expect(Math.abs(batched.estimatedCostUsd - online.estimatedCostUsd * 0.5)).toBeLessThanOrEqual(1e-6 + 1e-12);
  });
});

describe('batch --mode and --resume on the command line', () => {
  it('refuses a bad mode (flag or PANEL_BATCH_MODE) and --resume with nothing to resume, exit 2', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 1));
    const env = { OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:gpt-5.4-mini', PANEL_DB: path.join(dir, 'panel.db') };
    expect(await batchCli([list, '--mode', 'cheap'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--mode must be online or batch-api') });
    expect(await batchCli([list], { ...env, PANEL_BATCH_MODE: 'batch' })).toMatchObject({ code: 2, stderr: expect.stringContaining('PANEL_BATCH_MODE must be online or batch-api') });
    expect(await batchCli(['--resume'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('no unfinished batch run') });
  });

  it('--dry-run states the mode (PANEL_BATCH_MODE as the default) and the batch-rate estimate', async () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 2));
    const env = { OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:gpt-5.4-mini', PANEL_DB: path.join(dir, 'panel.db') };
    const online = await batchCli([list, '--dry-run', '--json'], env);
    const batched = await batchCli([list, '--dry-run', '--json'], { ...env, PANEL_BATCH_MODE: 'batch-api' });
    const [a, b] = [JSON.parse(online.stdout) as BatchPlan, JSON.parse(batched.stdout) as BatchPlan];
    expect([a.mode, b.mode]).toEqual(['online', 'batch-api']);
    expect(b.estimatedCostUsd).toBeCloseTo(a.estimatedCostUsd / 2, 5);
    const text = await batchCli([list, '--dry-run', '--mode', 'batch-api'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Mode batch-api: first attempts go through the providers' batch APIs at their batch price/);
  });
});
