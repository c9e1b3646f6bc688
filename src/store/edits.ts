/**
 * What editors change on a review besides its answers: the panel and usage columns after a
 * revision, the status with its decision (approved by, rejected by and why, superseded by),
 * and the audit log row that every change writes. The rules (which moves are allowed, who may
 * act) are the editor stage's; these are the writes, each safe inside `Store.write`.
 */
import { panelColumns } from './panel-columns.js';
import type Database from 'better-sqlite3';
import { PanelError } from '../errors.js';
import type { Panel, Usage } from '../schemas.js';
import type { ReviewStatus } from './reviews.js';
import { runWrite } from './write.js';

/** A review's workflow state: status, decisions and when it last changed. */
export interface ReviewState {
  id: string;
  toolId: number;
  status: ReviewStatus;
  createdAt: string;
  updatedAt: string;
  /** 1 for the engine's draft, +1 on every change: what an editor's action names to be sure it is current. */
  revision: number;
  approvedBy: string | null;
  approvedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  rejectReason: string | null;
  /** The approved review that replaced this one. */
  supersededBy: string | null;
  supersededAt: string | null;
}

/** A status move and the decision that goes with it. */
export type StatusChange =
  | { status: 'approved'; by: string }
  | { status: 'rejected'; by: string; reason: string }
  | { status: 'superseded'; by: string };

/** One audit row to append. `detail` is stored as JSON. */
export interface NewAuditEntry {
  reviewId: string | null;
  at: string;
  actor: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  detail?: unknown;
}

const STATE_SELECT = `
  SELECT id, tool_id AS toolId, status, created_at AS createdAt, updated_at AS updatedAt, revision,
         approved_by AS approvedBy, approved_at AS approvedAt, rejected_by AS rejectedBy,
         rejected_at AS rejectedAt, reject_reason AS rejectReason, superseded_by AS supersededBy,
         superseded_at AS supersededAt
  FROM reviews`;

export function createEditQueries(db: Database.Database) {
  const stateById = db.prepare<[string], ReviewState>(`${STATE_SELECT} WHERE id = ?`);
  const statesByIds = db.prepare<[string], ReviewState>(`${STATE_SELECT} WHERE id IN (SELECT value FROM json_each(?))`);
  const approvedOfTool = db.prepare<[number], { id: string }>(
    "SELECT id FROM reviews WHERE tool_id = ? AND status = 'approved' ORDER BY created_at",
  );
  const updatePanel = db.prepare(`
    UPDATE reviews SET verdict = @verdict, label = @label, ship_count = @ship, skip_count = @skip,
      ship_percent = @shipPercent, mean_score = @meanScore, complete = @complete,
      input_tokens = @inputTokens, output_tokens = @outputTokens,
      cached_input_tokens = @cachedInputTokens, cost_usd = @costUsd, usage_json = @usageJson,
      updated_at = @at, revision = revision + 1
    WHERE id = @id`);
  const approve = db.prepare(
    "UPDATE reviews SET status = 'approved', approved_by = @by, approved_at = @at, updated_at = @at, revision = revision + 1 WHERE id = @id",
  );
  const reject = db.prepare(`
    UPDATE reviews SET status = 'rejected', rejected_by = @by, rejected_at = @at,
      reject_reason = @reason, updated_at = @at, revision = revision + 1
    WHERE id = @id`);
  const supersede = db.prepare(
    "UPDATE reviews SET status = 'superseded', superseded_by = @by, superseded_at = @at, updated_at = @at, revision = revision + 1 WHERE id = @id",
  );
  const insertAudit = db.prepare(`
    INSERT INTO audit_log (review_id, at, actor, action, from_status, to_status, detail_json)
    VALUES (@reviewId, @at, @actor, @action, @fromStatus, @toStatus, @detail)`);

  const mustChange = (result: Database.RunResult, id: string) => {
    if (result.changes !== 1) throw new PanelError(`review ${id} does not exist`);
  };

  return {
    reviewState(id: string): ReviewState | undefined {
      return stateById.get(id);
    },

    reviewStates(ids: readonly string[]): Map<string, ReviewState> {
      return new Map(statesByIds.all(JSON.stringify(ids)).map((state) => [state.id, state]));
    },

    /** Ids of the tool's approved reviews (at most one, by the schema's unique index). */
    approvedReviews(toolId: number): string[] {
      return approvedOfTool.all(toolId).map((row) => row.id);
    },

    /** The recomputed panel and the review's total usage, after a revision. */
    setPanel(id: string, update: { panel: Panel; usage: Usage; at: string }): void {
      const { panel, usage, at } = update;
      runWrite(db, () =>
        mustChange(
          updatePanel.run({
            id,
            at,
            ...panelColumns(panel),
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens,
            cachedInputTokens: usage.cachedInputTokens,
            costUsd: usage.costUsd,
            usageJson: JSON.stringify(usage),
          }),
          id,
        ),
      );
    },

    /** Moves the status and records the decision; the schema refuses moves the workflow lacks. */
    setStatus(id: string, change: StatusChange, at: string): void {
      runWrite(db, () => {
        const params = { id, at, by: change.by };
        if (change.status === 'approved') mustChange(approve.run(params), id);
        else if (change.status === 'rejected') mustChange(reject.run({ ...params, reason: change.reason }), id);
        else mustChange(supersede.run(params), id);
      });
    },

    appendAudit(entry: NewAuditEntry): void {
      insertAudit.run({
        reviewId: entry.reviewId,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        fromStatus: entry.fromStatus ?? null,
        toStatus: entry.toStatus ?? null,
        detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      });
    },
  };
}
