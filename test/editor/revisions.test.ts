/**
 * Editors working at the same time: every edit, approve and reject names the review revision
 * it was made on, and a stale one is refused with nothing written — on the desk, on the CLI
 * (one line, exit 1) and on the web page (409 with the draft as it is now).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StaleRevisionError } from '../../src/editor/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { dbSnapshot, WebClient } from '../editor-web/web-client.js';
import { draftId, tenDrafts, webBench, type WebBench } from '../editor-web/web-fixtures.js';
import { deskFixture, sampleReview, seedDrafts, withStore, type DeskFixture } from './desk-fixtures.js';

let fixture: DeskFixture | undefined;
afterEach(() => {
  fixture?.cleanup();
  fixture = undefined;
});

describe('the desk: revisions', () => {
  it('a draft starts at revision 1 and every change moves it on', () => {
    fixture = deskFixture();
    const { store, desk } = fixture;
    const review = sampleReview();
    store.saveDraft(review);
    expect(desk.show(review.id).state.revision).toBe(1);
    desk.edit(review.id, 'builder', { score: 60 , keepQuote: true }, 'Ann', { revision: 1 });
    expect(desk.show(review.id).state.revision).toBe(2);
    desk.edit(review.id, 'skeptic', { quote: 'Still not convinced, but it works.' }, 'Bob');
    expect(desk.show(review.id).state.revision).toBe(3);
    desk.approve(review.id, 'Ann', { revision: 3 });
    expect(desk.show(review.id).state).toMatchObject({ status: 'approved', revision: 4 });
  });

  it('an edit made on a revision someone has since changed is refused, and nothing is written', () => {
    fixture = deskFixture();
    const { store, desk } = fixture;
    const review = sampleReview();
    store.saveDraft(review);
    desk.edit(review.id, 'builder', { score: 30 , keepQuote: true }, 'Bob', { revision: 1 }); // Bob, after Ann loaded revision 1
    const before = dbSnapshot(store);
    const stale = () => desk.edit(review.id, 'builder', { score: 85 , keepQuote: true }, 'Ann', { revision: 1 });
    expect(stale).toThrow(StaleRevisionError);
    expect(stale).toThrow(/changed since you looked: you edited revision 1, it is now at revision 2/);
    expect(dbSnapshot(store)).toBe(before);
    expect(desk.show(review.id).personas.find((each) => each.persona === 'builder')?.current).toMatchObject({ score: 30 });
  });

  it('approving from a stale page publishes nothing; approving the current revision publishes exactly it', () => {
    fixture = deskFixture();
    const { store, desk } = fixture;
    const review = sampleReview();
    store.saveDraft(review);
    desk.edit(review.id, 'creator', { score: 10 , keepQuote: true }, 'Bob'); // the panel the approver never saw
    const before = dbSnapshot(store);
    expect(() => desk.approve(review.id, 'Ann', { revision: 1 })).toThrow(StaleRevisionError);
    expect(dbSnapshot(store)).toBe(before);
    expect(store.reviewState(review.id)?.status).toBe('draft');
    const seen = desk.show(review.id);
    const approved = desk.approve(review.id, 'Ann', { revision: seen.state.revision });
    expect(approved.reviews).toEqual(seen.review.reviews);
    expect(approved.panel).toEqual(seen.review.panel);
  });

  it('a stale reject is refused too', () => {
    fixture = deskFixture();
    const { store, desk } = fixture;
    const review = sampleReview();
    store.saveDraft(review);
    desk.edit(review.id, 'creator', { score: 10 , keepQuote: true }, 'Bob');
    expect(() => desk.reject(review.id, 'Ann', 'too thin', { revision: 1 })).toThrow(StaleRevisionError);
    expect(store.reviewState(review.id)?.status).toBe('draft');
  });
});

describe('the CLI: --revision', () => {
  const seeded = () => {
    const env = baseEnv({ EDITOR_NAME: 'Ann' });
    seedDrafts(env.PANEL_DB as string, [sampleReview()]);
    return { env, db: env.PANEL_DB as string, run: (...argv: string[]) => cli(['drafts', ...argv], env) };
  };
  const id = sampleReview().id;

  it('show prints the revision; an edit on a stale one is one line and exit 1, with nothing written', async () => {
    const { run, db } = seeded();
    const shown = await run('show', id);
    expect(shown.stdout).toMatch(/^Review 7f3c2a10-\S+ · revision 1 · draft/m);
    expect(shown.stdout).toContain('--revision 1');
    expect((await run('edit', id, '--persona', 'builder', '--score', '30', '--keep-quote', '--by', 'Bob', '--revision', '1')).code).toBe(0);

    const stale = await run('edit', id, '--persona', 'builder', '--score', '85', '--keep-quote', '--revision', '1');
    expect(stale.code).toBe(1);
    expect(stale.stdout).toBe('');
    expect(stale.stderr.trim().split('\n')).toHaveLength(1);
    expect(stale.stderr).toMatch(/^error: review 7f3c2a10 \(OpenRouter Model Fusion\) changed since you looked: you edited revision 1, it is now at revision 2/);
    expect(withStore(db, (store) => store.getReview(id)?.reviews.find((each) => each.persona === 'builder')?.score)).toBe(30);

    const approve = await run('approve', id, '--revision', '1');
    expect(approve.code).toBe(1);
    expect(approve.stderr).toMatch(/you approved revision 1, it is now at revision 2/);
    expect(withStore(db, (store) => store.reviewState(id)?.status)).toBe('draft');
    expect((await run('reject', id, '--reason', 'no', '--revision', '1')).code).toBe(1);

    // Without --revision the current revision is used (documented in --help).
    expect((await run('approve', id, '--revision', '2')).code).toBe(0);
    expect(withStore(db, (store) => store.reviewState(id))).toMatchObject({ status: 'approved', revision: 3 });
  });

  it('a malformed --revision is bad usage (exit 2)', async () => {
    const { run } = seeded();
    const result = await run('approve', id, '--revision', 'latest');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--revision must be the revision number/);
  });
});

describe('the web page: stale forms', () => {
  let context: ReviewContext;
  let bench: WebBench;
  beforeAll(async () => {
    context = await loadReviewContext();
  });
  afterAll(() => bench?.cleanup());
  const FUSION = draftId(0);

  it('a stale edit form is refused with 409 and the draft as it is now; it does not overwrite the CLI edit', async () => {
    bench = webBench(context, tenDrafts(), { env: { EDITOR_NAME: 'Ann' } });
    const client = new WebClient(bench.app);
    const page = await client.get(`/reviews/${FUSION}`);
    expect(page.body).toContain('name="revision" value="1"');
    // Meanwhile, on the command line:
    bench.desk.edit(FUSION, 'builder', { score: 12, quote: 'Changed my mind after a week with it.' }, 'Bob');
    const before = dbSnapshot(bench.store);

    const sent = await client.post(`/reviews/${FUSION}/personas/builder/edit`, { revision: '1', score: '88', verdict: '', quote: 'Form text from before.' });
    expect(sent.status).toBe(409);
    expect(sent.body).toMatch(/changed since you looked: you edited revision 1, it is now at revision 2/);
    expect(sent.body).toContain('Changed my mind after a week with it.'); // the current state is shown
    expect(sent.body).toContain('name="revision" value="2"'); // and can be acted on from here
    expect(dbSnapshot(bench.store)).toBe(before);

    const stale = await client.post(`/reviews/${FUSION}/approve`, { revision: '1' });
    expect(stale.status).toBe(409);
    expect(bench.store.reviewState(FUSION)?.status).toBe('draft');
    const approved = await client.post(`/reviews/${FUSION}/approve`, { revision: '2' });
    expect(approved.status).toBe(303);
    expect(bench.store.getReview(FUSION)?.reviews.find((each) => each.persona === 'builder')?.score).toBe(12);
  });
});
