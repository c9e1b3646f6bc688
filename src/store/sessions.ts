/**
 * The editor page's sessions (migration 030), so a restart of `serve` signs nobody out. The
 * cookie holds a random id; only its SHA-256 is stored, so a copy of the database is not a
 * way in. What a session means (CSRF, sign-in, expiry rules) is the editor stage's business.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';

export interface SessionRow {
  idHash: string;
  csrf: string;
  editor: string | null;
  signedIn: boolean;
  /** The message for the next page (JSON-able), or null. */
  flash: unknown;
  createdAt: string;
  seenAt: string;
  expiresAt: string;
}

type RawSession = Omit<SessionRow, 'signedIn' | 'flash'> & { signedIn: 0 | 1; flashJson: string | null };

const toRow = (raw: RawSession): SessionRow => {
  const { flashJson, signedIn, ...rest } = raw;
  return { ...rest, signedIn: signedIn === 1, flash: flashJson == null ? null : (JSON.parse(flashJson) as unknown) };
};

export function createSessionQueries(db: Database.Database) {
  const byHash = db.prepare<[string], RawSession>(`
    SELECT id_hash AS idHash, csrf, editor, signed_in AS signedIn, flash_json AS flashJson,
           created_at AS createdAt, seen_at AS seenAt, expires_at AS expiresAt
    FROM editor_sessions WHERE id_hash = ?`);
  const insert = db.prepare(`
    INSERT INTO editor_sessions (id_hash, csrf, editor, signed_in, flash_json, created_at, seen_at, expires_at)
    VALUES (@idHash, @csrf, @editor, @signedIn, @flash, @createdAt, @seenAt, @expiresAt)`);
  const update = db.prepare(`
    UPDATE editor_sessions SET editor = @editor, signed_in = @signedIn, flash_json = @flash,
      seen_at = @seenAt, expires_at = @expiresAt
    WHERE id_hash = @idHash`);
  const remove = db.prepare<[string]>('DELETE FROM editor_sessions WHERE id_hash = ?');
  const sweep = db.prepare<[string]>('DELETE FROM editor_sessions WHERE expires_at <= ?');
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM editor_sessions');
  // Anonymous sessions go first, so strangers loading the sign-in page cannot push editors out.
  const evict = db.prepare<[number]>(`
    DELETE FROM editor_sessions WHERE id_hash IN (
      SELECT id_hash FROM editor_sessions ORDER BY signed_in, seen_at LIMIT ?)`);
  const params = (row: SessionRow) => ({
    ...row,
    signedIn: row.signedIn ? 1 : 0,
    flash: row.flash == null ? null : JSON.stringify(row.flash),
  });

  return guardQueries(
    {
      get: (idHash: string): SessionRow | undefined => {
        const raw = byHash.get(idHash);
        return raw == null ? undefined : toRow(raw);
      },
      insert: (row: SessionRow): void => void insert.run(params(row)),
      update: (row: SessionRow): void => void update.run(params(row)),
      remove: (idHash: string): void => void remove.run(idHash),
      /** Deletes expired sessions, then the oldest (anonymous first) beyond `max`. */
      prune(now: string, max: number): void {
        sweep.run(now);
        const over = (count.get()?.n ?? 0) - max;
        if (over > 0) evict.run(over);
      },
    },
    db.name,
  );
}

export type SessionQueries = ReturnType<typeof createSessionQueries>;
