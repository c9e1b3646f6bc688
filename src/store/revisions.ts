/**
 * Persona revisions: every answer a persona ever had on a review, one row each, never changed.
 * Revision 1 is the engine's (saveDraft); an editor's edit (source 'editor') or a regenerated
 * answer (source 'model', author = the editor who asked) is the next number. The current
 * answer of a persona is its highest revision; the model's original stays beside it.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PanelError } from '../errors.js';
import { Failure, PersonaReview, type Review } from '../schemas.js';
import { runWrite } from './write.js';

export type RevisionSource = 'model' | 'editor';

/** One persona_reviews row. `entry` is the answer (or failure) exactly as this revision recorded it. */
export interface PersonaRevision {
  id: number;
  reviewId: string;
  persona: string;
  revision: number;
  /** Order on the page the engine gave it (answers first, failures last). */
  position: number;
  source: RevisionSource;
  /** 'engine' for the draft's own answers, else the editor who wrote or asked for it. */
  author: string;
  createdAt: string;
  entry: PersonaReview | Failure;
}

export interface NewRevision {
  reviewId: string;
  persona: string;
  source: RevisionSource;
  author: string;
  at: string;
  entry: PersonaReview | Failure;
}

/** True when the entry is an answer (score, verdict, quote), false for a failure. */
export function isAnswer(entry: PersonaReview | Failure): entry is PersonaReview {
  return 'score' in entry;
}

interface RevisionRow {
  id: number;
  review_id: string;
  persona: string;
  revision: number;
  position: number;
  source: RevisionSource;
  author: string;
  created_at: string;
  status: 'ok' | 'failed';
  original_json: string;
}

const COLUMNS = 'id, review_id, persona, revision, position, source, author, created_at, status, original_json';

export function createRevisionQueries(db: Database.Database) {
  const byReview = db.prepare<[string], RevisionRow>(
    `SELECT ${COLUMNS} FROM persona_reviews WHERE review_id = ? ORDER BY id`,
  );
  // The highest revision of each persona of each listed review (ids passed as a JSON array).
  const currentByReviews = db.prepare<[string], RevisionRow>(`
    SELECT ${COLUMNS} FROM persona_reviews p
    WHERE p.review_id IN (SELECT value FROM json_each(?))
      AND p.revision = (SELECT max(q.revision) FROM persona_reviews q
                        WHERE q.review_id = p.review_id AND q.persona = p.persona)
    ORDER BY p.review_id, p.position, p.persona`);
  const latest = db.prepare<[string, string], { revision: number; position: number }>(`
    SELECT revision, position FROM persona_reviews WHERE review_id = ? AND persona = ?
    ORDER BY revision DESC LIMIT 1`);
  const insert = db.prepare(`
    INSERT INTO persona_reviews (review_id, persona, revision, position, source, author,
      created_at, status, name, score, verdict, quote, error, model, usage_json, latency_ms,
      attempts, original_json)
    VALUES (@reviewId, @persona, @revision, @position, @source, @author, @at, @status, @name,
      @score, @verdict, @quote, @error, @model, @usage, @latencyMs, @attempts, @original)`);

  return {
    /** Every revision of every persona of the review, in the order they were written. */
    revisions(reviewId: string): PersonaRevision[] {
      return byReview.all(reviewId).map(toRevision);
    },

    /** Review id → its personas' current revisions, in page order. */
    currentRevisions(reviewIds: readonly string[]): Map<string, PersonaRevision[]> {
      const result = new Map<string, PersonaRevision[]>(reviewIds.map((id) => [id, []]));
      for (const row of currentByReviews.all(JSON.stringify(reviewIds))) {
        result.get(row.review_id)?.push(toRevision(row));
      }
      return result;
    },

    /**
     * Append the persona's next revision (keeping its page position). The persona must already
     * be on the review: a revision corrects an answer, it does not add a panel member.
     */
    addRevision(input: NewRevision): PersonaRevision {
      return runWrite(db, () => {
        const previous = latest.get(input.reviewId, input.persona);
        if (previous == null) {
          throw new PanelError(`review ${input.reviewId} has no persona "${input.persona}" to revise`);
        }
        const entry = isAnswer(input.entry) ? PersonaReview.parse(input.entry) : Failure.parse(input.entry);
        const revision = previous.revision + 1;
        const id = insert.run({
          reviewId: input.reviewId,
          persona: input.persona,
          revision,
          position: previous.position,
          source: input.source,
          author: input.author,
          at: input.at,
          ...entryColumns(entry),
        }).lastInsertRowid;
        return { id: Number(id), ...input, entry, revision, position: previous.position, createdAt: input.at };
      });
    },
  };
}

/** The persona_reviews columns that copy an entry, and the entry itself as JSON. */
export function entryColumns(entry: PersonaReview | Failure) {
  const ok = isAnswer(entry);
  return {
    status: ok ? 'ok' : 'failed',
    name: ok ? entry.name : null,
    score: ok ? entry.score : null,
    verdict: ok ? entry.verdict : null,
    quote: ok ? entry.quote : null,
    error: ok ? null : entry.error,
    model: entry.model ?? null,
    usage: entry.usage == null ? null : JSON.stringify(entry.usage),
    latencyMs: ok ? entry.latencyMs : null,
    attempts: ok ? entry.attempts : null,
    original: JSON.stringify(entry),
  };
}

/**
 * The review's answers and failures as its current revisions say, in panel order (the order
 * of `versions.personas`, which is the panel's), so a failure an editor wrote takes its
 * persona's place rather than the end of the list.
 */
export function applyRevisions(base: Review, current: readonly PersonaRevision[]): Pick<Review, 'reviews' | 'failures'> {
  const panelOrder = Object.keys(base.versions.personas);
  const rank = (revision: PersonaRevision) => {
    const index = panelOrder.indexOf(revision.persona);
    return index === -1 ? panelOrder.length + revision.position : index;
  };
  const ordered = [...current].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
  const reviews: PersonaReview[] = [];
  const failures: Failure[] = [];
  for (const { entry } of ordered) {
    if (isAnswer(entry)) reviews.push(entry);
    else failures.push(entry);
  }
  return { reviews, failures };
}

function toRevision(row: RevisionRow): PersonaRevision {
  const schema = row.status === 'ok' ? PersonaReview : Failure;
  let parsed: z.ZodSafeParseResult<PersonaReview | Failure>;
  try {
    parsed = schema.safeParse(JSON.parse(row.original_json));
  } catch (error) {
    throw new PanelError(`stored revision ${row.revision} of ${row.persona} on review ${row.review_id} is damaged`, { cause: error });
  }
  if (!parsed.success) {
    throw new PanelError(
      `stored revision ${row.revision} of ${row.persona} on review ${row.review_id} is invalid: ${z.prettifyError(parsed.error)}`,
    );
  }
  return {
    id: row.id,
    reviewId: row.review_id,
    persona: row.persona,
    revision: row.revision,
    position: row.position,
    source: row.source,
    author: row.author,
    createdAt: row.created_at,
    entry: parsed.data,
  };
}
