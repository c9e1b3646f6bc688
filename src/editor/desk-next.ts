/**
 * "Next draft": where the desk goes after an approve or reject, and what `j`/`n` opens on a
 * draft page. The draft after this one in the queue's order (see store/queue-order.ts), else
 * the first one before it, else none: the queue is clear.
 */
import { createQueueQueries, type QueueNeighbour, type Store } from '../store/index.js';

export type { QueueNeighbour };

export function nextDraft(store: Store, afterId: string): QueueNeighbour | null {
  return createQueueQueries(store.db).nextDraft(afterId);
}
