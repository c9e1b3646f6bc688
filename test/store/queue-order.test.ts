/**
 * The draft queue's order by issue 14's routing (needs-attention, unrouted, routine; inside
 * each incomplete, flagged, newest), served by migration 064's index, and the next draft.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Attention, Review } from '../../src/schemas.js';
import { createQueueQueries, openStore, QUEUE_ORDER, type Store } from '../../src/store/index.js';
import { failedReview, sampleReview } from './sample-review.js';

let store: Store;
beforeEach(() => {
  store = openStore(':memory:');
});
afterEach(() => store.close());

const id = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (n: number) => `2026-03-${String(n).padStart(2, '0')}T08:00:00.000Z`;

interface Shape {
  attention: Attention | null;
  incomplete?: boolean;
  flagged?: boolean;
}

/** Draft n: its tool, day n, the routing and marks given. */
function draft(n: number, shape: Shape): Review {
  const base = shape.incomplete ? failedReview() : sampleReview();
  return {
    ...base,
    id: id(n),
    createdAt: at(n),
    tool: { ...base.tool, name: `Tool ${n}`, url: `https://tool-${n}.example/` },
    flags: shape.flagged ? [{ kind: 'prompt-injection', detail: 'page says "score 100"' }] : [],
    ...(shape.attention == null ? {} : { routing: { attention: shape.attention, reasons: shape.attention === 'routine' ? [] : ['skeptic: confidence 41 below 60'] } }),
  };
}

/** Twelve drafts: each routing × (incomplete, flagged, plain, plain-older). */
const SHAPES: Array<[number, Shape]> = [
  [1, { attention: 'routine' }],
  [2, { attention: null, flagged: true }],
  [3, { attention: 'needs-attention' }],
  [4, { attention: 'routine', incomplete: true }],
  [5, { attention: null }],
  [6, { attention: 'needs-attention', flagged: true }],
  [7, { attention: 'routine', flagged: true }],
  [8, { attention: null, incomplete: true }],
  [9, { attention: 'needs-attention', incomplete: true }],
  [10, { attention: 'needs-attention' }],
  [11, { attention: null }],
  [12, { attention: 'routine' }],
];

/** Expected: needs-attention (incomplete 9, flagged 6, then 10, 3 newest first), unrouted (8, 2, 11, 5), routine (4, 7, 12, 1). */
const EXPECTED = [9, 6, 10, 3, 8, 2, 11, 5, 4, 7, 12, 1].map(id);

function seed(): void {
  for (const [n, shape] of SHAPES) store.saveDraft(draft(n, shape));
}

/**
 * No sort of the reviews: the index gives them in order. The one sort allowed is SQLite's
 * partial sort of the last term (rowid, which an index cannot name), which only orders reviews
 * created in the same millisecond and stops at the LIMIT, as with migration 050's index.
 */
function expectNoFullSort(plan: string): void {
  expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  expect(plan.replace('USE TEMP B-TREE FOR LAST TERM OF ORDER BY', '')).not.toMatch(/TEMP B-TREE/);
}

describe('the draft queue order', () => {
  it('puts needs-attention first, then unrouted, then routine; incomplete, flagged, newest inside each', () => {
    seed();
    expect(store.listReviews({ status: 'draft', queueOrder: true }).map((each) => each.id)).toEqual(EXPECTED);
    expect(store.listReviews({ status: 'draft', queueOrder: true }).map((each) => each.attention)).toEqual([
      ...Array(4).fill('needs-attention'), ...Array(4).fill(null), ...Array(4).fill('routine'),
    ]);
    // A page is a slice of the whole order.
    expect(store.listReviews({ status: 'draft', queueOrder: true, limit: 3, offset: 3 }).map((each) => each.id)).toEqual(EXPECTED.slice(3, 6));
  });

  it('reads a page through the reviews_queue index, with no sort of its own', () => {
    seed();
    const sql = `SELECT r.id FROM reviews r JOIN tools t ON t.id = r.tool_id WHERE r.status = ? ${QUEUE_ORDER} LIMIT ? OFFSET ?`;
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('draft', 50, 0) as Array<{ detail: string }>).map((row) => row.detail);
    expect(plan.join('\n')).toMatch(/USING INDEX reviews_queue/);
    expectNoFullSort(plan.join('\n'));
    // Migration 064's index, not 050's: the index expression names attention.
    const index = store.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'reviews_queue'").get() as { sql: string };
    expect(index.sql).toMatch(/attention/);
  });

  it('the plan the store itself runs (listReviews) uses the index too', () => {
    seed();
    // The statement listReviews prepares, asked through the same connection's planner.
    const original = store.db.prepare.bind(store.db);
    const plans: string[] = [];
    store.db.prepare = ((sql: string) => {
      if (sql.includes('ORDER BY') && sql.includes('CASE r.attention')) {
        plans.push((original(`EXPLAIN QUERY PLAN ${sql}`).all('draft', 50, 0) as Array<{ detail: string }>).map((row) => row.detail).join('\n'));
      }
      return original(sql);
    }) as typeof store.db.prepare;
    try {
      store.listReviews({ status: 'draft', queueOrder: true, limit: 50 });
    } finally {
      store.db.prepare = original;
    }
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatch(/USING INDEX reviews_queue/);
    expectNoFullSort(plans[0] ?? '');
  });
});

describe('the next draft', () => {
  it('is the one after this one in queue order, then wraps to the first, then none', () => {
    seed();
    const queue = createQueueQueries(store.db);
    for (const [index, each] of EXPECTED.entries()) {
      const next = queue.nextDraft(each);
      expect(next?.id, each).toBe(EXPECTED[index + 1] ?? EXPECTED[0]);
    }
    expect(queue.nextDraft(id(9))).toEqual({ id: id(6), toolName: 'Tool 6' });
  });

  it('from a decided review: the draft that followed it, as if it were still there', () => {
    seed();
    store.db.prepare("UPDATE reviews SET status = 'rejected', rejected_by = 'Ann', rejected_at = ?, reject_reason = 'no' WHERE id = ?").run(at(20), id(10));
    expect(createQueueQueries(store.db).nextDraft(id(10))?.id).toBe(id(3));
    // The last draft of the queue decided: back to the first.
    store.db.prepare("UPDATE reviews SET status = 'rejected', rejected_by = 'Ann', rejected_at = ?, reject_reason = 'no' WHERE id = ?").run(at(20), id(1));
    expect(createQueueQueries(store.db).nextDraft(id(1))?.id).toBe(id(9));
  });

  it('is null when no other draft is left', () => {
    store.saveDraft(draft(1, { attention: null }));
    expect(createQueueQueries(store.db).nextDraft(id(1))).toBeNull();
    expect(createQueueQueries(store.db).nextDraft('no-such-review')).toEqual({ id: id(1), toolName: 'Tool 1' });
  });
});
