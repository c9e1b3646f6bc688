/**
 * A review list's rows: the columns a queue shows, selected without loading any review's JSON
 * (`reviews.ts` adds the WHERE, order and page).
 */
import type { z } from 'zod';
import type { Attention, Panel, ReviewOrigin, ReviewStatus as ReviewStatusSchema } from '../schemas.js';
import { panelFromColumns, type StoredPanelColumns } from './panel-columns.js';

type ReviewStatus = z.infer<typeof ReviewStatusSchema>;

/** One line of a review list: enough to show a queue without loading every review. */
export interface ReviewSummary {
  id: string;
  status: ReviewStatus;
  createdAt: string;
  /** The tool as it is now (its latest name and slug), not as this review saw it. */
  tool: { name: string; slug: string; url: string };
  panel: Panel;
  flagCount: number;
  costUsd: number;
  simulated: boolean;
  origin: ReviewOrigin;
  amends: string | null;
  /** Issue 14's routing; null on drafts made before it (or without it). */
  attention: Attention | null;
}

export interface SummaryRow extends StoredPanelColumns {
  id: string;
  status: ReviewStatus;
  created_at: string;
  tool_name: string;
  tool_slug: string;
  tool_url: string;
  flag_count: number;
  cost_usd: number;
  simulated: 0 | 1;
  origin: ReviewOrigin;
  amends: string | null;
  attention: Attention | null;
}

export const SUMMARY_SELECT = `
  SELECT r.id, r.status, r.created_at, t.name AS tool_name, t.slug AS tool_slug,
         t.url AS tool_url, r.verdict, r.label, r.ship_count, r.skip_count, r.ship_percent,
         r.mean_score, r.complete, json_array_length(r.flags_json) AS flag_count, r.cost_usd,
         r.simulated, r.origin, r.amends, r.attention
  FROM reviews r JOIN tools t ON t.id = r.tool_id`;

/** Newest first; rowid breaks ties between reviews created in the same millisecond. */
export const SUMMARY_ORDER = 'ORDER BY r.created_at DESC, r.rowid DESC';

export function toSummary(row: SummaryRow): ReviewSummary {
  return {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    tool: { name: row.tool_name, slug: row.tool_slug, url: row.tool_url },
    panel: panelFromColumns(row),
    flagCount: row.flag_count,
    costUsd: row.cost_usd,
    simulated: row.simulated === 1,
    origin: row.origin,
    amends: row.amends,
    attention: row.attention,
  };
}

