/**
 * A batch whose database fails: SQLITE_FULL forced deterministically with SQLite's own
 * `PRAGMA max_page_count` on a temp database (the connection may not grow the file past its
 * size now, which is exactly what a full disk looks like to SQLite), and a lock release that
 * fails (a trigger refuses the DELETE). The run stops, still returns its report, the first
 * error is the one shown, and the tools it hit are redone by the next invocation.
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
import { tempDir } from './support.js';

const LIMITS = RateLimitsFile.parse({ default: { requestsPerMinute: 60_000, tokensPerMinute: 1e9 } });
const config = loadConfig({ OPENAI_API_KEY: 'k', PANEL_MODEL: 'openai:fake-model' });
// Grounding off: the test counts the panel's calls.
const request = { force: false, limit: undefined, concurrency: 1, budgetUsd: undefined, graceMs: 30_000, model: undefined, personaModels: {}, grounding: false };
let context: ReviewContext;
let store: Store | undefined;
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => {
  store?.close();
  store = undefined;
});

function profileFiles(dir: string, count: number): string {
  const files = Array.from({ length: count }, (_, index) => {
    const file = path.join(dir, `tool-${index + 1}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({
        name: `Tool ${index + 1}`, tagline: 'A tool for tests', description: 'It exists to be reviewed. '.repeat(40),
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

const pageCount = (db: Store['db']) => db.pragma('page_count', { simple: true }) as number;

describe('a batch on a failing database', () => {
  it('disk full: the run stops at the first failed save, reports it in one line naming PANEL_DB, and the next run redoes the tool', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'panel.db');
    const list = profileFiles(dir, 3);
    store = openStore(dbFile);
    const source = await readSource(list, { config });
    // No growth from here: the run's small rows fit the tables' existing pages, a draft does not.
    // VACUUM first: a migration that rebuilds a table (063) leaves free pages a draft would fit in.
    store.db.exec('VACUUM');
    store.db.pragma(`max_page_count = ${pageCount(store.db)}`);
    let calls = 0;
    const createModel = (spec: string) => fakeModel(spec, [() => ((calls += 1), personaAnswer(70, 'ship'))]);
    const events: BatchEvent[] = [];

    const report = await runBatch(source, request, { engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS, emit: (event) => events.push(event) });
    expect(report.status).toBe('interrupted');
    expect(report.stopReason).toMatch(/^the database .*panel\.db \(PANEL_DB\) is full: .*free some space/);
    expect(report.stopReason).not.toMatch(/\n|\(\S+:\d+:\d+\)/); // one line, no stack frame
    expect(calls).toBe(4); // one tool's panel was paid for; no second tool was started
    expect(report.tools).toMatchObject({ reviewed: 0, failed: 0, left: 3 });
    const queries = createBatchQueries(store.db);
    expect(queries.items(report.runId).map((item) => item.state)).toEqual(['running', 'queued', 'queued']);
    expect(store.db.prepare('SELECT count(*) FROM batch_locks').pluck().get()).toBe(0);
    expect(events.find((event) => event.event === 'stopping')).toMatchObject({ reason: expect.stringMatching(/PANEL_DB\) is full/) });

    store.db.pragma('max_page_count = 1073741823'); // space freed
    const again = await runBatch(source, request, { engine: assembleEngine(config, context, { store, createModel }), limits: LIMITS });
    expect(again).toMatchObject({ runId: report.runId, resumed: true, status: 'done', tools: { reviewed: 3, failed: 0, left: 0 } });
    expect(store.listReviews()).toHaveLength(3);
  });

  it('a lock release that fails does not hide the run: the report comes back and a warning says why', async () => {
    const dir = tempDir();
    const list = profileFiles(dir, 1);
    store = openStore(path.join(dir, 'panel.db'));
    store.db.exec(`CREATE TRIGGER test_no_unlock BEFORE DELETE ON batch_locks BEGIN SELECT RAISE(ABORT, 'simulated: cannot write'); END`);
    const source = await readSource(list, { config });
    const events: BatchEvent[] = [];
    const report = await runBatch(source, request, {
      engine: assembleEngine(config, context, { store, createModel: (spec) => fakeModel(spec, [personaAnswer(70, 'ship')]) }),
      limits: LIMITS, emit: (event) => events.push(event),
    });
    expect(report).toMatchObject({ status: 'done', tools: { reviewed: 1 } });
    expect(events.at(-1)).toMatchObject({ event: 'source-warning', message: expect.stringMatching(/could not release the batch lock: simulated: cannot write/) });
  });
});
