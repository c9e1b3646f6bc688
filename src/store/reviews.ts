/**
 * Reviews in and out of SQLite. `review_json` is what comes back out (a faithful round trip);
 * the columns and the per-persona rows exist for queries and for the editor's revisions.
 * Statements are prepared once per store, not per call, because batch saves thousands.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PanelError } from '../errors.js';
import { Review, ReviewStatus as ReviewStatusSchema, Usage } from '../schemas.js';
import type { Attention, Failure, Panel, PersonaReview, ReviewOrigin } from '../schemas.js';
import { applyRevisions, createRevisionQueries, entryColumns } from './revisions.js';
import { panelColumns, panelFromColumns, type StoredPanelColumns } from './panel-columns.js';
import { QUEUE_ORDER } from './queue-order.js';
import { SUMMARY_ORDER, SUMMARY_SELECT, toSummary, type ReviewSummary, type SummaryRow } from './review-summary.js';
import { createToolUpsert } from './tools.js';
import { createSourceInsert, type ReviewSourceRow } from './review-sources.js';
import { runWrite } from './write.js';

/** What a draft keeps beside its JSON. */
export interface DraftExtras {
  /** The untrusted page text the panel saw, so a persona can be regenerated from the same input. */
  pageExcerpt?: string | null;
  /** Why the draft exists (issue 13); default 'new'. */
  origin?: ReviewOrigin;
  /** The published review a re-review or correction would replace. */
  amends?: string | null;
  /** What the review read, hashed (migration 063), so a later re-fetch can be compared and diffed. */
  sources?: readonly ReviewSourceRow[];
}

export type ReviewStatus = z.infer<typeof ReviewStatusSchema>;
export type { ReviewSummary } from './review-summary.js';

/** One state change. `detail` is whatever JSON the action recorded (a reason, edited fields). */
export interface AuditEntry {
  id: number;
  reviewId: string | null;
  at: string;
  actor: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: unknown;
}

export interface ReviewQuery {
  /** Matches ids starting with this text (case-sensitive), so editors can type a short id. */
  idPrefix?: string;
  slug?: string;
  status?: ReviewStatus;
  /** Drafts that would replace this published review (a correction, a re-review). */
  amends?: string;
  origin?: ReviewOrigin;
}

export interface ListOptions {
  status?: ReviewStatus;
  /** Only reviews with flags. */
  flagged?: boolean;
  /** The draft queue's order instead of newest first. */
  queueOrder?: boolean;
  limit?: number;
  offset?: number;
}

export function createReviewQueries(db: Database.Database, now: () => Date) {
  const upsertTool = createToolUpsert(db);
  const insertSources = createSourceInsert(db);
  const insertReview = db.prepare(`
    INSERT INTO reviews (id, tool_id, status, created_at, updated_at, verdict, label, ship_count,
      skip_count, ship_percent, mean_score, complete, input_tokens, output_tokens,
      cached_input_tokens, cost_usd, prompt_version, persona_versions_json, models_json,
      flags_json, simulated, review_json, page_excerpt, origin, amends, attention)
    VALUES (@id, @toolId, 'draft', @createdAt, @at, @verdict, @label, @ship, @skip, @shipPercent,
      @meanScore, @complete, @inputTokens, @outputTokens, @cachedInputTokens, @costUsd,
      @promptVersion, @personaVersions, @models, @flags, @simulated, @json, @pageExcerpt, @origin, @amends, @attention)`);
  const insertPersona = db.prepare(`
    INSERT INTO persona_reviews (review_id, persona, revision, position, source, author,
      created_at, status, name, score, verdict, quote, error, model, usage_json, latency_ms,
      attempts, original_json)
    VALUES (@reviewId, @persona, 1, @position, 'model', 'engine', @createdAt, @status, @name,
      @score, @verdict, @quote, @error, @model, @usage, @latencyMs, @attempts, @original)`);
  const insertAudit = db.prepare(`
    INSERT INTO audit_log (review_id, at, actor, action, from_status, to_status, detail_json)
    VALUES (@reviewId, @at, @actor, @action, @fromStatus, @toStatus, @detail)`);
  const pageExcerptById = db.prepare<[string], { page_excerpt: string | null }>(
    'SELECT page_excerpt FROM reviews WHERE id = ?',
  );
  const reviewById = db.prepare<[string], ReviewRow>(`
    SELECT status, review_json, usage_json, verdict, label, ship_count, skip_count, ship_percent,
           mean_score, complete
    FROM reviews WHERE id = ?`);
  const revisions = createRevisionQueries(db);
  const auditByReview = db.prepare<[string], AuditEntry & { detail: string | null }>(`
    SELECT id, review_id AS reviewId, at, actor, action, from_status AS fromStatus,
           to_status AS toStatus, detail_json AS detail
    FROM audit_log WHERE review_id = ? ORDER BY id`);

  function personaRow(review: Review, entry: PersonaReview | Failure, position: number) {
    return { reviewId: review.id, persona: entry.persona, position, createdAt: review.createdAt, ...entryColumns(entry) };
  }

  const save = (review: Review, extras: DraftExtras): void => {
    const at = now().toISOString();
    const toolId = upsertTool(review.tool, at);
    const models = Object.fromEntries(
      [...review.reviews, ...review.failures].flatMap((entry) =>
        entry.model == null ? [] : [[entry.persona, entry.model]],
      ),
    );
    const { panel, usage } = review;
    insertReview.run({
      pageExcerpt: extras.pageExcerpt ?? null,
      origin: extras.origin ?? 'new',
      amends: extras.amends ?? null,
      attention: review.routing?.attention ?? null,
      id: review.id,
      toolId,
      createdAt: review.createdAt,
      at,
      ...panelColumns(panel),
      ...usage,
      promptVersion: review.versions.prompts,
      personaVersions: JSON.stringify(review.versions.personas),
      models: JSON.stringify(models),
      flags: JSON.stringify(review.flags),
      simulated: review.simulated === true ? 1 : 0,
      json: JSON.stringify(review),
    });
    insertSources(review.id, extras.sources ?? [], at);
    review.reviews.forEach((entry, index) => insertPersona.run(personaRow(review, entry, index)));
    review.failures.forEach((failure, index) =>
      insertPersona.run(personaRow(review, failure, review.reviews.length + index)),
    );
    insertAudit.run({
      reviewId: review.id,
      at,
      actor: 'engine',
      action: 'created draft',
      fromStatus: null,
      toStatus: 'draft',
      detail: null,
    });
  };

  function summaries(where: string[], params: unknown[], page: Omit<ListOptions, 'status' | 'flagged'> = {}): ReviewSummary[] {
    // SQLite takes OFFSET only after a LIMIT; -1 is its "no limit".
    const paged = page.limit != null || page.offset != null;
    const sql = [
      SUMMARY_SELECT,
      where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
      page.queueOrder ? QUEUE_ORDER : SUMMARY_ORDER,
      paged ? 'LIMIT ? OFFSET ?' : '',
    ].join(' ');
    const rows = db.prepare<unknown[], SummaryRow>(sql).all(...params, ...(paged ? [page.limit ?? -1, page.offset ?? 0] : []));
    return rows.map(toSummary);
  }

  const personaOrderQuery = db.prepare<[string], { key: string }>(
    "SELECT j.key FROM reviews r, json_each(r.review_json, '$.versions.personas') j WHERE r.id = ? ORDER BY j.id",
  );

  return {
    /** Save a new draft with its tool, persona rows and audit entry, all or nothing. */
    saveDraft(review: Review, extras: DraftExtras = {}): void {
      const parsed = Review.parse(review);
      if (parsed.status !== 'draft') {
        throw new PanelError(`saveDraft got review ${parsed.id} with status "${parsed.status}"`);
      }
      // IMMEDIATE, retried on SQLITE_BUSY: a batch and the editor's page may write at once.
      runWrite(db, () => save(parsed, extras));
    },

    /** The page text the panel saw, for regenerating a persona from the same input. */
    pageExcerpt(id: string): string | null {
      return pageExcerptById.get(id)?.page_excerpt ?? null;
    },

    /**
     * The review as it stands: the engine's JSON with each persona's current revision, the
     * panel and usage columns (recomputed after edits) and the status column applied.
     */
    getReview(id: string): Review | undefined {
      const row = reviewById.get(id);
      if (row == null) return undefined;
      const parsed = Review.safeParse(parseStoredJson(row.review_json, id));
      if (!parsed.success) {
        throw new PanelError(`stored review ${id} is invalid: ${z.prettifyError(parsed.error)}`);
      }
      const base = parsed.data;
      const current = revisions.currentRevisions([id]).get(id) ?? [];
      const usage = row.usage_json == null ? base.usage : Usage.parse(parseStoredJson(row.usage_json, id));
      // Editors change the status column after the JSON was written; the column wins.
      return { ...base, status: row.status, ...applyRevisions(base, current), panel: panelFromColumns(row), usage };
    },

    findReviews(query: ReviewQuery): ReviewSummary[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (query.idPrefix != null) {
        // Not LIKE: it is case-insensitive and treats `%` and `_` in the input as wildcards.
        where.push('substr(r.id, 1, ?) = ?');
        params.push(query.idPrefix.length, query.idPrefix);
      }
      if (query.slug != null) {
        where.push('t.slug = ?');
        params.push(query.slug);
      }
      if (query.status != null) {
        where.push('r.status = ?');
        params.push(query.status);
      }
      if (query.amends != null) {
        where.push('r.amends = ?');
        params.push(query.amends);
      }
      if (query.origin != null) {
        where.push('r.origin = ?');
        params.push(query.origin);
      }
      return summaries(where, params);
    },

    listReviews(options: ListOptions = {}): ReviewSummary[] {
      const where: string[] = [];
      const params: unknown[] = [];
      if (options.status != null) {
        where.push('r.status = ?');
        params.push(options.status);
      }
      if (options.flagged) where.push('json_array_length(r.flags_json) > 0');
      return summaries(where, params, options);
    },

    /**
     * Each review's panel order (the keys of its `versions.personas`), read by SQLite from the
     * stored JSON: the queue needs only this, not the whole review parsed and validated.
     */
    personaOrders(ids: readonly string[]): Map<string, string[]> {
      return new Map(ids.map((id) => [id, personaOrderQuery.all(id).map((row) => row.key)]));
    },

    /** The review's audit trail, oldest first. */
    audit(reviewId: string): AuditEntry[] {
      return auditByReview.all(reviewId).map((row) => ({
        ...row,
        detail: row.detail == null ? null : parseStoredJson(row.detail, reviewId),
      }));
    },
  };
}

interface ReviewRow extends StoredPanelColumns {
  status: ReviewStatus;
  review_json: string;
  usage_json: string | null;
}

/** Our own JSON, but a hand-edited or damaged file should fail with a message, not a SyntaxError. */
function parseStoredJson(text: string, reviewId: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PanelError(`stored JSON of review ${reviewId} is damaged`, { cause: error });
  }
}
