/**
 * The editor page's security primitives: where it may listen, sessions (server-side, behind
 * an HttpOnly SameSite=Strict cookie), constant-time secret comparison, and the request
 * gates `app.ts` wires in: host check, sign-in, same-origin and CSRF form token.
 *
 * **Design.** A session is a random id in the `sos_session` cookie; the session itself (its
 * CSRF token, the editor's name, whether it signed in, a flash message) stays on the server —
 * in the database (session-store-db.ts, only a hash of the id), or in memory when the database
 * is read-only — so a forged or stale cookie carries nothing. Wrong tokens are throttled per
 * client address (sign-in-throttle.ts). Every POST from a session
 * needs the session's CSRF token in the `_csrf` form field (compared in constant time) and a
 * same-origin `Origin`/`Sec-Fetch-Site` (hono's `csrf()`). With `EDITOR_TOKEN` set, every
 * request also needs a signed-in session or `Authorization: Bearer <token>`. A bearer request
 * carries no ambient credential a browser would attach by itself, so it is not forgeable
 * cross-site and needs no form token. Without a token (loopback only) the `Host` header must
 * name a loopback address, so a DNS-rebinding page cannot reach the desk.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { UsageError } from '../errors.js';
import { isLoopbackHost } from './bind-address.js';
import { requireEditor } from './desk-resolve.js';
import { clientAddress, lockoutMessage, type SignInThrottle } from './sign-in-throttle.js';

/** A message shown once on the next page, with an optional link (e.g. to the decided review). */
export { checkBindAddress, isLoopbackHost } from './bind-address.js';

export interface Flash {
  kind: 'ok' | 'error';
  message: string;
  link?: { href: string; text: string };
}

export interface Session {
  id: string;
  /** Sent back in every form's `_csrf` field. */
  csrf: string;
  /** The editor acting: from the sign-in form (or the remembered-name cookie without a token). */
  editor: string | null;
  /** Signed in with the token (always false without a token). */
  signedIn: boolean;
  flash: Flash | null;
  seenAt: number;
}

/** How a request is allowed in: a session, a bearer header, or the open loopback desk. */
export type AuthKind = 'session' | 'bearer' | 'open';

/** Hono variables every editor route can read. */
export interface EditorEnv {
  Variables: {
    session: Session | null;
    auth: AuthKind | null;
    secureHeadersNonce?: string;
  };
}

export const SESSION_COOKIE = 'sos_session';
/** Without a token: the name an editor gave, remembered across restarts of the server. */
export const NAME_COOKIE = 'sos_editor';
export const CSRF_FIELD = '_csrf';
/** Bearer scripts name the acting editor in this header (the token holder speaks for itself). */
export const EDITOR_HEADER = 'x-editor-name';

export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const MAX_SESSIONS = 1000;

const randomToken = (): string => randomBytes(32).toString('base64url');

/** A new session's id (the cookie) and CSRF token. */
export const newSessionSecrets = (): { id: string; csrf: string } => ({ id: randomToken(), csrf: randomToken() });

/**
 * Equal secrets, in time that depends on neither: both sides are hashed to 32 bytes first,
 * so even their lengths do not leak.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}


export interface SessionStore {
  create(seed?: Partial<Pick<Session, 'editor' | 'signedIn'>>): Session;
  get(id: string | undefined): Session | null;
  /** Writes back what a request changed (flash, name); the authenticate gate calls it after each request. */
  save(session: Session): void;
  destroy(id: string): void;
}

const secureRequest = (c: Context): boolean => new URL(c.req.url).protocol === 'https:';

export function setSessionCookie(c: Context, session: Session): void {
  setCookie(c, SESSION_COOKIE, session.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureRequest(c) });
}

export function rememberName(c: Context, name: string): void {
  setCookie(c, NAME_COOKIE, name, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: secureRequest(c),
    maxAge: 365 * 24 * 60 * 60,
  });
}

/** The name in the remembered-name cookie, if it is still an acceptable editor name. */
function rememberedName(c: Context): string | null {
  try {
    return requireEditor(getCookie(c, NAME_COOKIE));
  } catch {
    return null;
  }
}

/** A Bearer header's token, or undefined when there is none. */
function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header == null ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Paths anyone may load: the stylesheet and script, and the sign-in form itself. */
const isPublicPath = (path: string): boolean => path.startsWith('/assets/') || path === '/login';

/**
 * Without a token the desk answers only to a loopback `Host`, so a page on another site that
 * rebinds its DNS name to 127.0.0.1 gets 421 rather than the drafts and their form tokens.
 */
export function hostGuard(token: string | undefined): MiddlewareHandler<EditorEnv> {
  return async function hostGuard(c, next) {
    if (token == null && !isLoopbackHost(new URL(c.req.url).hostname)) {
      throw new HTTPException(421, { message: 'this desk answers only on 127.0.0.1, ::1 or localhost' });
    }
    await next();
  };
}

/**
 * Finds the caller: a valid bearer header, else the session cookie (a new session is made on
 * GET so forms have a CSRF token). With a token, a caller who is neither signed in nor a
 * bearer is sent to the sign-in form (GET) or refused with 401.
 */
export function authenticate(sessions: SessionStore, token: string | undefined, throttle: SignInThrottle): MiddlewareHandler<EditorEnv> {
  return async function authenticate(c, next) {
    const bearer = bearerToken(c);
    if (token != null && bearer != null) {
      const address = clientAddress(c);
      const wait = throttle.waitMs(address);
      if (wait > 0) throw tooManyTries(wait);
      if (!sameSecret(bearer, token)) {
        throttle.failed(address);
        throw new HTTPException(401, { message: 'that bearer token is not right', res: unauthorized('that bearer token is not right') });
      }
      throttle.succeeded(address);
      c.set('session', null);
      c.set('auth', 'bearer');
      return next();
    }
    let session = sessions.get(getCookie(c, SESSION_COOKIE));
    if (session == null && c.req.method === 'GET') {
      // Without a token, a browser that gave its name before starts under that name again.
      session = sessions.create({ editor: token == null ? rememberedName(c) : null });
      setSessionCookie(c, session);
    }
    c.set('session', session);
    const allowed = token == null || session?.signedIn === true;
    c.set('auth', allowed ? (token == null ? 'open' : 'session') : null);
    if (allowed || isPublicPath(c.req.path)) {
      await next();
      const after = c.get('session');
      if (after) sessions.save(after);
      return;
    }
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const back = c.req.path + (new URL(c.req.url).search || '');
      return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
    }
    throw new HTTPException(401, { message: 'sign in first: this desk needs the editor token', res: unauthorized('sign in first') });
  };
}

/** 429 with Retry-After: this address is locked out of signing in for now. */
export function tooManyTries(waitMs: number): HTTPException {
  const message = lockoutMessage(waitMs);
  return new HTTPException(429, {
    message,
    res: new Response(`${message}\n`, {
      status: 429,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(Math.ceil(waitMs / 1000)) },
    }),
  });
}

function unauthorized(message: string): Response {
  return new Response(`${message}\n`, {
    status: 401,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="editor"' },
  });
}

/**
 * State changes need a same-origin browser (hono's `csrf()`: Origin or Sec-Fetch-Site) and the
 * session's CSRF token in the form. Bearer requests skip both (see the module comment).
 */
export function csrfGuard(): MiddlewareHandler<EditorEnv> {
  const sameOrigin = csrf();
  const refuse = (message: string) => new HTTPException(403, { message });
  return async function csrfGuard(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.get('auth') === 'bearer') return next();
    const session = c.get('session');
    try {
      await sameOrigin(c, async () => {});
    } catch {
      throw refuse('this form was sent from another site, so it was refused');
    }
    if (session == null) throw refuse('your session has expired (or the server restarted): reload the page and try again');
    const body = await c.req.parseBody();
    const given = body[CSRF_FIELD];
    if (typeof given !== 'string' || !sameSecret(given, session.csrf)) {
      throw refuse('this form has a missing or stale security token: reload the page and try again');
    }
    await next();
  };
}

/** A local path to go back to after signing in; anything else (another site, `//x`) is `/`. */
export function safeNext(next: string | undefined): string {
  // Printable ASCII only: browsers drop tabs and newlines from URLs, so "/\t/evil.example"
  // would become "//evil.example"; a backslash reads as a slash.
  if (next == null || !/^\/(?![/\\])[\x21-\x7e]*$/.test(next) || next.includes('\\')) return '/';
  return next;
}

/** Only `http(s)` URLs become links; `javascript:`, `data:` and the like are shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (url == null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
