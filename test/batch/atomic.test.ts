/**
 * A draft and its item's 'done' mark are one transaction; an aborted tool saves nothing, stays
 * 'running' and is redone by the next invocation (which resumes the same run). In-process with
 * fake models, on a real temporary database.
 */
import fs from 'node:fs';
import { assembleEngine } from '../../src/engine/index.js';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSource, runBatch, type BatchEvent } from '../../src/batch/index.js';
import { RateLimitsFile } from '../../src/batch/rate-limits.js';
import { loadConfig } from '../../src/config.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { createBatchQueries, openStore, type Store } from '../../src/store/index.js';
import { fakeModel, personaAnswer } from '../helpers/fake-model.js';
import { sampleReview } from '../store/sample-review.js';
import { tempDir } from './support.js';

const LIMITS = RateLimitsFile.parse({ default: { requestsPerMinute: 60_000, tokensPerMinute: 1e9 } });
const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:fake-model' });
let context: ReviewContext;
let store: Store | undefined;
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => {
  store?.close();
  store = undefined;
});

/** A complete profile as a file: intake needs no profile call, only the four persona calls run. */
function profileFiles(dir: string, count: number): string {
  const files = Array.from({ length: count }, (_, index) => {
    const file = path.join(dir, `tool-${index + 1}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: `Tool ${index + 1}`, tagline: 'A tool for tests', description: 'It exists to be reviewed.',
        category: context.categories[0], pricing: { entry: 'Free', detail: '' }, bestFor: 'tests', vendor: null,
        url: `https://tool-${index + 1}.example/`,
      }),
    );
    return file;
  });
  const list = path.join(dir, 'list.txt');
  fs.writeFileSync(list, files.join('\n'));
  return list;
}

const request = { force: false, limit: undefined, concurrency: 2, budgetUsd: undefined, graceMs: 30_000, model: undefined, personaModels: {} };

describe('a draft and its item are written together or not at all', () => {
  it('a failing draft save leaves the item running and no review; a finished item refuses a second draft', () => {
    const dir = tempDir();
    store = openStore(path.join(dir, 'panel.db'));
    const queries = createBatchQueries(store.db);
    const at = new Date().toISOString();
    const runId = queries.createRun({ runKey: 'k', source: '/list', sourceKind: 'text', options: {}, at });
    queries.addItems([{ runId, position: 0, url: 'https://tool.example', target: 'https://tool.example/', name: null, state: 'queued' }], at);
    const [item] = queries.items(runId);
    expect(queries.startItem(item!.id, at)).toBe(1);

    const review = sampleReview();
    const result = { reviewId: review.id, complete: true, costUsd: 0.01 };
    expect(() =>
      queries.finishItemWithDraft(item!.id, () => { store!.saveDraft(review); throw new Error('disk full'); }, result, at),
    ).toThrow('disk full');
    expect(store.getReview(review.id)).toBeUndefined();
    expect(queries.items(runId)[0]).toMatchObject({ state: 'running', reviewId: null });

    queries.finishItemWithDraft(item!.id, () => store!.saveDraft(review), result, at);
    expect(queries.items(runId)[0]).toMatchObject({ state: 'done', reviewId: review.id, complete: true, costUsd: 0.01 });

    const second = { ...sampleReview(), id: '00000000-0000-4000-8000-000000000099' };
    expect(() => queries.finishItemWithDraft(item!.id, () => store!.saveDraft(second), { ...result, reviewId: second.id }, at)).toThrow(
      /no longer running: draft not saved/,
    );
    expect(store.getReview(second.id)).toBeUndefined();
  });
});

describe('abort and resume in one process', () => {
  it('an aborted tool saves no draft, stays running, and the same command resumes the run and redoes it once', async () => {
    const dir = tempDir();
    const list = profileFiles(dir, 3);
    store = openStore(path.join(dir, 'panel.db'));
    const source = await readSource(list, { config });
    const abortNow = new AbortController();
    const events: BatchEvent[] = [];
    let calls = 0;
    const createModel = (spec: string) =>
      fakeModel(spec, [
        () => {
          calls += 1;
          // Mid-panel of the first tools: the answers still come back, the drafts must not be saved.
          if (calls === 2) abortNow.abort('second Ctrl-C');
          return personaAnswer(70, 'ship');
        },
      ]);
    const first = await runBatch(source, { ...request, concurrency: 1 }, { engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, abortNow: abortNow.signal, emit: (event) => events.push(event) });
    expect(first.status).toBe('interrupted');
    expect(events.map((event) => event.event)).toContain('aborting');
    const queries = createBatchQueries(store.db);
    const items = queries.items(first.runId);
    expect(items.map((item) => item.state)).toEqual(['running', 'queued', 'queued']);
    expect(store.listReviews()).toHaveLength(0);
    // The abandoned panel may still be answering; give it time to try (and fail) to save.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.listReviews()).toHaveLength(0);

    const second = await runBatch(source, request, { engine: assembleEngine(config, context, { store, createModel: (spec) => fakeModel(spec, [personaAnswer(70, 'ship')]) }), limits: LIMITS });
    expect(second).toMatchObject({ runId: first.runId, resumed: true, status: 'done', tools: { reviewed: 3, left: 0 } });
    expect(queries.items(first.runId).map((item) => [item.state, item.attempts])).toEqual([['done', 2], ['done', 1], ['done', 1]]);
    expect(store.listReviews()).toHaveLength(3);
  });

  it('after a graceful stop, tools still in flight when the grace time is over are aborted and left running', async () => {
    const dir = tempDir();
    const list = profileFiles(dir, 2);
    store = openStore(path.join(dir, 'panel.db'));
    const source = await readSource(list, { config });
    const stop = new AbortController();
    const events: BatchEvent[] = [];
    // A model that never answers unless its call is aborted.
    const createModel = (spec: string) => ({
      ...fakeModel(spec, ['{}']),
      generate: (call: { signal?: AbortSignal }) =>
        new Promise<never>((_, reject) => {
          stop.abort('SIGTERM');
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason), { once: true });
        }),
    });
    const report = await runBatch(source, { ...request, graceMs: 20 }, { engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, stop: stop.signal, emit: (event) => events.push(event) });
    expect(report).toMatchObject({ status: 'interrupted', stopReason: 'SIGTERM', tools: { reviewed: 0, left: 2 } });
    expect(events.find((event) => event.event === 'aborting')).toMatchObject({ reason: 'SIGTERM: grace time of 0.02s over', inFlight: 2 });
    expect(createBatchQueries(store.db).items(report.runId).map((item) => item.state)).toEqual(['running', 'running']);
  });
});
