/**
 * Comparison pages, their verdict-line revisions and community vote counts in SQLite (migration
 * 020; votes are cast in votes.ts). Only queries live here; which moves are allowed and when a
 * line is written is the publish stage's business. Writes are meant to run inside `Store.write`.
 */
import type Database from 'better-sqlite3';
import { guardQueries } from './db-errors.js';
import { PanelError } from '../errors.js';
import { Usage } from '../schemas.js';

export type ComparisonStatus = 'draft' | 'approved' | 'superseded';
export type VoteChoice = 'ship' | 'skip';

/** A row of `tools`: the tool as it is now. */
export interface ToolRow {
  id: number;
  url: string;
  slug: string;
  name: string;
}

/** One version of a comparison page for a pair of tools, pinned to two reviews. */
export interface ComparisonRow {
  id: number;
  slug: string;
  pairKey: string;
  toolAId: number;
  toolBId: number;
  reviewAId: string;
  reviewBId: string;
  status: ComparisonStatus;
  createdAt: string;
  updatedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  supersededBy: number | null;
  supersededAt: string | null;
}

/** One revision of a comparison's verdict line. */
export interface VerdictLineRevision {
  revision: number;
  source: 'model' | 'editor';
  author: string;
  text: string;
  model: string | null;
  usage: Usage | null;
  promptVersion: string | null;
  createdAt: string;
}

export type NewVerdictLine = Omit<VerdictLineRevision, 'revision'>;

export interface NewComparison {
  slug: string;
  toolAId: number;
  toolBId: number;
  reviewAId: string;
  reviewBId: string;
  at: string;
}

/** Votes of one tool. `lastAt` is the newest vote's time, null without votes. */
export interface VoteTally {
  ship: number;
  skip: number;
  lastAt: string | null;
}

/** The pair in either order: `3:7` for tools 7 and 3. */
export function pairKey(toolAId: number, toolBId: number): string {
  return `${Math.min(toolAId, toolBId)}:${Math.max(toolAId, toolBId)}`;
}

const COMPARISON_SELECT = `
  SELECT id, slug, pair_key AS pairKey, tool_a_id AS toolAId, tool_b_id AS toolBId,
         review_a_id AS reviewAId, review_b_id AS reviewBId, status, created_at AS createdAt,
         updated_at AS updatedAt, approved_by AS approvedBy, approved_at AS approvedAt,
         superseded_by AS supersededBy, superseded_at AS supersededAt
  FROM comparisons`;

interface LineRow {
  revision: number;
  source: 'model' | 'editor';
  author: string;
  text: string;
  model: string | null;
  usage_json: string | null;
  prompt_version: string | null;
  created_at: string;
}

export function createComparisonQueries(db: Database.Database) {
  const toolById = db.prepare<[number], ToolRow>('SELECT id, url, slug, name FROM tools WHERE id = ?');
  const toolByUrl = db.prepare<[string], ToolRow>('SELECT id, url, slug, name FROM tools WHERE url = ?');
  const byId = db.prepare<[number], ComparisonRow>(`${COMPARISON_SELECT} WHERE id = ?`);
  const openOfPair = db.prepare<[string], ComparisonRow>(
    `${COMPARISON_SELECT} WHERE pair_key = ? AND status IN ('draft', 'approved') ORDER BY id`,
  );
  const bySlug = db.prepare<[string], ComparisonRow>(`${COMPARISON_SELECT} WHERE slug = ? ORDER BY id DESC`);
  const all = db.prepare<[], ComparisonRow>(`${COMPARISON_SELECT} ORDER BY slug, id`);
  const insert = db.prepare(`
    INSERT INTO comparisons (slug, pair_key, tool_a_id, tool_b_id, review_a_id, review_b_id, status,
      created_at, updated_at)
    VALUES (@slug, @pairKey, @toolAId, @toolBId, @reviewAId, @reviewBId, 'draft', @at, @at)`);
  const repin = db.prepare(`
    UPDATE comparisons SET slug = @slug, tool_a_id = @toolAId, tool_b_id = @toolBId,
      review_a_id = @reviewAId, review_b_id = @reviewBId, updated_at = @at
    WHERE id = @id AND status = 'draft' AND pair_key = @pairKey`);
  const approve = db.prepare(
    "UPDATE comparisons SET status = 'approved', approved_by = @by, approved_at = @at, updated_at = @at WHERE id = @id",
  );
  const supersede = db.prepare(
    "UPDATE comparisons SET status = 'superseded', superseded_by = @by, superseded_at = @at, updated_at = @at WHERE id = @id",
  );
  const lines = db.prepare<[number], LineRow>(
    'SELECT revision, source, author, text, model, usage_json, prompt_version, created_at FROM comparison_lines WHERE comparison_id = ? ORDER BY revision',
  );
  const nextRevision = db.prepare<[number], { next: number }>(
    'SELECT coalesce(max(revision), 0) + 1 AS next FROM comparison_lines WHERE comparison_id = ?',
  );
  const insertLine = db.prepare(`
    INSERT INTO comparison_lines (comparison_id, revision, source, author, text, model, usage_json,
      prompt_version, created_at)
    VALUES (@comparisonId, @revision, @source, @author, @text, @model, @usage, @promptVersion, @createdAt)`);
  const tally = db.prepare<[number], { ship: number; skip: number; lastAt: string | null }>(`
    SELECT coalesce(sum(vote = 'ship'), 0) AS ship, coalesce(sum(vote = 'skip'), 0) AS skip,
           max(created_at) AS lastAt
    FROM community_votes WHERE tool_id = ?`);

  const toRevision = (row: LineRow): VerdictLineRevision => ({
    revision: row.revision,
    source: row.source,
    author: row.author,
    text: row.text,
    model: row.model,
    usage: row.usage_json == null ? null : parseUsage(row.usage_json),
    promptVersion: row.prompt_version,
    createdAt: row.created_at,
  });

  const addLine = (comparisonId: number, line: NewVerdictLine): VerdictLineRevision => {
    const revision = nextRevision.get(comparisonId)?.next ?? 1;
    insertLine.run({
      comparisonId,
      revision,
      source: line.source,
      author: line.author,
      text: line.text,
      model: line.model,
      usage: line.usage == null ? null : JSON.stringify(line.usage),
      promptVersion: line.promptVersion,
      createdAt: line.createdAt,
    });
    return { ...line, revision };
  };

  return guardQueries({
    tool: (id: number): ToolRow | undefined => toolById.get(id),
    /** The tool with this normalised URL (see normalizeToolUrl). */
    toolByUrl: (url: string): ToolRow | undefined => toolByUrl.get(url),
    comparison: (id: number): ComparisonRow | undefined => byId.get(id),
    /** The pair's draft and approved versions (either order of the tools), oldest first. */
    openComparisons: (toolAId: number, toolBId: number): ComparisonRow[] => openOfPair.all(pairKey(toolAId, toolBId)),
    /** Every version written under this slug, newest first. */
    comparisonsBySlug: (slug: string): ComparisonRow[] => bySlug.all(slug),
    /** Every version of every comparison, by slug. */
    allComparisons: (): ComparisonRow[] => all.all(),

    /** A new draft version; the pair must have no draft yet (a unique index says so too). */
    insertDraft(draft: NewComparison): number {
      const result = insert.run({ ...draft, pairKey: pairKey(draft.toolAId, draft.toolBId) });
      return Number(result.lastInsertRowid);
    },
    /** Points a draft at newer reviews (and the order the editor gave) before a new line. */
    repinDraft(id: number, draft: NewComparison): void {
      const result = repin.run({ ...draft, id, pairKey: pairKey(draft.toolAId, draft.toolBId) });
      if (result.changes !== 1) throw new PanelError(`comparison ${id} is not a draft of this pair`);
    },
    approve: (id: number, by: string, at: string): void => void approve.run({ id, by, at }),
    supersede: (id: number, by: number, at: string): void => void supersede.run({ id, by, at }),

    /** The line's revisions, oldest first. */
    lines: (comparisonId: number): VerdictLineRevision[] => lines.all(comparisonId).map(toRevision),
    addLine,
    /** Copies every line revision of one version to another (a draft reopened from the approved one). */
    copyLines(fromId: number, toId: number): void {
      for (const line of lines.all(fromId).map(toRevision)) addLine(toId, line);
    },

    /** Every vote counts, with or without a voter (votes from before migration 064 have none); casting is in votes.ts. */
    votes(toolId: number): VoteTally {
      const row = tally.get(toolId);
      return { ship: row?.ship ?? 0, skip: row?.skip ?? 0, lastAt: row?.lastAt ?? null };
    },
  }, db.name);
}

export type ComparisonQueries = ReturnType<typeof createComparisonQueries>;

function parseUsage(text: string): Usage | null {
  try {
    return Usage.parse(JSON.parse(text));
  } catch (error) {
    throw new PanelError('stored usage of a verdict line is damaged', { cause: error });
  }
}
