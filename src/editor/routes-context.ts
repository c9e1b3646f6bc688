/**
 * What every editor route shares: the app's dependencies, the page chrome of a request (who
 * is editing, the CSRF token, the nonce, the flash), the acting editor's name, and zod-checked
 * form bodies.
 */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import type { Engine } from '../engine/index.js';
import type { Store } from '../store/index.js';
import { requireEditor } from './desk-resolve.js';
import type { Desk } from './desk-types.js';
import { EDITOR_HEADER, type EditorEnv, type Flash, type SessionStore } from './security.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { Chrome } from './views/layout.js';

export interface EditorDeps {
  desk: Desk;
  /** Personas, prompts and models, for regenerating a persona. */
  engine: Engine<Store>;
  /** The engine's, at hand for every route. */
  store: Store;
  config: Readonly<Config>;
  /** `EDITOR_TOKEN`: when set, every request needs a signed-in session or the bearer header. */
  token: string | undefined;
  sessions: SessionStore;
  throttle: SignInThrottle;
}

export type EditorContext = Context<EditorEnv>;

/**
 * The acting editor's name, or null. Signed in with a token: the name given at sign-in.
 * Bearer: the `X-Editor-Name` header, else EDITOR_NAME. Open loopback desk: the name this
 * browser gave (remembered in a cookie), else EDITOR_NAME. Never a field of the action's form.
 */
export function editorOf(c: EditorContext, deps: Pick<EditorDeps, 'config' | 'token'>): string | null {
  const auth = c.get('auth');
  if (auth === 'bearer') return c.req.header(EDITOR_HEADER)?.trim() || deps.config.editor.name || null;
  const session = c.get('session');
  if (deps.token != null) return session?.signedIn ? session.editor : null;
  return session?.editor ?? deps.config.editor.name ?? null;
}

/** The acting editor, checked; a missing name is a one-line 400 that says where to give it. */
export function actingEditor(c: EditorContext, deps: Pick<EditorDeps, 'config' | 'token'>): string {
  const name = editorOf(c, deps);
  if (name == null) {
    throw new UsageError(
      c.get('auth') === 'bearer'
        ? `say who is acting: send the ${EDITOR_HEADER} header (or set EDITOR_NAME)`
        : 'say who is editing first: set your name (top right), or start the server with EDITOR_NAME',
    );
  }
  return requireEditor(name);
}

/** The frame of a page for this request. Takes the flash, so it is shown once. */
export function chrome(c: EditorContext, deps: Pick<EditorDeps, 'config' | 'token'>, options: { keepFlash?: boolean } = {}): Chrome {
  const session = c.get('session');
  const flash = session?.flash ?? null;
  if (session && !options.keepFlash) session.flash = null;
  return {
    nonce: c.get('secureHeadersNonce'),
    csrf: session?.csrf ?? null,
    editor: editorOf(c, deps),
    tokenMode: deps.token != null,
    flash,
  };
}

/** POST → 303 to `to`, with a message for the next page (sessions only; bearer scripts read the status). */
export function redirectWith(c: EditorContext, to: string, flash: Flash): Response {
  const session = c.get('session');
  if (session) session.flash = flash;
  return c.redirect(to, 303);
}

/** A form body checked with zod; the first problem becomes a one-line 400. */
export function form<T extends z.ZodType>(schema: T) {
  return validator('form', (value): z.infer<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? 'form';
    throw new UsageError(`${field}: ${issue?.message ?? 'invalid'}`);
  });
}
