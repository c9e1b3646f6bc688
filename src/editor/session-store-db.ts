/**
 * Sessions in the database (store/sessions.ts), so restarting `serve` signs nobody out. The
 * cookie carries a random id; the table holds only its SHA-256. A session expires after
 * `SESSION_IDLE_MS` without a request (sliding); expired rows are swept as new ones are made.
 * Objects handed out are plain copies: `save()` writes back what a request changed (flash,
 * name) and refreshes the expiry at most once a minute, so reading pages costs few writes.
 */
import { createHash } from 'node:crypto';
import type { SessionQueries } from '../store/index.js';
import { MAX_SESSIONS, newSessionSecrets, SESSION_IDLE_MS, type Flash, type Session, type SessionStore } from './security.js';

const TOUCH_EVERY_MS = 60_000;

const hashId = (id: string): string => createHash('sha256').update(id, 'utf8').digest('hex');

export function createDbSessionStore(queries: SessionQueries, now: () => Date): SessionStore {
  /** What each handed-out session looked like when read, to write only what changed. */
  const snapshots = new WeakMap<Session, string>();
  const snapshot = (session: Session) => JSON.stringify([session.editor, session.signedIn, session.flash]);
  const expiry = (at: number) => new Date(at + SESSION_IDLE_MS).toISOString();
  const track = (session: Session): Session => (snapshots.set(session, snapshot(session)), session);

  return {
    create(seed = {}) {
      const at = now().getTime();
      const iso = new Date(at).toISOString();
      queries.prune(iso, MAX_SESSIONS - 1);
      const { id, csrf } = newSessionSecrets();
      const session: Session = { id, csrf, editor: seed.editor ?? null, signedIn: seed.signedIn ?? false, flash: null, seenAt: at };
      queries.insert({ idHash: hashId(id), csrf, editor: session.editor, signedIn: session.signedIn, flash: null, createdAt: iso, seenAt: iso, expiresAt: expiry(at) });
      return track(session);
    },
    get(id) {
      if (id == null || id === '') return null;
      const row = queries.get(hashId(id));
      if (row == null) return null;
      const at = now().getTime();
      if (Date.parse(row.expiresAt) <= at) {
        queries.remove(row.idHash);
        return null;
      }
      return track({ id, csrf: row.csrf, editor: row.editor, signedIn: row.signedIn, flash: (row.flash as Flash | null) ?? null, seenAt: Date.parse(row.seenAt) });
    },
    save(session) {
      const at = now().getTime();
      if (snapshots.get(session) === snapshot(session) && at - session.seenAt < TOUCH_EVERY_MS) return;
      const iso = new Date(at).toISOString();
      queries.update({ idHash: hashId(session.id), csrf: session.csrf, editor: session.editor, signedIn: session.signedIn, flash: session.flash, createdAt: iso, seenAt: iso, expiresAt: expiry(at) });
      session.seenAt = at;
      track(session);
    },
    destroy(id) {
      queries.remove(hashId(id));
    },
  };
}
