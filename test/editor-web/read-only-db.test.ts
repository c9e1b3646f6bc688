/**
 * `serve` on a database it cannot write (opened read-only, as `serve` does when the file is
 * read-only): the pages still work, with sessions kept in memory; an action is a 503 page
 * naming PANEL_DB and the fix, and nothing changes.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleEngine } from '../../src/engine/index.js';
import { createDesk } from '../../src/editor/index.js';
import { createEditorApp } from '../../src/editor/app.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { WebClient } from './web-client.js';
import { draftId, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
let bench: WebBench | undefined;
let readOnly: Store | undefined;
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => {
  readOnly?.close();
  bench?.cleanup();
});

describe('serve on a read-only database', () => {
  it('serves the queue and the drafts; an approve is a one-line 503 and writes nothing', async () => {
    bench = webBench(context, tenDrafts().slice(0, 2), { env: { EDITOR_NAME: 'Ann' } });
    readOnly = openStore(bench.dbPath, { readonly: true });
    const desk = createDesk(readOnly, { threshold: 50, personas: context.personas });
    const client = new WebClient(createEditorApp({ desk, engine: assembleEngine(bench.config, context, { store: readOnly }) }));
    expect((await client.get('/')).status).toBe(200);
    const page = await client.get(`/reviews/${draftId(0)}`);
    expect(page.status).toBe(200);
    const sent = await client.post(`/reviews/${draftId(0)}/approve`, { revision: '1' });
    expect(sent.status).toBe(503);
    expect(sent.body).toMatch(/the database .*panel\.db \(PANEL_DB\) is read-only for this process/);
    expect(bench.store.reviewState(draftId(0))?.status).toBe('draft');
  });
});
