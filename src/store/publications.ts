/**
 * Every publication of every tool's verdict, read from rows that never change once approved:
 * a review that was ever published is `approved` (live) or `superseded` (approved, then
 * replaced; the status trigger of 003 allows no other way to it), with its `approved_at` and
 * `approved_by`, and its `origin`/`amends` (060). Its panel columns and persona revisions are
 * frozen from approval on (the desk changes drafts only; migration 062 makes the database
 * refuse it too), so the history needs no table of its own: it is derived, and always agrees
 * with what was published.
 */
import type Database from 'better-sqlite3';
import type { ReviewOrigin } from '../schemas.js';
import { guardQueries } from './db-errors.js';

/** One approval of a review: a publication of its tool's verdict. */
export interface PublicationRow {
  reviewId: string;
  toolId: number;
  approvedAt: string;
  approvedBy: string;
  origin: ReviewOrigin;
  amends: string | null;
  simulated: boolean;
  /** 'approved' for the live one, 'superseded' for the earlier ones. */
  status: 'approved' | 'superseded';
}

interface Row {
  reviewId: string;
  toolId: number;
  approvedAt: string;
  approvedBy: string | null;
  origin: ReviewOrigin;
  amends: string | null;
  simulated: 0 | 1;
  status: 'approved' | 'superseded';
}

const SELECT = `
  SELECT id AS reviewId, tool_id AS toolId, approved_at AS approvedAt, approved_by AS approvedBy,
         origin, amends, simulated, status
  FROM reviews
  WHERE status IN ('approved', 'superseded') AND approved_at IS NOT NULL`;

/** Oldest first; rowid breaks ties between approvals in the same millisecond. */
const ORDER = 'ORDER BY approved_at, rowid';

export function createPublicationQueries(db: Database.Database) {
  const ofTool = db.prepare<[number], Row>(`${SELECT} AND tool_id = ? ${ORDER}`);
  const all = db.prepare<[], Row>(`${SELECT} ${ORDER}`);
  const toPublication = (row: Row): PublicationRow => ({ ...row, approvedBy: row.approvedBy ?? '?', simulated: row.simulated === 1 });
  return guardQueries(
    {
      /** The tool's publications, oldest first. */
      publicationsOf: (toolId: number): PublicationRow[] => ofTool.all(toolId).map(toPublication),
      /** Every tool's publications, oldest first. */
      allPublications: (): PublicationRow[] => all.all().map(toPublication),
    },
    db.name,
  );
}

export type PublicationQueries = ReturnType<typeof createPublicationQueries>;
