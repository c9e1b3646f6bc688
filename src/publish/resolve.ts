/**
 * Which review of a tool a comparison shows. A tool is named by URL, by slug or by review id
 * (the desk's reference rules, passed in as `resolveReview` so this stage does not depend on
 * the editor's); without `--drafts` only an approved review will do.
 */
import { UsageError } from '../errors.js';
import { createComparisonQueries, normalizeToolUrl, type ReviewSummary, type Store, type ToolRow } from '../store/index.js';
import type { ComparedTool } from './compare.js';
import { cardVerdictChange, toolHistory } from './history.js';

/** The desk's rule: a full review id, a unique id prefix (4+ characters) or a tool slug (its newest review). */
export type ResolveReview = (ref: string) => ReviewSummary;

/** What the comparison functions read from. */
export interface CompareDeps {
  store: Store;
  resolveReview: ResolveReview;
  /** The panel's personas in panel order (persona files), for the scorecard's rows. */
  personas?: ReadonlyArray<{ id: string; name: string }>;
}

export interface CompareOptions {
  /** Allow draft reviews (the tool's newest draft or approved review); the page is a preview. */
  drafts?: boolean;
}

/** A tool as named on the command line, with the review the page will show. */
export interface ResolvedTool {
  tool: ToolRow;
  side: ComparedTool;
}

const HAS_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const short = (id: string) => id.slice(0, 8);

function reviewOfTool(store: Store, tool: ToolRow, drafts: boolean): ReviewSummary {
  const reviews = store.findReviews({ slug: tool.slug });
  const open = reviews.filter((review) => review.status === 'approved' || (drafts && review.status === 'draft'));
  // With --drafts the newest open review wins: the page as it would look once it is approved.
  const chosen = drafts ? open[0] : open.find((review) => review.status === 'approved');
  if (chosen) return chosen;
  const draft = reviews.find((review) => review.status === 'draft');
  if (drafts) throw new UsageError(`${tool.name} has no approved or draft review to compare (its reviews were rejected or superseded)`);
  if (draft) {
    throw new UsageError(
      `${tool.name} has no approved review: its draft ${short(draft.id)} waits for an editor (npm run drafts -- approve ${short(draft.id)}), or pass --drafts to preview it`,
    );
  }
  throw new UsageError(`${tool.name} has no approved review (its reviews were rejected or superseded)`);
}

function checkReview(summary: ReviewSummary, drafts: boolean, slug: string): void {
  if (summary.status === 'approved' || (drafts && summary.status === 'draft')) return;
  const name = `review ${short(summary.id)} (${summary.tool.name})`;
  if (summary.status === 'draft') {
    throw new UsageError(`${name} is a draft: approve it first (npm run drafts -- approve ${short(summary.id)}) or pass --drafts`);
  }
  throw new UsageError(`${name} is ${summary.status}: only approved reviews are compared (give the tool's slug, ${slug}, for its approved review)`);
}

/**
 * The tool `ref` names: a URL (any form of it the store would normalise alike), a tool slug, or
 * a review id or prefix. `named` is the review an id or prefix named; undefined for a URL or slug.
 */
export function findTool(ref: string, deps: Pick<CompareDeps, 'store' | 'resolveReview'>): { tool: ToolRow; named?: ReviewSummary } {
  const { store } = deps;
  const queries = createComparisonQueries(store.db);
  const wanted = ref.trim();
  if (HAS_SCHEME.test(wanted)) {
    let url: string;
    try {
      url = normalizeToolUrl(wanted);
    } catch {
      throw new UsageError(`"${wanted}" is not a valid URL`);
    }
    const tool = queries.toolByUrl(url);
    if (tool == null) throw new UsageError(`no reviewed tool has the URL ${wanted} (give a reviewed tool's URL, slug or review id)`, { kind: 'not-found' });
    return { tool };
  }
  const named = deps.resolveReview(wanted);
  const toolId = store.reviewState(named.id)?.toolId;
  const tool = toolId == null ? undefined : queries.tool(toolId);
  if (tool == null) throw new UsageError(`review ${short(named.id)} no longer exists`);
  // A slug names the tool; an id or prefix names that very review.
  return named.tool.slug === wanted.toLowerCase() ? { tool } : { tool, named };
}

/** The tool named by `ref` and the review to show, or a one-line `UsageError`. */
export function resolveTool(ref: string, deps: CompareDeps, options: CompareOptions = {}): ResolvedTool {
  const { store } = deps;
  const drafts = options.drafts === true;
  const { tool, named } = findTool(ref, deps);
  if (named != null) checkReview(named, drafts, tool.slug);
  const summary = named ?? reviewOfTool(store, tool, drafts);
  const review = store.getReview(summary.id);
  const state = store.reviewState(summary.id);
  if (review == null || state == null) throw new UsageError(`review ${short(summary.id)} no longer exists`);
  const approved = state.status === 'approved';
  // A simulated page is marked so already; its history may show simulated publications, no other page's may.
  const history = approved ? toolHistory(store, tool.id, { allowSimulated: review.simulated === true }) : undefined;
  return {
    tool,
    side: {
      slug: tool.slug,
      review,
      reviewStatus: state.status === 'approved' ? 'approved' : 'draft',
      approvedAt: state.approvedAt,
      approvedBy: state.approvedBy,
      votes: createComparisonQueries(store.db).votes(tool.id),
      verdictChange: cardVerdictChange(history, review.id),
    },
  };
}

/** Both tools, refusing the same tool twice. */
export function resolvePair(refA: string, refB: string, deps: CompareDeps, options: CompareOptions = {}): [ResolvedTool, ResolvedTool] {
  const a = resolveTool(refA, deps, options);
  const b = resolveTool(refB, deps, options);
  if (a.tool.id === b.tool.id) {
    throw new UsageError(`"${refA}" and "${refB}" are the same tool (${a.tool.name}): compare two different tools`);
  }
  return [a, b];
}
