/** Migration 003 and the store primitives the editor's desk is built from. */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PanelError } from '../../src/errors.js';
import { openDatabase, readMigrations } from '../../src/store/db.js';
import { openStore, runWrite, type Store } from '../../src/store/index.js';
import { failedReview, sampleReview, tempDir } from './sample-review.js';

const AT = '2026-03-02T09:00:00.000Z';

let temp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  temp = tempDir();
  store = openStore(path.join(temp.dir, 'panel.db'), { now: () => new Date('2026-03-01T10:00:05.000Z') });
});
afterEach(() => {
  store.close();
  temp.cleanup();
});

const edited = () => ({ ...sampleReview().reviews[1]!, score: 55, verdict: 'ship' as const, quote: 'Fine, it holds up.' });

describe('migration 003', () => {
  it('adds the decision and usage columns', () => {
    const columns = store.db.prepare("SELECT name FROM pragma_table_info('reviews')").pluck().all();
    expect(columns).toEqual(
      expect.arrayContaining(['usage_json', 'approved_by', 'approved_at', 'rejected_by', 'rejected_at', 'reject_reason', 'superseded_by', 'superseded_at']),
    );
  });

  it('upgrades a database that already holds drafts', () => {
    const file = path.join(temp.dir, 'old.db');
    const before003 = openDatabase(file, { migrations: readMigrations().filter((migration) => migration.version < 3) });
    // Rows as the engine wrote them before 003 (its code then knew only these columns).
    const review = failedReview();
    const { panel, usage } = review;
    before003.prepare("INSERT INTO tools (url, slug, name, created_at, updated_at) VALUES ('https://openrouter.ai/fusion', 'fusion', 'Fusion', 'then', 'then')").run();
    before003
      .prepare(
        `INSERT INTO reviews (id, tool_id, status, created_at, updated_at, verdict, label, ship_count, skip_count,
           ship_percent, mean_score, complete, input_tokens, output_tokens, cached_input_tokens, cost_usd,
           prompt_version, persona_versions_json, models_json, flags_json, simulated, review_json)
         VALUES (?, 1, 'draft', ?, 'then', ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, 'p', '{}', '{}', '[]', 1, ?)`,
      )
      .run(review.id, review.createdAt, panel.verdict, panel.label, panel.ship, panel.skip, panel.shipPercent, panel.meanScore,
        usage.inputTokens, usage.outputTokens, usage.cachedInputTokens, usage.costUsd, JSON.stringify(review));
    [...review.reviews, ...review.failures].forEach((entry, position) => {
      const ok = 'score' in entry;
      before003
        .prepare(
          `INSERT INTO persona_reviews (review_id, persona, revision, position, source, author, created_at, status,
             score, verdict, quote, error, original_json)
           VALUES (?, ?, 1, ?, 'model', 'engine', 'then', ?, ?, ?, ?, ?, ?)`,
        )
        .run(review.id, entry.persona, position, ok ? 'ok' : 'failed', ok ? entry.score : null, ok ? entry.verdict : null,
          ok ? entry.quote : null, ok ? null : entry.error, JSON.stringify(entry));
    });
    before003.close();
    const upgraded = openStore(file);
    try {
      expect(upgraded.getReview(failedReview().id)).toEqual(failedReview());
      expect(upgraded.reviewState(failedReview().id)).toMatchObject({ status: 'draft', approvedBy: null, supersededBy: null });
    } finally {
      upgraded.close();
    }
  });

  it('allows only the workflow status moves', () => {
    store.saveDraft(sampleReview());
    const move = (status: string) => () => store.db.prepare('UPDATE reviews SET status = ?').run(status);
    expect(move('superseded')).toThrow(/status move not allowed/);
    move('rejected')();
    expect(move('draft')).toThrow(/status move not allowed/);
    expect(move('approved')).toThrow(/status move not allowed/);
  });

  it('keeps review_json as the engine wrote it, and never deletes reviews or revisions', () => {
    store.saveDraft(sampleReview());
    expect(() => store.db.prepare("UPDATE reviews SET review_json = '{}'").run()).toThrow(/engine's original/);
    expect(() => store.db.prepare('DELETE FROM reviews').run()).toThrow(/never deleted/);
    expect(() => store.db.prepare('DELETE FROM persona_reviews').run()).toThrow(/append-only/);
  });

  it('allows one approved review per tool', () => {
    store.saveDraft(sampleReview());
    store.saveDraft(sampleReview({ id: 'second-review' }));
    store.setStatus(sampleReview().id, { status: 'approved', by: 'Ann' }, AT);
    expect(() => store.setStatus('second-review', { status: 'approved', by: 'Bob' }, AT)).toThrow(/UNIQUE constraint failed/);
    expect(store.reviewState('second-review')?.status).toBe('draft');
  });
});

describe('revisions', () => {
  it('appends the next revision and makes it current, keeping the original', () => {
    const review = sampleReview();
    store.saveDraft(review);
    const added = store.addRevision({ reviewId: review.id, persona: 'skeptic', source: 'editor', author: 'Ann', at: AT, entry: edited() });
    expect(added).toMatchObject({ revision: 2, position: 1, source: 'editor', author: 'Ann', createdAt: AT });
    const all = store.revisions(review.id).filter((revision) => revision.persona === 'skeptic');
    expect(all.map((revision) => [revision.revision, revision.source, revision.author])).toEqual([
      [1, 'model', 'engine'],
      [2, 'editor', 'Ann'],
    ]);
    expect(all[0]?.entry).toEqual(review.reviews[1]);
    const current = store.currentRevisions([review.id, 'unknown']);
    expect(current.get('unknown')).toEqual([]);
    expect(current.get(review.id)?.map((revision) => `${revision.persona}:${revision.revision}`)).toEqual([
      'builder:1',
      'skeptic:2',
      'futurist:1',
      'creator:1',
    ]);
    const row = store.db.prepare("SELECT * FROM persona_reviews WHERE revision = 2").get() as Record<string, unknown>;
    expect(row).toMatchObject({ score: 55, verdict: 'ship', quote: 'Fine, it holds up.', status: 'ok', source: 'editor' });
  });

  it('refuses a persona the review does not have', () => {
    store.saveDraft(sampleReview());
    expect(() =>
      store.addRevision({ reviewId: sampleReview().id, persona: 'operator', source: 'editor', author: 'Ann', at: AT, entry: { ...edited(), persona: 'operator' } }),
    ).toThrow(/no persona "operator"/);
  });

  it('getReview applies current revisions in panel order, and the panel and usage columns', () => {
    const review = failedReview();
    store.saveDraft(review);
    const written = { ...edited(), model: 'editor' };
    store.addRevision({ reviewId: review.id, persona: 'skeptic', source: 'editor', author: 'Ann', at: AT, entry: written });
    const panel = { verdict: 'ship' as const, label: 'Ship · 4 ship / 0 skip', ship: 4, skip: 0, shipPercent: 100, meanScore: 75, complete: true };
    const usage = { ...review.usage, inputTokens: 99_999, costUsd: 0.5 };
    store.setPanel(review.id, { panel, usage, at: AT });
    const current = store.getReview(review.id);
    expect(current?.reviews.map((entry) => entry.persona)).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
    expect(current?.failures).toEqual([]);
    expect(current?.panel).toEqual(panel);
    expect(current?.usage).toEqual(usage);
    expect(store.db.prepare('SELECT input_tokens, cost_usd, updated_at FROM reviews').get()).toEqual({ input_tokens: 99_999, cost_usd: 0.5, updated_at: AT });
    // The engine's own JSON is untouched.
    const original = JSON.parse(store.db.prepare('SELECT review_json FROM reviews').pluck().get() as string);
    expect(original).toEqual(review);
  });
});

describe('decisions and audit', () => {
  it('records who approved, rejected or superseded, and when', () => {
    store.saveDraft(sampleReview());
    store.saveDraft(sampleReview({ id: 'second-review' }));
    store.saveDraft(sampleReview({ id: 'third-review' }));
    store.setStatus(sampleReview().id, { status: 'approved', by: 'Ann' }, AT);
    store.setStatus(sampleReview().id, { status: 'superseded', by: 'second-review' }, '2026-03-03T00:00:00.000Z');
    store.setStatus('third-review', { status: 'rejected', by: 'Bob', reason: 'duplicate' }, AT);
    expect(store.reviewState(sampleReview().id)).toMatchObject({
      status: 'superseded',
      approvedBy: 'Ann',
      approvedAt: AT,
      supersededBy: 'second-review',
      supersededAt: '2026-03-03T00:00:00.000Z',
      updatedAt: '2026-03-03T00:00:00.000Z',
    });
    expect(store.reviewState('third-review')).toMatchObject({ status: 'rejected', rejectedBy: 'Bob', rejectReason: 'duplicate', rejectedAt: AT });
    expect([...store.reviewStates(['third-review', 'nope']).keys()]).toEqual(['third-review']);
    expect(() => store.setStatus('nope', { status: 'approved', by: 'Ann' }, AT)).toThrow(/does not exist/);
  });

  it('appends audit rows with JSON detail', () => {
    store.saveDraft(sampleReview());
    store.appendAudit({ reviewId: sampleReview().id, at: AT, actor: 'Ann', action: 'rejected', fromStatus: 'draft', toStatus: 'rejected', detail: { reason: 'x' } });
    expect(store.audit(sampleReview().id).at(-1)).toMatchObject({ actor: 'Ann', action: 'rejected', detail: { reason: 'x' }, at: AT });
  });
});

describe('write transactions', () => {
  it('commit everything or nothing', () => {
    store.saveDraft(sampleReview());
    expect(() =>
      store.write(() => {
        store.setStatus(sampleReview().id, { status: 'approved', by: 'Ann' }, AT);
        store.appendAudit({ reviewId: sampleReview().id, at: AT, actor: 'Ann', action: 'approved' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.reviewState(sampleReview().id)?.status).toBe('draft');
    expect(store.audit(sampleReview().id)).toHaveLength(1);
  });

  it('retry on SQLITE_BUSY with backoff, then give up with one line', () => {
    let calls = 0;
    const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const value = runWrite(store.db, () => {
      calls += 1;
      if (calls < 3) throw busy();
      return 'written';
    }, { attempts: 5, backoffMs: 1 });
    expect(value).toBe('written');
    expect(calls).toBe(3);

    calls = 0;
    const failing = () => runWrite(store.db, () => {
      calls += 1;
      throw busy();
    }, { attempts: 3, backoffMs: 1 });
    expect(failing).toThrow(PanelError);
    expect(failing).toThrow(/locked by another process after 3 tries; nothing was written/);
    expect(calls).toBe(6);
  });

  it('do not retry other errors', () => {
    let calls = 0;
    expect(() => runWrite(store.db, () => {
      calls += 1;
      throw new Error('not busy');
    })).toThrow('not busy');
    expect(calls).toBe(1);
  });

  it('give up in one line while another connection keeps the write lock, and write once it lets go', () => {
    const other = openStore(path.join(temp.dir, 'panel.db'));
    try {
      other.db.exec('BEGIN IMMEDIATE');
      other.db.pragma('busy_timeout = 0');
      store.db.pragma('busy_timeout = 50');
      // Held for good: every try times out, and the caller hears it in one line.
      expect(() => store.saveDraft(sampleReview())).toThrow(/locked by another process/);
      other.db.exec('COMMIT');
      store.saveDraft(sampleReview());
      expect(store.listReviews()).toHaveLength(1);
    } finally {
      other.close();
    }
  });
});
