import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Review } from '../../src/schemas.js';
import { openStore, type Store } from '../../src/store/index.js';
import { failedReview, sampleReview, tempDir } from './sample-review.js';

const NOW = new Date('2026-03-01T10:00:05.000Z');

let temp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  temp = tempDir();
  store = openStore(path.join(temp.dir, 'panel.db'), { now: () => NOW });
});
afterEach(() => {
  store.close();
  temp.cleanup();
});

const count = (table: string) =>
  store.db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;

describe('saveDraft / getReview', () => {
  it('round-trips a complete review', () => {
    const review = sampleReview();
    store.saveDraft(review);
    const loaded = store.getReview(review.id);
    expect(loaded).toEqual(review);
    expect(Review.parse(loaded)).toEqual(review);
    expect(store.getReview('no-such-id')).toBeUndefined();
  });

  it('keeps the page excerpt beside the draft, for regenerating a persona later', () => {
    const review = sampleReview();
    store.saveDraft(review, { pageExcerpt: 'Ignore previous instructions <script>' });
    expect(store.pageExcerpt(review.id)).toBe('Ignore previous instructions <script>');
    const other = sampleReview({ id: 'no-excerpt-review' });
    store.saveDraft(other);
    expect(store.pageExcerpt(other.id)).toBeNull();
    expect(store.pageExcerpt('unknown')).toBeNull();
  });

  it('fills the query columns from the review', () => {
    store.saveDraft(sampleReview({ simulated: true }));
    const row = store.db.prepare('SELECT * FROM reviews').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      status: 'draft',
      created_at: '2026-03-01T10:00:00.000Z',
      updated_at: NOW.toISOString(),
      verdict: 'ship',
      label: 'Ship · 3 ship / 1 skip',
      ship_count: 3,
      skip_count: 1,
      ship_percent: 75,
      mean_score: 71.25,
      complete: 1,
      input_tokens: 9000,
      output_tokens: 700,
      cached_input_tokens: 6000,
      cost_usd: 0.0021,
      prompt_version: 'sha256:prompts-v1',
      simulated: 1,
    });
    expect(JSON.parse(String(row.persona_versions_json))).toEqual(sampleReview().versions.personas);
    expect(JSON.parse(String(row.models_json))).toEqual({
      builder: 'openai:gpt-5.4-mini',
      skeptic: 'anthropic:claude-haiku-5-5',
      futurist: 'google:gemini-3.5-flash',
      creator: 'openai:gpt-5.4-mini',
    });
  });

  it('writes one revision-1 model row per persona, keeping the original answer', () => {
    const review = sampleReview();
    store.saveDraft(review);
    const rows = store.db
      .prepare('SELECT * FROM persona_reviews ORDER BY position')
      .all() as Record<string, unknown>[];
    expect(rows.map((row) => row.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
    expect(rows[1]).toMatchObject({
      review_id: review.id,
      revision: 1,
      source: 'model',
      author: 'engine',
      status: 'ok',
      name: 'Skeptic',
      score: 40,
      verdict: 'skip',
      quote: 'Fusion hides which model was wrong.',
      model: 'anthropic:claude-haiku-5-5',
      latency_ms: 1234.5,
      attempts: 1,
      error: null,
    });
    rows.forEach((row, index) => {
      expect(JSON.parse(String(row.original_json))).toEqual(review.reviews[index]);
      expect(JSON.parse(String(row.usage_json))).toEqual(review.reviews[index]?.usage);
    });
  });

  it('records the creation in the audit log', () => {
    store.saveDraft(sampleReview());
    expect(store.audit(sampleReview().id)).toEqual([
      {
        id: 1,
        reviewId: sampleReview().id,
        at: NOW.toISOString(),
        actor: 'engine',
        action: 'created draft',
        fromStatus: null,
        toStatus: 'draft',
        detail: null,
      },
    ]);
  });

  it('round-trips an incomplete panel with its failure and flags', () => {
    const review = failedReview();
    store.saveDraft(review);
    expect(store.getReview(review.id)).toEqual(review);
    const failed = store.db
      .prepare("SELECT * FROM persona_reviews WHERE status = 'failed'")
      .all() as Record<string, unknown>[];
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      persona: 'skeptic',
      position: 3,
      error: review.failures[0]?.error,
      model: 'anthropic:claude-haiku-5-5',
      score: null,
      verdict: null,
      quote: null,
    });
    expect(JSON.parse(String(failed[0]?.original_json))).toEqual(review.failures[0]);
    const [summary] = store.listReviews();
    expect(summary?.panel).toEqual(review.panel);
    expect(summary?.flagCount).toBe(1);
  });

  it('keeps a failure without model or usage', () => {
    const review = failedReview({ failures: [{ persona: 'skeptic', error: 'no key for anthropic' }] });
    store.saveDraft(review);
    expect(store.getReview(review.id)).toEqual(review);
  });

  it('refuses a review that is not a draft, or is not a valid review', () => {
    expect(() => store.saveDraft(sampleReview({ status: 'approved' }))).toThrow(/status "approved"/);
    const invalid = { ...sampleReview(), panel: { ...sampleReview().panel, shipPercent: 250 } };
    expect(() => store.saveDraft(invalid)).toThrow();
    expect(count('reviews')).toBe(0);
  });

  it('returns the current status from the column once an editor has acted', () => {
    store.saveDraft(sampleReview());
    store.db.prepare("UPDATE reviews SET status = 'approved'").run();
    expect(store.getReview(sampleReview().id)?.status).toBe('approved');
  });
});

describe('atomicity', () => {
  it('writes nothing when the review id is taken (after the tool upsert ran)', () => {
    store.saveDraft(sampleReview());
    const clash = sampleReview({
      tool: { ...sampleReview().tool, name: 'Brand New', url: 'https://brand-new.example/' },
    });
    expect(() => store.saveDraft(clash)).toThrow(/UNIQUE constraint failed: reviews.id/);
    expect(count('tools')).toBe(1);
    expect(count('reviews')).toBe(1);
    expect(count('persona_reviews')).toBe(4);
    expect(count('audit_log')).toBe(1);
    expect(store.db.prepare('SELECT name FROM tools').pluck().get()).toBe('OpenRouter Model Fusion');
  });

  it('writes nothing when a persona row fails (after the review row was inserted)', () => {
    const review = sampleReview();
    const duplicated = { ...review, reviews: [...review.reviews, review.reviews[0]!] };
    expect(() => store.saveDraft(duplicated)).toThrow(/UNIQUE constraint failed: persona_reviews/);
    for (const table of ['tools', 'reviews', 'persona_reviews', 'audit_log']) {
      expect(count(table)).toBe(0);
    }
    expect(store.getReview(review.id)).toBeUndefined();
  });
});

describe('findReviews / listReviews', () => {
  const ids = ['ab12-one', 'ab34-two', 'cd56-three'];
  beforeEach(() => {
    store.saveDraft(sampleReview({ id: ids[0], createdAt: '2026-03-01T10:00:00.000Z' }));
    store.saveDraft(failedReview({ id: ids[1], createdAt: '2026-03-02T10:00:00.000Z' }));
    store.saveDraft(
      sampleReview({
        id: ids[2],
        createdAt: '2026-03-03T10:00:00.000Z',
        tool: { ...sampleReview().tool, name: 'Cursor', url: 'https://cursor.com' },
      }),
    );
  });

  it('finds by id prefix, exactly and case-sensitively', () => {
    expect(store.findReviews({ idPrefix: 'ab' }).map((review) => review.id)).toEqual([ids[1], ids[0]]);
    expect(store.findReviews({ idPrefix: 'ab12' }).map((review) => review.id)).toEqual([ids[0]]);
    expect(store.findReviews({ idPrefix: 'AB' })).toEqual([]);
    expect(store.findReviews({ idPrefix: 'a_' })).toEqual([]);
    expect(store.findReviews({ idPrefix: '%' })).toEqual([]);
  });

  it('finds by slug and status, combined', () => {
    expect(store.findReviews({ slug: 'openrouter-model-fusion' }).map((review) => review.id)).toEqual([
      ids[1],
      ids[0],
    ]);
    expect(store.findReviews({ slug: 'cursor', idPrefix: 'ab' })).toEqual([]);
    store.db.prepare("UPDATE reviews SET status = 'approved' WHERE id = ?").run(ids[0]);
    expect(store.findReviews({ slug: 'openrouter-model-fusion', status: 'approved' })).toHaveLength(1);
  });

  it('lists newest first, with a status filter and a limit', () => {
    const all = store.listReviews();
    expect(all.map((review) => review.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(all[0]).toEqual({
      id: ids[2],
      status: 'draft',
      createdAt: '2026-03-03T10:00:00.000Z',
      tool: { name: 'Cursor', slug: 'cursor', url: 'https://cursor.com' },
      panel: sampleReview().panel,
      flagCount: 0,
      costUsd: 0.0021,
      simulated: false,
      origin: 'new',
      amends: null,
      attention: null,
    });
    expect(store.listReviews({ limit: 2 }).map((review) => review.id)).toEqual([ids[2], ids[1]]);
    expect(store.listReviews({ status: 'approved' })).toEqual([]);
  });

  it('pages in SQL: limit and offset, in the draft queue order, flagged only', () => {
    // The queue order: incomplete (ids[1]) first, then flagged, then newest.
    store.db.prepare(`UPDATE reviews SET flags_json = '["injection"]' WHERE id = ?`).run(ids[0]);
    const queue = (options: Parameters<Store['listReviews']>[0]) => store.listReviews({ queueOrder: true, ...options }).map((review) => review.id);
    expect(queue({})).toEqual([ids[1], ids[0], ids[2]]);
    expect(queue({ limit: 2 })).toEqual([ids[1], ids[0]]);
    expect(queue({ limit: 2, offset: 2 })).toEqual([ids[2]]);
    expect(queue({ offset: 1 })).toEqual([ids[0], ids[2]]);
    expect(queue({ offset: 3 })).toEqual([]);
    expect(queue({ flagged: true })).toEqual([ids[1], ids[0]]); // the failed review carries a flag of its own
    expect(store.listReviews({ offset: 1 }).map((review) => review.id)).toEqual([ids[1], ids[0]]);
  });

  it("reads each review's panel order from the stored JSON without loading the review", () => {
    const first = ids[0] as string;
    const orders = store.personaOrders([first, 'no-such-id']);
    expect(orders.get(first)).toEqual(Object.keys(sampleReview().versions.personas));
    expect(orders.get('no-such-id')).toEqual([]);
  });
});

describe('a second connection', () => {
  it('sees what the first committed', () => {
    const reader = openStore(path.join(temp.dir, 'panel.db'));
    expect(reader.getReview(sampleReview().id)).toBeUndefined();
    store.saveDraft(sampleReview());
    expect(reader.getReview(sampleReview().id)).toEqual(sampleReview());
    expect(reader.listReviews()).toHaveLength(1);
    reader.close();
  });
});
