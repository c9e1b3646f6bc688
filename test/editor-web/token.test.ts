/**
 * With EDITOR_TOKEN every request needs it: the sign-in form (an HttpOnly SameSite=Strict
 * session holding the editor's name) or a bearer header. The name comes from the sign-in,
 * never from the request body. Off loopback, the server refuses to start without a token.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkBindAddress, isLoopbackHost } from '../../src/editor/index.js';
import { UsageError } from '../../src/errors.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { cli, tempDbPath } from '../helpers/cli.js';
import { dbSnapshot, WebClient } from './web-client.js';
import { draftId, ORIGIN, tenDrafts, webBench, type WebBench } from './web-fixtures.js';

const TOKEN = 'correct-horse-battery-staple-4f1d2a';
const ID = draftId(0);

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});

let bench: WebBench;
beforeEach(() => {
  bench = webBench(context, tenDrafts(), { token: TOKEN });
});
afterEach(() => bench.cleanup());

/** Signs in through the form as a browser would; returns the signed-in client. */
async function signIn(name = 'Ann', next = '/'): Promise<WebClient> {
  const client = new WebClient(bench.app);
  await client.get(`/login?next=${encodeURIComponent(next)}`);
  const sent = await client.post('/login', { token: TOKEN, name, next });
  expect(sent.status).toBe(303);
  expect(sent.location).toBe(next);
  return client;
}

describe('with EDITOR_TOKEN', () => {
  it('no token: pages redirect to the sign-in form, actions are 401, nothing changes', async () => {
    const client = new WebClient(bench.app);
    const page = await client.get(`/reviews/${ID}?x=1`);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/login?next=${encodeURIComponent(`/reviews/${ID}?x=1`)}`);
    expect((await client.get('/')).location).toBe('/login?next=%2F');
    const before = dbSnapshot(bench.store);
    await client.get('/login');
    const post = await client.post(`/reviews/${ID}/approve`);
    expect(post.status).toBe(401);
    expect(post.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(dbSnapshot(bench.store)).toBe(before);
    // The sign-in form and its stylesheet load without a token.
    expect((await client.get('/login')).status).toBe(200);
    expect((await client.get('/assets/editor.css')).status).toBe(200);
  });

  it('a wrong token at sign-in is 401, is not echoed, and gives no session', async () => {
    const client = new WebClient(bench.app);
    await client.get('/login');
    const sent = await client.post('/login', { token: 'wrong-token-value', name: 'Ann' });
    expect(sent.status).toBe(401);
    expect(sent.body).toContain('That token is not right.');
    expect(sent.body).not.toContain('wrong-token-value');
    expect(sent.body).not.toContain(TOKEN);
    expect((await client.get('/')).status).toBe(303);
  });

  it('the right token signs in: a fresh HttpOnly SameSite=Strict session cookie that then works', async () => {
    const client = new WebClient(bench.app);
    await client.get('/login');
    const anonymous = client.cookies.get('sos_session');
    const sent = await client.post('/login', { token: TOKEN, name: 'Ann', next: `/reviews/${ID}` });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/reviews/${ID}`);
    const cookie = sent.headers.getSetCookie().find((line) => line.startsWith('sos_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    // A new session id, so a cookie planted before sign-in is worth nothing.
    expect(client.cookies.get('sos_session')).not.toBe(anonymous);
    const page = await client.get(`/reviews/${ID}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Editing as <strong>Ann</strong>');
    expect(page.body).not.toContain(TOKEN);

    const planted = new WebClient(bench.app);
    planted.cookies.set('sos_session', anonymous ?? '');
    expect((await planted.get('/')).status).toBe(303);
  });

  it('the editor name comes from the sign-in, never from the form body', async () => {
    const client = await signIn('Ann');
    await client.get(`/reviews/${ID}`);
    const forged = { by: 'Mallory', name: 'Mallory', editor: 'Mallory', actor: 'Mallory' };
    expect((await client.post(`/reviews/${ID}/personas/skeptic/edit`, { ...forged, score: '60', quote: 'Mine.' })).status).toBe(303);
    expect((await client.post(`/reviews/${ID}/approve`, forged)).status).toBe(303);
    await client.get(`/reviews/${draftId(1)}`);
    expect((await client.post(`/reviews/${draftId(1)}/reject`, { ...forged, reason: 'Stale.' })).status).toBe(303);

    expect(bench.store.reviewState(ID)).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(bench.store.reviewState(draftId(1))).toMatchObject({ status: 'rejected', rejectedBy: 'Ann' });
    expect(bench.store.revisions(ID).at(-1)).toMatchObject({ persona: 'skeptic', author: 'Ann', source: 'editor' });
    const actors = new Set([ID, draftId(1)].flatMap((id) => bench.store.audit(id).map((entry) => entry.actor)));
    expect([...actors].sort()).toEqual(['Ann', 'engine']);
  });

  it('a bearer header works for scripts; a wrong one is 401; the name comes from X-Editor-Name', async () => {
    const script = new WebClient(bench.app, { authorization: `Bearer ${TOKEN}` });
    const queue = await script.get('/');
    expect(queue.status).toBe(200);
    expect(queue.body).not.toContain(TOKEN);

    const wrong = new WebClient(bench.app, { authorization: 'Bearer not-it' });
    expect((await wrong.get('/')).status).toBe(401);
    const before = dbSnapshot(bench.store);
    expect((await wrong.post(`/reviews/${ID}/approve`, {}, { csrf: null, headers: { 'x-editor-name': 'Bot' } })).status).toBe(401);

    // Without a name (and no EDITOR_NAME) the script is told to give one; nothing changes.
    const nameless = await script.post(`/reviews/${ID}/approve`, { by: 'Mallory' }, { csrf: null });
    expect(nameless.status).toBe(400);
    expect(nameless.body).toContain('x-editor-name');
    expect(dbSnapshot(bench.store)).toBe(before);

    // Bearer requests carry no ambient credential, so no form token or Origin is needed.
    const sent = await script.post(`/reviews/${ID}/approve`, { by: 'Mallory' }, { csrf: null, headers: { origin: '', 'x-editor-name': 'Release bot' } });
    expect(sent.status).toBe(303);
    expect(bench.store.reviewState(ID)).toMatchObject({ status: 'approved', approvedBy: 'Release bot' });
  });

  it('signing out ends the session', async () => {
    const client = await signIn('Ann');
    await client.get('/');
    const cookie = client.cookies.get('sos_session') ?? '';
    expect((await client.post('/logout')).location).toBe('/login');
    const replay = new WebClient(bench.app);
    replay.cookies.set('sos_session', cookie);
    expect((await replay.get('/')).status).toBe(303);
  });

  it('the sign-in form itself needs its CSRF token (no login CSRF), and only local next paths', async () => {
    const client = new WebClient(bench.app);
    await client.get('/login');
    expect((await client.post('/login', { token: TOKEN, name: 'Ann' }, { csrf: 'forged' })).status).toBe(403);
    expect((await client.post('/login', { token: TOKEN, name: 'Ann' }, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      await client.get('/login'); // signing in starts a new session, with a new form token
      const sent = await client.post('/login', { token: TOKEN, name: 'Ann', next });
      expect(sent.location).toBe('/');
    }
  });
});

describe('where the server may listen', () => {
  it('loopback needs no token; any other address refuses to start without one', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true);
      expect(() => checkBindAddress(host, undefined)).not.toThrow();
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.com', 'localhost.evil.example']) {
      expect(isLoopbackHost(host), host).toBe(false);
      expect(() => checkBindAddress(host, undefined)).toThrow(UsageError);
      expect(() => checkBindAddress(host, undefined)).toThrow(/^refusing to listen on \S+ without EDITOR_TOKEN/);
      expect(() => checkBindAddress(host, 's3cret')).not.toThrow();
    }
  });

  it('`serve --host 0.0.0.0` without EDITOR_TOKEN exits 2 with one line, before opening anything', async () => {
    const run = await cli(['serve', '--host', '0.0.0.0', '--port', '0'], { PANEL_DB: tempDbPath() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: refusing to listen on 0\.0\.0\.0 without EDITOR_TOKEN/);
  });

  it('`serve` rejects a bad port and stray arguments with exit 2', async () => {
    expect((await cli(['serve', '--port', 'eighty'], { PANEL_DB: tempDbPath() })).code).toBe(2);
    expect((await cli(['serve', 'extra'], { PANEL_DB: tempDbPath() })).code).toBe(2);
    const help = await cli(['serve', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('EDITOR_TOKEN');
  });

  it('without a token the desk answers only to a loopback Host (DNS rebinding)', async () => {
    const open = webBench(context, tenDrafts().slice(0, 1));
    try {
      const rebound = await open.app.request('http://attacker.example:8080/', { headers: { origin: ORIGIN } });
      expect(rebound.status).toBe(421);
      expect((await open.app.request('http://127.0.0.1:8080/')).status).toBe(200);
      expect((await open.app.request('http://[::1]:8080/')).status).toBe(200);
    } finally {
      open.cleanup();
    }
  });
});
