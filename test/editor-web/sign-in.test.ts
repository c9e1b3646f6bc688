/**
 * Signing in with EDITOR_TOKEN: wrong tokens are throttled per client address (the right token
 * during a lockout is refused too), and sessions live in the database — only a hash of the
 * session id, with an expiry — so a restart of `serve` signs nobody out.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleEngine } from '../../src/engine/index.js';
import { createDesk, type EditorApp } from '../../src/editor/index.js';
import { createEditorApp } from '../../src/editor/app.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import { openStore } from '../../src/store/index.js';
import { WebClient } from './web-client.js';
import { tenDrafts, webBench, type WebBench } from './web-fixtures.js';

const TOKEN = 'correct-horse-battery-staple-4f1d2a';

let context: ReviewContext;
let bench: WebBench | undefined;
beforeAll(async () => {
  context = await loadReviewContext();
});
afterEach(() => {
  bench?.cleanup();
  bench = undefined;
});

/** The app as `serve` builds it, on a clock the test moves. */
function appAt(clock: { now: Date }, store = (bench as WebBench).store): EditorApp {
  const desk = createDesk(store, { threshold: 50, personas: context.personas });
  return createEditorApp({ desk, engine: assembleEngine((bench as WebBench).config, context, { store }), token: TOKEN, now: () => clock.now });
}

/** A browser at one client address (what @hono/node-server puts in the env). */
const from = (app: EditorApp, address: string): WebClient =>
  new WebClient({ request: (path: string, init: RequestInit) => app.request(path, init, { incoming: { socket: { remoteAddress: address } } }) } as unknown as EditorApp);

const later = (clock: { now: Date }, ms: number) => (clock.now = new Date(clock.now.getTime() + ms));

describe('sign-in throttling', () => {
  it('after 5 wrong tokens an address is locked out, the right token included; other addresses are not; the lock ends', async () => {
    bench = webBench(context, tenDrafts().slice(0, 1), { token: TOKEN });
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const app = appAt(clock);
    const guesser = from(app, '203.0.113.9');
    await guesser.get('/login');
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await guesser.post('/login', { token: `wrong-${attempt}`, name: 'Eve' })).status).toBe(401);
    }
    const fifth = await guesser.post('/login', { token: 'wrong-5', name: 'Eve' });
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('retry-after')).toBe('30');

    const right = await guesser.post('/login', { token: TOKEN, name: 'Eve' });
    expect(right.status).toBe(429);
    expect(right.body).toMatch(/sign-in is locked for 30 seconds, even with the right token/);
    expect(right.body).not.toContain(TOKEN);
    expect((await guesser.get('/')).status).toBe(303); // no session came of it
    const bearer = await app.request('/', { headers: { authorization: `Bearer ${TOKEN}` } }, { incoming: { socket: { remoteAddress: '203.0.113.9' } } });
    expect(bearer.status).toBe(429);

    const editor = from(app, '198.51.100.7');
    await editor.get('/login');
    expect((await editor.post('/login', { token: TOKEN, name: 'Ann' })).status).toBe(303);

    later(clock, 31_000);
    expect((await guesser.post('/login', { token: 'wrong-6', name: 'Eve' })).headers.get('retry-after')).toBe('60'); // doubles
    later(clock, 61_000);
    expect((await guesser.post('/login', { token: TOKEN, name: 'Eve' })).status).toBe(303);
  });

  it('wrong bearer tokens count too', async () => {
    bench = webBench(context, tenDrafts().slice(0, 1), { token: TOKEN });
    const app = appAt({ now: new Date('2026-03-02T09:00:00Z') });
    const env = { incoming: { socket: { remoteAddress: '203.0.113.10' } } };
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await app.request('/', { headers: { authorization: `Bearer guess-${attempt}` } }, env)).status).toBe(401);
    }
    const right = await app.request('/', { headers: { authorization: `Bearer ${TOKEN}`, 'x-editor-name': 'Bot' } }, env);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('30');
  });
});

describe('sessions in the database', () => {
  it('survive a restart of the server, store only a hash of the id, and expire after 12 idle hours', async () => {
    bench = webBench(context, tenDrafts().slice(0, 1), { token: TOKEN });
    const clock = { now: new Date('2026-03-02T09:00:00Z') };
    const browser = from(appAt(clock), '198.51.100.7');
    await browser.get('/login');
    expect((await browser.post('/login', { token: TOKEN, name: 'Ann' })).status).toBe(303);
    const cookie = browser.cookies.get('sos_session') as string;
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    // "Restart": a new connection to the same file and a new app; the browser keeps its cookie.
    const reopened = openStore(bench.dbPath);
    try {
      const rows = reopened.db.prepare('SELECT * FROM editor_sessions').all() as Array<Record<string, unknown>>;
      expect(rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows)).not.toContain(cookie);
      const restarted = new WebClient({ request: (path: string, init: RequestInit) => appAt(clock, reopened).request(path, init) } as unknown as EditorApp);
      for (const [name, value] of browser.cookies) restarted.cookies.set(name, value);
      const queue = await restarted.get('/');
      expect(queue.status).toBe(200);
      expect(queue.body).toContain('Editing as <strong>Ann</strong>');

      later(clock, 12 * 60 * 60 * 1000 + 1000);
      expect((await restarted.get('/')).status).toBe(303); // to the sign-in form
    } finally {
      reopened.close();
    }
  });
});
