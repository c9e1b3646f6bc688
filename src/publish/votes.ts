/**
 * Community votes: `votes <tool> ship|skip` records one; the figure every page shows is
 * counted from them (see `communityFigure`: "No community votes yet", "67% ship · 3 votes").
 */
import { createComparisonQueries, type ToolRow, type VoteChoice } from '../store/index.js';
import { communityFigure } from './compare.js';
import { findTool, type CompareDeps } from './resolve.js';
import type { CommunityFigure } from './schemas.js';

export interface ToolVotes {
  tool: ToolRow;
  community: CommunityFigure;
}

/** The tool's votes, counted. */
export function toolVotes(ref: string, deps: Pick<CompareDeps, 'store' | 'resolveReview'>): ToolVotes {
  const { tool } = findTool(ref, deps);
  return { tool, community: communityFigure(createComparisonQueries(deps.store.db).votes(tool.id)) };
}

/** Records one vote for the tool `ref` names (URL, slug or review id) and returns the new count. */
export function recordVote(
  ref: string,
  vote: VoteChoice,
  deps: Pick<CompareDeps, 'store' | 'resolveReview'> & { now?: () => Date },
): ToolVotes {
  const { store } = deps;
  const { tool } = findTool(ref, deps);
  const queries = createComparisonQueries(store.db);
  const at = (deps.now ?? (() => new Date()))().toISOString();
  store.write(() => queries.addVote(tool.id, vote, at));
  return { tool, community: communityFigure(queries.votes(tool.id)) };
}
