/**
 * Sessions in this process's memory: for a read-only database, where they cannot be stored
 * (`session-store-db.ts` keeps them otherwise, so a restart signs nobody out).
 */
import { MAX_SESSIONS, newSessionSecrets, SESSION_IDLE_MS, type Session, type SessionStore } from './security.js';

/** Sessions in memory, dropped after 12 idle hours; past 1,000 the oldest anonymous one goes first. */
export function createSessionStore(now: () => Date): SessionStore {
  const sessions = new Map<string, Session>();
  return {
    create(seed = {}) {
      if (sessions.size >= MAX_SESSIONS) {
        // Anonymous sessions go first, so strangers loading the sign-in page cannot push
        // signed-in editors out.
        const byAge = [...sessions.values()].sort((a, b) => a.seenAt - b.seenAt);
        const oldest = byAge.find((each) => !each.signedIn) ?? byAge[0];
        if (oldest) sessions.delete(oldest.id);
      }
      const session: Session = {
        ...newSessionSecrets(),
        editor: seed.editor ?? null,
        signedIn: seed.signedIn ?? false,
        flash: null,
        seenAt: now().getTime(),
      };
      sessions.set(session.id, session);
      return session;
    },
    get(id) {
      if (id == null) return null;
      const session = sessions.get(id);
      if (session == null) return null;
      const at = now().getTime();
      if (at - session.seenAt > SESSION_IDLE_MS) {
        sessions.delete(id);
        return null;
      }
      session.seenAt = at;
      return session;
    },
    // The objects handed out are the stored ones: nothing to write back.
    save() {},
    destroy(id) {
      sessions.delete(id);
    },
  };
}
