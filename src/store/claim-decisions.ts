/**
 * Editors' decisions on grounding claims and the profile texts they rewrote (migration 041).
 * Both are append-only: the latest row per claim (per profile field) is the one in force. What
 * a decision means for approval and publishing is the editor stage's business; these are the
 * queries, plus the engine's own review JSON the claims' spans point into.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PanelError } from '../errors.js';
import { Review } from '../schemas.js';
import { guardQueries } from './db-errors.js';

export type ClaimAction = 'accepted' | 'removed';
export type ProfileTextField = 'tagline' | 'description';

export interface ClaimDecision {
  id: number;
  reviewId: string;
  claimId: string;
  action: ClaimAction;
  /** Why an accepted claim stands; null for a removal. */
  reason: string | null;
  editor: string;
  at: string;
}

export interface ProfileEdit {
  id: number;
  reviewId: string;
  field: ProfileTextField;
  text: string;
  editor: string;
  at: string;
}

export type NewClaimDecision = Omit<ClaimDecision, 'id'>;
export type NewProfileEdit = Omit<ProfileEdit, 'id'>;

/** The profile with each field's latest editor text applied (the model's stays in `review_json`). */
export function applyProfileEdits<T extends { tagline: string; description: string }>(tool: T, edits: readonly ProfileEdit[]): T {
  const latest = new Map(edits.map((edit) => [edit.field, edit.text]));
  return { ...tool, tagline: latest.get('tagline') ?? tool.tagline, description: latest.get('description') ?? tool.description };
}

export function createClaimDecisionQueries(db: Database.Database) {
  const decisionsOf = db.prepare<[string], ClaimDecision>(`
    SELECT id, review_id AS reviewId, claim_id AS claimId, action, reason, editor, at
    FROM claim_decisions WHERE review_id = ? ORDER BY id`);
  const insertDecision = db.prepare(`
    INSERT INTO claim_decisions (review_id, claim_id, action, reason, editor, at)
    VALUES (@reviewId, @claimId, @action, @reason, @editor, @at)`);
  const editsOf = db.prepare<[string], ProfileEdit>(`
    SELECT id, review_id AS reviewId, field, text, editor, at
    FROM profile_edits WHERE review_id = ? ORDER BY id`);
  const insertEdit = db.prepare(`
    INSERT INTO profile_edits (review_id, field, text, editor, at)
    VALUES (@reviewId, @field, @text, @editor, @at)`);
  const bump = db.prepare('UPDATE reviews SET revision = revision + 1, updated_at = @at WHERE id = @id');
  const engineJson = db.prepare<[string], { json: string }>('SELECT review_json AS json FROM reviews WHERE id = ?');

  return guardQueries(
    {
      /** Every decision on the review, oldest first. */
      decisions: (reviewId: string): ClaimDecision[] => decisionsOf.all(reviewId),
      /** Claim id → the decision in force (the latest). */
      currentDecisions(reviewId: string): Map<string, ClaimDecision> {
        return new Map(decisionsOf.all(reviewId).map((row) => [row.claimId, row]));
      },
      addDecision: (decision: NewClaimDecision): void => void insertDecision.run(decision),
      /** Every profile edit of the review, oldest first. */
      profileEdits: (reviewId: string): ProfileEdit[] => editsOf.all(reviewId),
      addProfileEdit: (edit: NewProfileEdit): void => void insertEdit.run(edit),
      /** The review's revision moves on (a decision changes what approval would publish). */
      bumpRevision(reviewId: string, at: string): void {
        if (bump.run({ id: reviewId, at }).changes !== 1) throw new PanelError(`review ${reviewId} does not exist`);
      },
      /** The review exactly as the engine saved it: the texts the claims' spans point into. */
      engineReview(reviewId: string): Review | undefined {
        const row = engineJson.get(reviewId);
        if (row == null) return undefined;
        let value: unknown;
        try {
          value = JSON.parse(row.json);
        } catch (error) {
          throw new PanelError(`stored JSON of review ${reviewId} is damaged`, { cause: error });
        }
        const parsed = Review.safeParse(value);
        if (!parsed.success) throw new PanelError(`stored review ${reviewId} is invalid: ${z.prettifyError(parsed.error)}`);
        return parsed.data;
      },
    },
    db.name,
  );
}

export type ClaimDecisionQueries = ReturnType<typeof createClaimDecisionQueries>;
