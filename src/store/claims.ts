/**
 * Claims on tools being reviewed (migration 030): one row per normalised tool URL while a batch
 * reviews it, whichever source listed the tool, so overlapping batches never review one tool
 * at once. The takeover rule (dead pid, stale heartbeat) is the batch stage's; these are the
 * queries, the check-and-claim in one IMMEDIATE transaction.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';

export interface ClaimRow {
  url: string;
  token: string;
  source: string;
  pid: number;
  hostname: string;
  claimedAt: string;
  heartbeatAt: string;
}

export function createClaimQueries(db: Database.Database) {
  const claimOf = db.prepare<[string], ClaimRow>(`
    SELECT url, token, source, pid, hostname, claimed_at AS claimedAt, heartbeat_at AS heartbeatAt
    FROM review_claims WHERE url = ?`);
  const put = db.prepare(`
    INSERT OR REPLACE INTO review_claims (url, token, source, pid, hostname, claimed_at, heartbeat_at)
    VALUES (@url, @token, @source, @pid, @hostname, @claimedAt, @heartbeatAt)`);
  const beat = db.prepare('UPDATE review_claims SET heartbeat_at = @at WHERE token = @token');
  const release = db.prepare('DELETE FROM review_claims WHERE url = @url AND token = @token');
  const releaseAll = db.prepare<[string]>('DELETE FROM review_claims WHERE token = ?');

  const claim = db.transaction(<T>(candidate: ClaimRow, isStale: (holder: ClaimRow) => boolean, thenCheck: () => T) => {
    const holder = claimOf.get(candidate.url);
    if (holder != null && holder.token !== candidate.token && !isStale(holder)) return { holder } as const;
    put.run(candidate);
    // Inside the same transaction: e.g. "was it reviewed while we waited?", so a tool another
    // batch finished a moment ago is not reviewed again.
    return { claimed: thenCheck() } as const;
  });

  return guardQueries(
    {
      /**
       * Claims `candidate.url` unless a live holder has it (returns `{ holder }`); on success
       * runs `thenCheck` in the same transaction and returns its result as `{ claimed }`.
       */
      claim<T>(candidate: ClaimRow, isStale: (holder: ClaimRow) => boolean, thenCheck: () => T): { holder: ClaimRow } | { claimed: T } {
        return claim.immediate(candidate, isStale, thenCheck) as { holder: ClaimRow } | { claimed: T };
      },
      /** Refreshes every claim of one batch (its lock token). */
      heartbeat: (token: string, at: string): void => void beat.run({ token, at }),
      release: (url: string, token: string): void => void release.run({ url, token }),
      releaseAll: (token: string): void => void releaseAll.run(token),
    },
    db.name,
  );
}

export type ClaimQueries = ReturnType<typeof createClaimQueries>;
