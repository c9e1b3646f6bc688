/**
 * The store: drafts and their history in SQLite. The one public entry of `store/`; the CLI
 * opens a store per command and passes it down (no module-level handle).
 */
import type Database from 'better-sqlite3';
import { PanelError } from '../errors.js';
import type { Review } from '../schemas.js';
import { openDatabase } from './db.js';
import { createReviewQueries } from './reviews.js';
import type { AuditEntry, DraftExtras, ReviewQuery, ReviewStatus, ReviewSummary } from './reviews.js';

export { normalizeToolUrl, slugify } from './normalize-url.js';
export type { AuditEntry, DraftExtras, ReviewQuery, ReviewStatus, ReviewSummary } from './reviews.js';

export interface Store {
  /** The connection itself, for later modules (editor, batch) that add their own queries. */
  db: Database.Database;
  close(): void;
  /**
   * Save a new draft in one transaction: the tool (by normalised URL), the review, a row per
   * persona answer and per failure, and a 'created draft' audit entry. Throws, having written
   * nothing, if any part fails (for example an id that is already taken).
   */
  saveDraft(review: Review, extras?: DraftExtras): void;
  /** The review as saved (validated again on the way out), with its current status. */
  getReview(id: string): Review | undefined;
  /** Reviews matching every given field, newest first. */
  findReviews(query: ReviewQuery): ReviewSummary[];
  listReviews(options?: { status?: ReviewStatus; limit?: number }): ReviewSummary[];
  audit(reviewId: string): AuditEntry[];
  /** The page text the panel saw when the draft was made (null when none was kept). */
  pageExcerpt(reviewId: string): string | null;
}

export interface OpenStoreOptions {
  /** Open without writing: no migration, no saves. For readers such as `publish`. */
  readonly?: boolean;
  /** The clock for `updated_at` and audit times; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Open the store at `path` (`PANEL_DB`), creating the file and its directory and migrating
 * as needed; `':memory:'` gives a throwaway store. The caller closes it.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const db = openDatabase(path, { readonly: options.readonly });
  const queries = createReviewQueries(db, options.now ?? (() => new Date()));
  return {
    db,
    close: () => db.close(),
    saveDraft(review, extras = {}) {
      if (db.readonly) throw new PanelError(`cannot save review ${review.id}: ${path} is open read-only`);
      queries.saveDraft(review, extras);
    },
    getReview: queries.getReview,
    findReviews: queries.findReviews,
    listReviews: queries.listReviews,
    audit: queries.audit,
    pageExcerpt: queries.pageExcerpt,
  };
}
