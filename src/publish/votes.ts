/**
 * Community votes: `votes <tool> ship|skip --voter KEY` records one; the figure every page
 * shows is counted from them (see `communityFigure`: "No community votes yet", "67% ship · 3
 * votes"). One vote per voter per tool: a voter's second vote replaces the first. Votes from
 * before voters existed (migration 064) have none and stay counted.
 */
import { UsageError } from '../errors.js';
import { VoterKey } from '../schemas.js';
import { createComparisonQueries, createVoteQueries, type CastVote, type ToolRow, type VoteChoice } from '../store/index.js';
import { communityFigure } from './compare.js';
import { findTool, type CompareDeps } from './resolve.js';
import type { CommunityFigure } from './schemas.js';

export interface ToolVotes {
  tool: ToolRow;
  community: CommunityFigure;
}

/** A vote and who cast it: the site's anonymous voter key. */
export interface Ballot {
  vote: VoteChoice;
  voter: string;
}

/** The tool's votes, counted. */
export function toolVotes(ref: string, deps: Pick<CompareDeps, 'store' | 'resolveReview'>): ToolVotes {
  const { tool } = findTool(ref, deps);
  return { tool, community: communityFigure(createComparisonQueries(deps.store.db).votes(tool.id)) };
}

/**
 * The voter key, checked: bad input is one line (exit 2) that does not echo the key, since it
 * identifies a reader's browser.
 */
export function checkVoterKey(voter: string): string {
  if (!VoterKey.safeParse(voter).success) {
    const length = voter.length;
    const what = length < 8 ? 'too short' : length > 128 ? 'too long' : 'has other characters';
    throw new UsageError(`--voter must be 8–128 characters of A–Z, a–z, 0–9, _ or - (the key given is ${length} character${length === 1 ? '' : 's'}, ${what})`);
  }
  return voter;
}

/** Records the voter's vote for the tool `ref` names (URL, slug or review id) and returns the new count. */
export function recordVote(
  ref: string,
  ballot: Ballot,
  deps: Pick<CompareDeps, 'store' | 'resolveReview'> & { now?: () => Date },
): ToolVotes & { cast: CastVote } {
  const voter = checkVoterKey(ballot.voter);
  const { store } = deps;
  const { tool } = findTool(ref, deps);
  const votes = createVoteQueries(store.db);
  const at = (deps.now ?? (() => new Date()))().toISOString();
  const cast = store.write(() => votes.cast(tool.id, ballot.vote, voter, at));
  return { tool, cast, community: communityFigure(createComparisonQueries(store.db).votes(tool.id)) };
}
