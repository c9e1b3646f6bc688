/**
 * The desk's draft queue order, in one place: the ORDER BY of a queue page, the index that
 * serves it (migration 064 repeats QUEUE_RANK's expression, without the `r.` alias: SQLite
 * uses an expression index only for the same expression) and "the draft after this one".
 *
 * Rank: issue 14's routing first — needs-attention 0, never routed 4, routine 8 — plus, as
 * before, incomplete 0 / complete 2 and flagged 0 / unflagged 1. Then newest first.
 */
import type Database from 'better-sqlite3';

export const QUEUE_RANK =
  "((CASE r.attention WHEN 'needs-attention' THEN 0 WHEN 'routine' THEN 8 ELSE 4 END) + (r.complete = 1) * 2 + (json_array_length(r.flags_json) = 0))";

/** Needs-attention, unrouted, routine; in each incomplete, flagged, newest (so a page is a slice of it). */
export const QUEUE_ORDER = `ORDER BY ${QUEUE_RANK}, r.created_at DESC, r.rowid DESC`;

/** A draft the desk can go to next: its id and the tool's current name. */
export interface QueueNeighbour {
  id: string;
  toolName: string;
}

export function createQueueQueries(db: Database.Database) {
  const key = db.prepare<[string], { rank: number; createdAt: string; rowid: number }>(
    `SELECT ${QUEUE_RANK} AS rank, r.created_at AS createdAt, r.rowid AS rowid FROM reviews r WHERE r.id = ?`,
  );
  const select = `SELECT r.id, t.name AS toolName FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.status = 'draft'`;
  // "After" in QUEUE_ORDER: a higher rank, or the same rank and older (ties: a lower rowid).
  const after = db.prepare<{ rank: number; createdAt: string; rowid: number }, QueueNeighbour>(
    `${select} AND (${QUEUE_RANK} > @rank OR (${QUEUE_RANK} = @rank AND (r.created_at < @createdAt OR (r.created_at = @createdAt AND r.rowid < @rowid))))
     ${QUEUE_ORDER} LIMIT 1`,
  );
  const first = db.prepare<[string], QueueNeighbour>(`${select} AND r.id != ? ${QUEUE_ORDER} LIMIT 1`);

  return {
    /**
     * The draft after review `id` in the queue's order (where `id` stands or stood: its rank
     * and date do not change when it is approved or rejected), else the first draft before it
     * (the queue wraps round), else null: the queue is clear.
     */
    nextDraft(id: string): QueueNeighbour | null {
      const anchor = key.get(id);
      if (anchor != null) {
        const next = after.get(anchor);
        if (next != null) return next;
      }
      return first.get(id) ?? null;
    },
  };
}

export type QueueQueries = ReturnType<typeof createQueueQueries>;
