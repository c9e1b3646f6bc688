/**
 * Reading stored comparisons: a version's current verdict line, the version that matches two
 * reviews, whether a version still matches the tools' published reviews, and the page of a pair.
 */
import { UsageError } from '../errors.js';
import {
  createComparisonQueries,
  type ComparisonQueries,
  type ComparisonRow,
  type Store,
  type ToolRow,
  type VerdictLineRevision,
} from '../store/index.js';
import { buildComparisonPage } from './compare.js';
import { resolvePair, type CompareDeps, type CompareOptions, type ResolvedTool } from './resolve.js';
import type { ComparisonPage, VerdictLine } from './schemas.js';

/** A stored version of a comparison with its verdict line's revisions. */
export interface StoredComparison {
  row: ComparisonRow;
  tools: [ToolRow, ToolRow];
  /** Every revision of the line, oldest first; the last is current. */
  lines: VerdictLineRevision[];
  line: VerdictLine;
  /** The latest line a model wrote: "the model said …" beside an edit. */
  modelOriginal: VerdictLineRevision | null;
  /** Why this version can no longer be approved or published; null when it can (or could once its reviews are approved). */
  stale: string | null;
  /** Reviews of this version that are still drafts: approval waits for them. */
  draftReviews: string[];
}

export const COMPARISON_AUDIT = {
  drafted: 'comparison drafted',
  edited: 'comparison line edited',
  approved: 'comparison approved',
  superseded: 'comparison superseded',
} as const;

/** Both rows' reviews are the same two (in either order). */
export function pinsReviews(row: ComparisonRow, reviewA: string, reviewB: string): boolean {
  const pinned = [row.reviewAId, row.reviewBId].sort().join('\n');
  return pinned === [reviewA, reviewB].sort().join('\n');
}

function toolOf(queries: ComparisonQueries, id: number): ToolRow {
  const tool = queries.tool(id);
  if (tool == null) throw new UsageError(`tool ${id} of a comparison no longer exists`);
  return tool;
}

/** The line's disclosure: who wrote the text the page shows. */
export function verdictLineLabel(source: VerdictLine['source'], model: string | null): string {
  if (source === 'model') return `Written by ${model ?? 'an AI model'}`;
  return model == null ? 'Written by an editor' : `Written by ${model}, edited by an editor`;
}

/** A version with its lines and state, read at once. */
export function storedComparison(store: Store, row: ComparisonRow): StoredComparison {
  const queries = createComparisonQueries(store.db);
  const lines = queries.lines(row.id);
  const current = lines.at(-1);
  if (current == null) throw new UsageError(`comparison ${row.slug} has no verdict line`);
  const modelOriginal = [...lines].reverse().find((line) => line.source === 'model') ?? null;
  const tools: [ToolRow, ToolRow] = [toolOf(queries, row.toolAId), toolOf(queries, row.toolBId)];
  const problems: string[] = [];
  const draftReviews: string[] = [];
  [row.reviewAId, row.reviewBId].forEach((reviewId, index) => {
    const state = store.reviewState(reviewId);
    const name = tools[index]?.name ?? 'a tool';
    if (state?.status === 'draft') draftReviews.push(reviewId);
    else if (state?.status !== 'approved') {
      problems.push(`${name}'s review ${reviewId.slice(0, 8)} is ${state?.status ?? 'gone'}`);
    }
  });
  return {
    row,
    tools,
    lines,
    line: {
      text: current.text,
      status: row.status === 'approved' ? 'approved' : 'draft',
      source: current.source,
      model: modelOriginal?.model ?? null,
      label: verdictLineLabel(current.source, modelOriginal?.model ?? null),
    },
    modelOriginal,
    stale: problems.length === 0 ? null : `${problems.join('; ')} — write it again with compare --save`,
    draftReviews,
  };
}

/**
 * The pair's stored version pinned to exactly these two reviews: the approved one first, or
 * the draft first when `preferDraft` (a --drafts preview shows the line being worked on).
 */
export function matchingComparison(store: Store, a: ResolvedTool, b: ResolvedTool, preferDraft: boolean): StoredComparison | undefined {
  const open = createComparisonQueries(store.db)
    .openComparisons(a.tool.id, b.tool.id)
    .filter((row) => pinsReviews(row, a.side.review.id, b.side.review.id));
  const approved = open.find((row) => row.status === 'approved');
  const draft = open.find((row) => row.status === 'draft');
  const chosen = preferDraft ? (draft ?? approved) : (approved ?? draft);
  return chosen == null ? undefined : storedComparison(store, chosen);
}

export interface PairPage {
  page: ComparisonPage;
  tools: [ResolvedTool, ResolvedTool];
  /** The stored version whose line the page shows. */
  stored: StoredComparison | undefined;
  /** True when the pair has a stored version, but for other reviews (its line is not shown). */
  outdatedLine: boolean;
}

/** `compare <a> <b>`: the page of two tools, with the stored verdict line that matches them. */
export function comparePair(refA: string, refB: string, deps: CompareDeps, options: CompareOptions = {}): PairPage {
  const [a, b] = resolvePair(refA, refB, deps, options);
  const stored = matchingComparison(deps.store, a, b, options.drafts === true);
  const outdatedLine =
    stored == null && createComparisonQueries(deps.store.db).openComparisons(a.tool.id, b.tool.id).length > 0;
  const page = buildComparisonPage({
    tools: [a.side, b.side],
    ...(deps.personas ? { personas: deps.personas } : {}),
    verdictLine: stored?.line ?? null,
  });
  return { page, tools: [a, b], stored, outdatedLine };
}

/** The version an editor means by a slug: its draft, else its approved version, else the newest. */
export function findComparison(store: Store, slug: string): StoredComparison {
  const rows = createComparisonQueries(store.db).comparisonsBySlug(slug.trim().toLowerCase());
  const row = rows.find((each) => each.status === 'draft') ?? rows.find((each) => each.status === 'approved') ?? rows[0];
  if (row == null) {
    throw new UsageError(`no comparison "${slug}" (list them with: npm run compare -- list; write one by hand with: npm run compare -- edit <tool> <tool> --verdict-line TEXT)`);
  }
  return storedComparison(store, row);
}

/** The drafts and approved versions of every pair, by slug. */
export function listComparisons(store: Store): StoredComparison[] {
  return createComparisonQueries(store.db)
    .allComparisons()
    .filter((row) => row.status !== 'superseded')
    .map((row) => storedComparison(store, row));
}
