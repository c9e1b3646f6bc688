/** The scheduler's claim hooks: one tool is reviewed by one batch at a time (see lock.ts). */
import type { BatchItemRow, BatchQueries } from '../store/index.js';
import type { BatchLock } from './lock.js';

/** Claim hooks for the scheduler: one tool is reviewed by one batch at a time (lock.ts). */
export function claimHooks(lock: BatchLock, queries: BatchQueries, options: { force: boolean; versions: { prompts: string; personas: Record<string, string> }; now: () => Date }) {
  return {
    claim(item: BatchItemRow) {
      const at = options.now().toISOString();
      const outcome = lock.claimTool(item.url, () => {
        // Reviewed by another batch while this one waited: the same skip as at the start.
        const prior = options.force ? undefined : queries.priorReview(item.url, options.versions);
        if (prior != null) queries.skipItem(item.id, 'reviewed by another batch meanwhile (same prompt and persona versions)', prior, at);
        return prior;
      });
      if ('holder' in outcome) {
        const { holder } = outcome;
        const reason = `another batch (${holder.source}, pid ${holder.pid} on ${holder.hostname}) is reviewing it`;
        queries.skipItem(item.id, reason, null, at);
        return { skip: reason, reviewId: null };
      }
      if (outcome.claimed != null) {
        lock.releaseTool(item.url);
        return { skip: 'reviewed by another batch meanwhile', reviewId: outcome.claimed };
      }
      return undefined;
    },
    unclaim(item: BatchItemRow) {
      try {
        lock.releaseTool(item.url);
      } catch {
        // The claim goes stale and is taken over; the run's own release clears it too.
      }
    },
  };
}
