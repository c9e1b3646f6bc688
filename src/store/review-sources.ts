/**
 * What each review read, hashed (migration 063), and the published tools `batch --stale`
 * checks. Only queries: what a hash is and when a tool counts as changed is `freshness/`'s.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';

/** One source of one review, as stored. */
export interface ReviewSourceRow {
  /** 'page', 'readme', 'description', 'facts' (freshness/records.ts). */
  kind: string;
  /** What to fetch or read again: the URL as given, or an absolute file path. */
  target: string;
  /** Where the source was found (after redirects, or its canonical address). */
  url: string;
  /** sha256 (hex) of the whole normalised text. */
  hash: string;
  /** The normaliser version that made `hash` and `text`. */
  normaliser: number;
  /** The normalised text, cut at SOURCE_TEXT_CAP characters. */
  text: string;
  truncated: boolean;
}

/** A tool with a published (approved) review, and what `batch --stale` compares it with. */
export interface PublishedTool {
  toolId: number;
  /** The tool's key (normalised URL or `file:<path>`). */
  url: string;
  name: string;
  publishedId: string;
  /**
   * The review the tool's sources are compared with: the published one, or a newer re-review
   * of it that an editor rejected (the editor has seen that content and kept the verdict).
   */
  baselineId: string;
  baselinePromptVersion: string;
  baselinePersonaVersions: Record<string, string>;
  /** The newest review of the tool, whatever its status; an editor's correction read nothing, so it does not count (`--older-than` looks at it). */
  latestReviewAt: string;
  /** A re-review draft of the published review still waiting for the editor. */
  pendingReReview: string | null;
}

interface PublishedRow {
  toolId: number;
  url: string;
  name: string;
  publishedId: string;
  baselineId: string;
  promptVersion: string;
  personaVersions: string;
  latestReviewAt: string;
  pendingReReview: string | null;
}

/** Writes a review's sources; runs inside the draft's transaction (reviews.ts). */
export function createSourceInsert(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO review_sources (review_id, kind, target, url, hash, normaliser, text, truncated, fetched_at)
    VALUES (@reviewId, @kind, @target, @url, @hash, @normaliser, @text, @truncated, @at)`);
  return (reviewId: string, sources: readonly ReviewSourceRow[], at: string): void => {
    for (const source of sources) insert.run({ reviewId, ...source, truncated: source.truncated ? 1 : 0, at });
  };
}

export function createReviewSourceQueries(db: Database.Database) {
  const byReview = db.prepare<[string], Omit<ReviewSourceRow, 'truncated'> & { truncated: 0 | 1 }>(`
    SELECT kind, target, url, hash, normaliser, text, truncated FROM review_sources WHERE review_id = ? ORDER BY id`);
  const published = db.prepare<[], PublishedRow>(`
    WITH published AS (
      SELECT t.id AS toolId, t.url, t.name, r.id AS publishedId FROM tools t JOIN reviews r ON r.tool_id = t.id AND r.status = 'approved'
    )
    SELECT p.toolId, p.url, p.name, p.publishedId,
      b.id AS baselineId, b.prompt_version AS promptVersion, b.persona_versions_json AS personaVersions,
      (SELECT max(created_at) FROM reviews WHERE tool_id = p.toolId AND origin <> 'correction') AS latestReviewAt,
      (SELECT d.id FROM reviews d WHERE d.amends = p.publishedId AND d.origin = 're-review' AND d.status = 'draft'
        ORDER BY d.created_at DESC LIMIT 1) AS pendingReReview
    FROM published p JOIN reviews b ON b.id = (
      SELECT c.id FROM reviews c
      WHERE c.id = p.publishedId OR (c.amends = p.publishedId AND c.origin = 're-review' AND c.status = 'rejected')
      ORDER BY c.created_at DESC, c.rowid DESC LIMIT 1)
    ORDER BY p.url`);
  // Tools with drafts but nothing published (and nothing rejected only): left to the editor's queue.
  const draftsOnly = db.prepare<[], { n: number }>(`
    SELECT count(*) AS n FROM tools t
    WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.tool_id = t.id AND r.status IN ('approved', 'superseded'))
      AND EXISTS (SELECT 1 FROM reviews r WHERE r.tool_id = t.id AND r.status = 'draft')`);
  const corrects = db.prepare<[string], { amends: string | null }>("SELECT amends FROM reviews WHERE id = ? AND origin = 'correction'");
  const targetOf = db.prepare<[string], { target: string }>(`
    SELECT target FROM batch_items WHERE review_id = ? LIMIT 1`);

  return guardQueries({
    /**
     * The sources a review read, as written with its draft ([] for a review made before 063).
     * An editor's correction read nothing: it has the sources of the review it corrects.
     */
    sources(reviewId: string): ReviewSourceRow[] {
      let id: string | null | undefined = reviewId;
      for (let hops = 0; id != null && hops < 32; hops++) {
        const rows = byReview.all(id);
        if (rows.length > 0) return rows.map((row) => ({ ...row, truncated: row.truncated === 1 }));
        id = corrects.get(id)?.amends;
      }
      return [];
    },
    publishedTools(): PublishedTool[] {
      return published.all().map((row) => ({
        toolId: row.toolId,
        url: row.url,
        name: row.name,
        publishedId: row.publishedId,
        baselineId: row.baselineId,
        baselinePromptVersion: row.promptVersion,
        baselinePersonaVersions: JSON.parse(row.personaVersions) as Record<string, string>,
        latestReviewAt: row.latestReviewAt,
        pendingReReview: row.pendingReReview,
      }));
    },
    /** Tools whose reviews are all drafts: `--stale` leaves them to the editor. */
    draftOnlyTools: (): number => draftsOnly.get()?.n ?? 0,
    /** The target a batch reviewed for this review, if it came from a batch. */
    batchTarget: (reviewId: string): string | undefined => targetOf.get(reviewId)?.target,
  }, db.name);
}

export type ReviewSourceQueries = ReturnType<typeof createReviewSourceQueries>;
