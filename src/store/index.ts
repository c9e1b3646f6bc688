/**
 * The store: drafts and their history in SQLite. The one public entry of `store/`; the CLI
 * opens a store per command and passes it down (no module-level handle).
 */
import type Database from 'better-sqlite3';
import { PanelError } from '../errors.js';
import type { Panel, Review, Usage } from '../schemas.js';
import fs from 'node:fs';
import nodePath from 'node:path';
import { databaseError, guardQueries } from './db-errors.js';
import { DEFAULT_DB_PATH, openDatabase, SchemaBehindError } from './db.js';
import { applyProfileEdits, createClaimDecisionQueries } from './claim-decisions.js';
import { createEditQueries } from './edits.js';
import type { NewAuditEntry, ReviewState, StatusChange } from './edits.js';
import { createReviewQueries } from './reviews.js';
import type { AuditEntry, DraftExtras, ListOptions, ReviewQuery, ReviewSummary } from './reviews.js';
import { createRevisionQueries } from './revisions.js';
import type { NewRevision, PersonaRevision } from './revisions.js';
import { runWrite } from './write.js';

export { normalizeToolUrl, slugify } from './normalize-url.js';
export { createBatchQueries } from './batch-runs.js';
export type { BatchItemRow, BatchItemState, BatchLockRow, BatchQueries, BatchRunRow, BatchRunStatus, BatchRunUsage, BatchSourceKind, NewBatchItem } from './batch-runs.js';
export { createComparisonQueries, pairKey } from './comparisons.js';
export type { ComparisonQueries, ComparisonRow, ComparisonStatus, NewComparison, NewVerdictLine, ToolRow, VerdictLineRevision, VoteChoice, VoteTally } from './comparisons.js';
export type { AuditEntry, DraftExtras, ListOptions, ReviewQuery, ReviewStatus, ReviewSummary } from './reviews.js';
export type { NewAuditEntry, ReviewState, StatusChange } from './edits.js';
export { isAnswer, type NewRevision, type PersonaRevision, type RevisionSource } from './revisions.js';
export { isBusyError, runWrite, DEFAULT_WRITE_RETRY, type WriteRetry } from './write.js';
export { DatabaseError, databaseError, isDatabaseError, type DatabaseProblem } from './db-errors.js';
export { DEFAULT_DB_PATH } from './db.js';
export { createSessionQueries, type SessionQueries, type SessionRow } from './sessions.js';
export { createClaimQueries, type ClaimQueries, type ClaimRow } from './claims.js';
export {
  applyProfileEdits,
  createClaimDecisionQueries,
  type ClaimAction,
  type ClaimDecision,
  type ClaimDecisionQueries,
  type NewClaimDecision,
  type NewProfileEdit,
  type ProfileEdit,
  type ProfileTextField,
} from './claim-decisions.js';
export { createProviderBatchQueries } from './provider-batches.js';
export { createPublicationQueries, type PublicationQueries, type PublicationRow } from './publications.js';
export { createReviewSourceQueries, type PublishedTool, type ReviewSourceQueries, type ReviewSourceRow } from './review-sources.js';
export { createQueueQueries, QUEUE_ORDER, type QueueNeighbour, type QueueQueries } from './queue-order.js';
export { createVoteQueries, type VoteQueries, type CastVote } from './votes.js';
export type { ProviderBatchItemRow, ProviderBatchItemState, ProviderBatchQueries, ProviderBatchRow, ProviderBatchState, StoredOutcome } from './provider-batches.js';

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
  /**
   * The review as it stands (validated again on the way out): the engine's JSON with each
   * persona's current revision, an editor's tagline or description (migration 041), the
   * recomputed panel and usage, and the current status.
   */
  getReview(id: string): Review | undefined;
  /** Reviews matching every given field, newest first. */
  findReviews(query: ReviewQuery): ReviewSummary[];
  /** Newest first (or in the draft queue's order), optionally one page of it. */
  listReviews(options?: ListOptions): ReviewSummary[];
  /** Review id → its personas in panel order. */
  personaOrders(ids: readonly string[]): Map<string, string[]>;
  audit(reviewId: string): AuditEntry[];
  /** The page text the panel saw when the draft was made (null when none was kept). */
  pageExcerpt(reviewId: string): string | null;

  // The editor's desk: the primitives its rules are built from (src/editor/). Each write is
  // atomic on its own; wrap several in `write` to commit them together.

  /**
   * Run `work` as one write transaction (`BEGIN IMMEDIATE`, retried on SQLITE_BUSY with a
   * short backoff): everything it writes commits together or not at all, and what it reads
   * cannot change under it. It may run more than once, so it should only read and write the
   * database: make model calls before it, then re-check the state inside it.
   */
  write<T>(work: () => T): T;
  /** Status and decisions of one review. */
  reviewState(id: string): ReviewState | undefined;
  reviewStates(ids: readonly string[]): Map<string, ReviewState>;
  /** Every revision of the review's personas, in the order written. */
  revisions(reviewId: string): PersonaRevision[];
  /** Review id → its personas' current (highest) revisions. */
  currentRevisions(reviewIds: readonly string[]): Map<string, PersonaRevision[]>;
  /** Append a persona's next revision; the persona must already be on the review. */
  addRevision(revision: NewRevision): PersonaRevision;
  /** Store the recomputed panel and the review's total usage. */
  setPanel(reviewId: string, update: { panel: Panel; usage: Usage; at: string }): void;
  /** Move the status with its decision (the schema refuses moves the workflow lacks). */
  setStatus(reviewId: string, change: StatusChange, at: string): void;
  /** The tool's approved review ids (at most one). */
  approvedReviews(toolId: number): string[];
  appendAudit(entry: NewAuditEntry): void;
}

export interface OpenStoreOptions {
  /** Open without writing: no migration, no saves. For readers such as `publish`. */
  readonly?: boolean;
  /**
   * - `write` (default): read-write, creating and migrating as needed.
   * - `read`: the command only reads. An existing database whose schema is current is opened
   *   read-only, so a file this process may not write still works; otherwise as `write` (to
   *   create or migrate it).
   * - `prefer-write`: read-write when possible, else read-only (`serve`: its pages still work
   *   on a read-only file, its actions say why they cannot).
   */
  access?: 'write' | 'read' | 'prefer-write';
  /** The clock for `updated_at` and audit times; tests pass a fixed one. */
  now?: () => Date;
}

/**
 * Open the store at `path` (`PANEL_DB`), creating the file and its directory and migrating
 * as needed; `':memory:'` gives a throwaway store. The caller closes it.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const db = openFor(path, options);
  const queries = createReviewQueries(db, options.now ?? (() => new Date()));
  const revisions = createRevisionQueries(db);
  const edits = createEditQueries(db);
  const decisions = createClaimDecisionQueries(db);
  return guardQueries<Store>({
    db,
    close: () => db.close(),
    saveDraft(review, extras = {}) {
      if (db.readonly) throw new PanelError(`cannot save review ${review.id}: ${path} is open read-only`);
      queries.saveDraft(review, extras);
    },
    getReview(id) {
      const review = queries.getReview(id);
      return review == null ? undefined : { ...review, tool: applyProfileEdits(review.tool, decisions.profileEdits(id)) };
    },
    findReviews: queries.findReviews,
    listReviews: queries.listReviews,
    personaOrders: queries.personaOrders,
    audit: queries.audit,
    pageExcerpt: queries.pageExcerpt,
    write: (work) => runWrite(db, work),
    reviewState: edits.reviewState,
    reviewStates: edits.reviewStates,
    revisions: revisions.revisions,
    currentRevisions: revisions.currentRevisions,
    addRevision: revisions.addRevision,
    setPanel: edits.setPanel,
    setStatus: edits.setStatus,
    approvedReviews: edits.approvedReviews,
    appendAudit: edits.appendAudit,
  }, path);
}

function openFor(path: string, options: OpenStoreOptions): ReturnType<typeof openDatabase> {
  const createDirectory = nodePath.resolve(path) === nodePath.resolve(DEFAULT_DB_PATH);
  const access = options.readonly ? 'read-only' : (options.access ?? 'write');
  if (access === 'read-only') return openDatabase(path, { readonly: true });
  const exists = path !== ':memory:' && path !== '' && fs.existsSync(path);
  if (access === 'read' && exists) {
    try {
      return openDatabase(path, { readonly: true });
    } catch (error) {
      // An older schema needs migrating, which needs write access: fall through to `write`.
      if (!(error instanceof SchemaBehindError)) throw error;
    }
  }
  try {
    return openDatabase(path, { createDirectory });
  } catch (error) {
    if (access !== 'prefer-write' || !exists || databaseError(error, path)?.problem !== 'read-only') throw error;
    return openDatabase(path, { readonly: true });
  }
}
