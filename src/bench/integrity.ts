/**
 * "No tool lost or reviewed twice", counted from the drafts in the database rather than from
 * the batch's own report: every tool of the source must have exactly one review.
 */
import type Database from 'better-sqlite3';

export interface Integrity {
  tools: number;
  /** Tools with exactly one draft. */
  reviewedOnce: number;
  /** Tools of the source with no draft. */
  lost: number;
  /** Tools with more than one draft. */
  duplicated: number;
  /** Drafts of tools that were not in the source. */
  strays: number;
  ok: boolean;
}

/** Pure: the source's tool URLs against the drafts counted per tool URL. */
export function checkIntegrity(expected: readonly string[], draftsPerTool: ReadonlyMap<string, number>): Integrity {
  const wanted = new Set(expected);
  let reviewedOnce = 0;
  let lost = 0;
  let duplicated = 0;
  for (const url of wanted) {
    const drafts = draftsPerTool.get(url) ?? 0;
    if (drafts === 0) lost += 1;
    else if (drafts === 1) reviewedOnce += 1;
    else duplicated += 1;
  }
  const strays = [...draftsPerTool].filter(([url, drafts]) => drafts > 0 && !wanted.has(url)).length;
  return { tools: wanted.size, reviewedOnce, lost, duplicated, strays, ok: lost === 0 && duplicated === 0 && strays === 0 };
}

/** Drafts per (normalised) tool URL in a store's database. */
export function draftsPerTool(db: Database.Database): Map<string, number> {
  const rows = db
    .prepare<[], { url: string; drafts: number }>('SELECT t.url AS url, count(r.id) AS drafts FROM tools t LEFT JOIN reviews r ON r.tool_id = t.id GROUP BY t.url')
    .all();
  return new Map(rows.map((row) => [row.url, row.drafts]));
}
