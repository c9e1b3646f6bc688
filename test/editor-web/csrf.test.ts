/**
 * Cross-site request forgery: every state change is a POST that needs this session's CSRF
 * token (constant-time compared) and a same-origin request; a refused POST changes nothing.
 * GET never changes state.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameSecret } from '../../src/editor/security.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { dbSnapshot, WebClient } from './web-client.js';
import { draftId, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench;
let client: WebClient;
const ID = draftId(0);
beforeEach(async () => {
  bench = webBench(context, tenDrafts(), { env: { EDITOR_NAME: 'Ann' } });
  client = new WebClient(bench.app);
  await client.get(`/reviews/${ID}`);
});
afterEach(() => bench.cleanup());

/** Every state-changing route, with a form that would succeed given the right token. */
const ACTIONS: Array<[string, Record<string, string>]> = [
  [`/reviews/${ID}/approve`, {}],
  [`/reviews/${ID}/reject`, { reason: 'Forged.' }],
  [`/reviews/${ID}/personas/skeptic/edit`, { score: '90', quote: 'Forged quote.' }],
  [`/reviews/${ID}/personas/skeptic/regenerate`, {}],
];

describe('CSRF', () => {
  it.each(ACTIONS)('POST %s without a token, or with a wrong one, is 403 and changes nothing', async (path, fields) => {
    const before = dbSnapshot(bench.store);
    for (const csrf of [null, '', 'not-the-token', `${client.csrf}x`]) {
      const sent = await client.post(path, fields, { csrf });
      expect(sent.status).toBe(403);
      expect(sent.body).toContain('security token');
    }
    expect(dbSnapshot(bench.store)).toBe(before);
    expect(bench.modelCalls).toEqual([]);
  });

  it('a token from another session does not work with this session’s cookie', async () => {
    const other = new WebClient(bench.app);
    await other.get('/');
    expect(other.csrf).not.toBe(client.csrf);
    const before = dbSnapshot(bench.store);
    expect((await client.post(`/reviews/${ID}/approve`, {}, { csrf: other.csrf })).status).toBe(403);
    expect(dbSnapshot(bench.store)).toBe(before);
  });

  it('the right token without the session cookie is refused (no session to match it)', async () => {
    const stranger = new WebClient(bench.app);
    const before = dbSnapshot(bench.store);
    const sent = await stranger.post(`/reviews/${ID}/approve`, {}, { csrf: client.csrf });
    expect(sent.status).toBe(403);
    expect(dbSnapshot(bench.store)).toBe(before);
  });

  it.each([
    ['another site’s Origin', { origin: 'https://evil.example' }],
    ['a cross-site fetch', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
    ['no Origin and no Sec-Fetch-Site', { origin: '' }],
  ])('%s is refused even with a valid cookie and token', async (_, headers) => {
    const before = dbSnapshot(bench.store);
    for (const [path, fields] of ACTIONS) {
      const sent = await client.post(path, fields, { headers });
      expect(sent.status).toBe(403);
    }
    expect(dbSnapshot(bench.store)).toBe(before);
  });

  it('a same-origin browser POST without Origin (Sec-Fetch-Site: same-origin) passes', async () => {
    const sent = await client.post(`/reviews/${ID}/approve`, {}, { headers: { origin: '', 'sec-fetch-site': 'same-origin' } });
    expect(sent.status).toBe(303);
    expect(bench.store.reviewState(ID)?.status).toBe('approved');
  });

  it('a JSON body carries no form token, so it is refused', async () => {
    const before = dbSnapshot(bench.store);
    const sent = await client.post(`/reviews/${ID}/approve`, {}, { csrf: null, headers: { 'content-type': 'application/json' } });
    expect(sent.status).toBe(403);
    expect(dbSnapshot(bench.store)).toBe(before);
  });

  it('with the token and a same-origin request, the POST goes through (303)', async () => {
    const sent = await client.post(`/reviews/${ID}/approve`);
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/reviews\/[^/]+$/); // the next draft
    expect(bench.store.reviewState(ID)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
  });

  it('GET never changes state: every page and every action path read by GET', async () => {
    const before = dbSnapshot(bench.store);
    const paths = [
      '/',
      '/?status=approved',
      '/?status=rejected',
      '/?status=superseded',
      '/?flagged=1',
      '/login',
      '/assets/editor.css',
      '/assets/editor.js',
      ...tenDrafts().map((draft) => `/reviews/${draft.id}`),
      ...ACTIONS.map(([path]) => path),
      `/reviews/${ID}/approve?_csrf=${client.csrf}`,
    ];
    for (const path of paths) {
      const sent = await client.get(path);
      expect(sent.status, path).toBeLessThan(500);
    }
    expect((await client.get(`/reviews/${ID}/approve`)).status).toBe(404);
    expect(dbSnapshot(bench.store)).toBe(before);
    expect(bench.modelCalls).toEqual([]);
  });

  it('compares secrets by content only', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
  });
});
