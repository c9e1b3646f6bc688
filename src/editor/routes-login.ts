/**
 * Signing in and out. With `EDITOR_TOKEN`: the token (compared in constant time, never echoed
 * or logged) and a name; success starts a fresh session (a new id, so a planted cookie is
 * useless) that holds the name. Without a token: the name only, kept in the session and in a
 * long-lived cookie.
 */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { requireEditor } from './desk-resolve.js';
import { chrome, editorOf, form, type EditorDeps } from './routes-context.js';
import { rememberName, safeNext, sameSecret, SESSION_COOKIE, setSessionCookie, type EditorEnv } from './security.js';
import { clientAddress, lockoutMessage } from './sign-in-throttle.js';
import { loginPage } from './views/login.js';

const capitalFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const LoginForm = z.object({
  token: z.string().max(1000).optional(),
  name: z.string().max(200),
  next: z.string().max(2000).optional(),
});

export function loginRoutes(deps: EditorDeps): Hono<EditorEnv> {
  const app = new Hono<EditorEnv>();

  app.get('/login', (c) => {
    const next = safeNext(c.req.query('next'));
    return c.html(loginPage({ next, name: editorOf(c, deps) ?? deps.config.editor.name ?? '', error: null }, chrome(c, deps)));
  });

  app.post('/login', form(LoginForm), (c) => {
    const body = c.req.valid('form');
    const next = safeNext(body.next);
    const again = (status: 401 | 400 | 429, error: string) =>
      c.html(loginPage({ next, name: body.name, error }, chrome(c, deps)), status);
    let name: string;
    try {
      name = requireEditor(body.name);
    } catch (error) {
      // The CLI's wording names --by; the form has a name field instead.
      if (error instanceof UsageError) return again(400, error.kind === 'missing-editor' ? 'an editor name is needed: enter your name' : error.message);
      throw error;
    }
    if (deps.token != null) {
      const address = clientAddress(c);
      const wait = deps.throttle.waitMs(address);
      if (wait > 0) {
        c.header('retry-after', String(Math.ceil(wait / 1000)));
        return again(429, `${capitalFirst(lockoutMessage(wait))}.`);
      }
      if (!sameSecret(body.token ?? '', deps.token)) {
        const locked = deps.throttle.failed(address);
        if (locked > 0) c.header('retry-after', String(Math.ceil(locked / 1000)));
        return again(locked > 0 ? 429 : 401, locked > 0 ? `That token is not right. ${capitalFirst(lockoutMessage(locked))}.` : 'That token is not right.');
      }
      deps.throttle.succeeded(address);
      const old = c.get('session');
      if (old) deps.sessions.destroy(old.id);
      const session = deps.sessions.create({ editor: name, signedIn: true });
      session.flash = { kind: 'ok', message: `Signed in as ${name}.` };
      deps.sessions.save(session);
      c.set('session', session);
      setSessionCookie(c, session);
      return c.redirect(next, 303);
    }
    const session = c.get('session');
    if (session) {
      session.editor = name;
      session.flash = { kind: 'ok', message: `Editing as ${name}.` };
    }
    rememberName(c, name);
    return c.redirect(next, 303);
  });

  app.post('/logout', (c) => {
    const session = c.get('session');
    if (session) deps.sessions.destroy(session.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });

  return app;
}
