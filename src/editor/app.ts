/**
 * The editor's desk as a web page: a wiring file. Cross-cutting middleware first (secure
 * headers with a nonce'd strict CSP, body limit, host check, sign-in, same-origin + CSRF form
 * token), then the resources mounted with `app.route()`, and the one place errors become pages.
 *
 * @example
 * ```ts
 * const app = createEditorApp({ desk, engine });             // engine: createEngine(config, { store })
 * serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 8080 });
 * const response = await app.request('/');                  // tests: no socket needed
 * ```
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Engine } from '../engine/index.js';
import { describeError } from '../errors.js';
import { PAGE_CSS } from '../publish/index.js';
import { redactSecrets } from '../redact.js';
import { createSessionQueries, type Store } from '../store/index.js';
import { DESK_FLOW_CSS } from './assets/desk-flow-css.js';
import { EDITOR_CSS } from './assets/editor-css.js';
import { DESK_KEYS_JS } from './assets/desk-keys-js.js';
import { EDITOR_JS } from './assets/editor-js.js';
import type { Desk } from './desk-types.js';
import { calibrationRoutes } from './routes-calibration.js';
import { compareBack, compareRoutes, COMPARISON_CSS_PATH } from './routes-compare.js';
import { chrome, type EditorDeps } from './routes-context.js';
import { draftRoutes } from './routes-drafts.js';
import { reviewThreshold } from './desk-edit.js';
import { httpStatusOf } from './http-status.js';
import { loginRoutes } from './routes-login.js';
import { queueRoutes } from './routes-queue.js';
import { createDbSessionStore } from './session-store-db.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { authenticate, csrfGuard, hostGuard, type EditorEnv } from './security.js';
import { createSessionStore } from './session-store-memory.js';
import { draftPage } from './views/draft.js';
import { errorPage } from './views/layout.js';

export interface EditorAppDeps {
  desk: Desk;
  /** Config, personas, prompts and models (for regenerating a persona), and the store. */
  engine: Engine<Store>;
  /** Default: `config.editor.token` (EDITOR_TOKEN). */
  token?: string | undefined;
  /** The clock for session expiry; tests pass a fixed one. */
  now?: () => Date;
}

/** Largest form accepted: a quote is ≤ 700 characters and a reason ≤ 2,000. */
const MAX_BODY_BYTES = 64 * 1024;

/** The desk's Hono app: `app.fetch` for a server, `app.request()` for tests. */
export type EditorApp = Hono<EditorEnv>;

export function createEditorApp(deps: EditorAppDeps): EditorApp {
  const { engine } = deps;
  const { config, store } = engine;
  const token = deps.token ?? config.editor.token;
  const now = deps.now ?? (() => new Date());
  // In the database, so a restart signs nobody out; in memory when the database is read-only.
  const sessions = store.db.readonly ? createSessionStore(now) : createDbSessionStore(createSessionQueries(store.db), now);
  const throttle = createSignInThrottle(now);
  const shared: EditorDeps = { desk: deps.desk, engine, store, config, token, sessions, throttle };
  const secrets = [token, ...Object.values(config.providers).map((provider) => provider.apiKey)].filter((value): value is string => value != null);
  const app = new Hono<EditorEnv>();

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      // Plain HTTP on loopback: HSTS would only be ignored (or pin localhost to https).
      strictTransportSecurity: false,
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
    }),
  );
  app.use(async function noStore(c, next) {
    await next();
    // Pages carry CSRF tokens and unpublished drafts: never keep them in a cache.
    if (!c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: `the form is larger than ${MAX_BODY_BYTES / 1024} KB` });
      },
    }),
  );
  app.use(hostGuard(token));
  app.use(authenticate(sessions, token, throttle));
  app.use(csrfGuard());

  const asset = (body: string, type: string) => (c: Context<EditorEnv>) =>
    c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' });
  app.get('/assets/editor.css', asset(EDITOR_CSS + DESK_FLOW_CSS, 'text/css; charset=utf-8'));
  app.get('/assets/editor.js', asset(EDITOR_JS + DESK_KEYS_JS, 'text/javascript; charset=utf-8'));
  app.get(COMPARISON_CSS_PATH, asset(PAGE_CSS, 'text/css; charset=utf-8'));
  app.route('/', loginRoutes(shared));
  app.route('/', queueRoutes(shared));
  app.route('/reviews', draftRoutes(shared));
  app.route('/', compareRoutes(shared));
  app.route('/', calibrationRoutes(shared));

  app.notFound((c) => c.html(errorPage(404, `nothing lives at ${c.req.path}`, { href: '/', text: 'Back to the drafts' }, chrome(c, shared, { keepFlash: true })), 404));

  app.onError((error, c) => {
    const page = chrome(c, shared, { keepFlash: true });
    const reviewId = /^\/reviews\/([^/]+)/.exec(c.req.path)?.[1];
    const back =
      reviewId && c.req.method === 'POST'
        ? { href: `/reviews/${reviewId}`, text: 'Back to the draft' }
        : c.req.path === '/compare'
          ? compareBack(c.req.query('a'))
          : { href: '/', text: 'Back to the drafts' };
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      if ((status === 401 || status === 429) && error.res) return error.getResponse();
      return c.html(errorPage(status, error.message || 'the request was refused', back, page), status);
    }
    const { status, showMessage } = httpStatusOf(error);
    if (showMessage) {
      // A provider's or a store's line may echo what it was sent: keys never reach a page.
      const message = redactSecrets(describeError(error), secrets);
      if (reviewId && c.req.method === 'POST' && status !== 404 && status < 500) {
        // Show the refusal on the draft itself, so the editor sees what it is about.
        try {
          const view = shared.desk.show(decodeURIComponent(reviewId));
          // A stale form gets the draft as it is now: the editor sees what changed, then decides again.
          return c.html(draftPage(view, { ...page, flash: { kind: 'error', message } }, reviewThreshold(view.review)), status);
        } catch {
          // The review itself is the problem: fall through to the plain error page.
        }
      }
      // A full disk or a read-only file says which, and what to do about it.
      return c.html(errorPage(status, message, back, page), status);
    }
    // A bug: the log gets the stack (never a token or a form), the page only says so.
    console.error(`editor: ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return c.html(errorPage(status, 'the desk hit an unexpected error; it is in the server log', back, page), status);
  });

  return app;
}
