/**
 * Community votes with voters (migration 064). The site sends a stable anonymous id per
 * browser; only HMAC-SHA256 of it, keyed by this database's own random salt, is stored.
 * Plain SHA-256 would do for a long random id, but the site's id is not ours to vouch for: a
 * short or guessable one (a counter, a hash of an address) could be found again by hashing
 * guesses, and the same browser would carry the same hash in every store. Keyed by a per-store
 * salt, a hash means nothing outside this database. Writes are meant to run inside `Store.write`.
 */
import { createHmac } from 'node:crypto';
import type Database from 'better-sqlite3';
import { PanelError } from '../errors.js';
import { guardQueries } from './db-errors.js';
import type { VoteChoice } from './comparisons.js';

/** What casting a vote did: a first vote, a changed one, or the same vote again (nothing written). */
export type CastVote = 'recorded' | 'changed' | 'unchanged';

const SALT_NAME = 'vote-voter-salt';

export function createVoteQueries(db: Database.Database) {
  const salt = db.prepare<[string], { value: string }>('SELECT value FROM store_secrets WHERE name = ?');
  const byVoter = db.prepare<[number, string], { id: number; vote: VoteChoice }>(
    'SELECT id, vote FROM community_votes WHERE tool_id = ? AND voter_hash = ?',
  );
  const insert = db.prepare('INSERT INTO community_votes (tool_id, vote, created_at, voter_hash) VALUES (?, ?, ?, ?)');
  const change = db.prepare('UPDATE community_votes SET vote = ?, created_at = ? WHERE id = ?');
  let key: Buffer | undefined;

  const voterHash = (voter: string): string => {
    if (key == null) {
      const row = salt.get(SALT_NAME);
      if (row == null) throw new PanelError('the database has no voter salt (migration 064 did not run)');
      key = Buffer.from(row.value, 'hex');
    }
    return createHmac('sha256', key).update(voter, 'utf8').digest('hex');
  };

  return guardQueries({
    /**
     * The voter's vote on the tool: a first vote is a new row, a different one replaces it
     * (with the new time), the same one again changes nothing. `voter` is the validated key.
     */
    cast(toolId: number, vote: VoteChoice, voter: string, at: string): CastVote {
      const hash = voterHash(voter);
      const previous = byVoter.get(toolId, hash);
      if (previous == null) {
        insert.run(toolId, vote, at, hash);
        return 'recorded';
      }
      if (previous.vote === vote) return 'unchanged';
      change.run(vote, at, previous.id);
      return 'changed';
    },
  }, db.name);
}

export type VoteQueries = ReturnType<typeof createVoteQueries>;
