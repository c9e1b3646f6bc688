/**
 * The store side of freshness: sources are saved with their draft (and never alone), a review
 * made before migration 063 is compared through its page excerpt, the re-review's "What
 * changed" data (reasons, source diff, verdict old → new), its web card escaping page text,
 * and migration 063 keeping existing batch runs.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedKinds, reviewChanges, sourceRecords, storedSources } from '../../src/freshness/index.js';
import { changesCard } from '../../src/editor/views/changes.js';
import { openDatabase, readMigrations } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import type { IntakeSource, PersonaReview, Review } from '../../src/schemas.js';
import { sampleReview, tempDir } from '../store/sample-review.js';

const page = (text: string): IntakeSource => ({
  kind: 'html', target: 'https://openrouter.ai/fusion', url: 'https://openrouter.ai/fusion', title: 'Fusion', description: 'Fuse answers',
  text, truncated: false, facts: {}, links: {}, known: {}, flags: [],
});

const XSS = '<script>alert(1)</script>';

function published(store: ReturnType<typeof openStore>, review: Review, extras: Parameters<ReturnType<typeof openStore>['saveDraft']>[1]): void {
  store.saveDraft(review, extras);
  store.db.prepare("UPDATE reviews SET status = 'approved', approved_by = 'Ann', approved_at = '2026-03-02T09:00:00.000Z' WHERE id = ?").run(review.id);
}

describe('review sources in the store', () => {
  it('are written with the draft; a failed save writes none', () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(path.join(dir, 'panel.db'));
    try {
      const review = sampleReview();
      store.saveDraft(review, { sources: sourceRecords(page('Fusion sends a prompt to several models.')) });
      expect(storedSources(store, review.id).records.map((each) => each.kind)).toEqual(['page', 'description']);
      // The same id again: the save fails as a whole, no second set of sources appears.
      expect(() => store.saveDraft(review, { sources: sourceRecords(page('other text')) })).toThrow();
      expect(storedSources(store, review.id).records).toHaveLength(2);
      expect(() => store.db.prepare('DELETE FROM review_sources').run()).toThrow(/never changed/);
    } finally {
      store.close();
      cleanup();
    }
  });

  it('a review made before 063 is compared by its page excerpt only', () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(path.join(dir, 'panel.db'));
    try {
      const review = sampleReview();
      store.saveDraft(review, { pageExcerpt: 'Fusion sends a prompt to several models. © 2025 OpenRouter' });
      const baseline = storedSources(store, review.id);
      expect(baseline.partial).toBe(true);
      expect(changedKinds(baseline, sourceRecords(page('Fusion sends a prompt to several  models. © 2026 OpenRouter')))).toEqual({ changed: [], noBaseline: false });
      expect(changedKinds(baseline, sourceRecords(page('Fusion sends a prompt to one model.'))).changed).toEqual(['page']);
    } finally {
      store.close();
      cleanup();
    }
  });
});

describe('what changed since the published review', () => {
  it('reasons, the source diff and each persona old → new; the card escapes page text and labels it', () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(path.join(dir, 'panel.db'));
    try {
      const old = sampleReview();
      published(store, old, { sources: sourceRecords(page(`Fusion sends a prompt to several models.\nFree tier.\n${XSS}`)) });
      const skeptic = old.reviews[1] as PersonaReview;
      const draft = sampleReview({
        id: '7f3c2a10-0000-4000-8000-000000000002',
        createdAt: '2026-04-01T10:00:00.000Z',
        reviews: old.reviews.map((entry) => (entry.persona === 'skeptic' ? { ...skeptic, score: 20, verdict: 'skip' } : entry)),
        panel: { ...old.panel, meanScore: 66.25 },
        versions: { ...old.versions, prompts: 'sha256:prompts-v2' },
      });
      store.saveDraft(draft, { origin: 're-review', amends: old.id, sources: sourceRecords(page(`Fusion sends a prompt to several models.\nPaid plans only.\n${XSS}`)) });
      const summary = store.findReviews({ idPrefix: draft.id })[0];
      const changes = reviewChanges(store, store.getReview(draft.id) as Review, summary as { origin: string; amends: string | null });
      expect(changes?.reasons).toEqual(['page changed', 'prompts version changed']);
      expect(changes?.publishedAt).toBe('2026-03-02T09:00:00.000Z');
      const pageDiff = changes?.sources.find((each) => each.kind === 'page');
      expect(pageDiff?.status).toBe('changed');
      expect(changes?.sources.find((each) => each.kind === 'description')?.status).toBe('unchanged');
      expect(changes?.verdict.personas.find((each) => each.persona === 'skeptic')).toMatchObject({ before: { score: 40, verdict: 'skip' }, after: { score: 20, verdict: 'skip' }, changed: true });
      expect(changes?.verdict.personas.find((each) => each.persona === 'builder')?.changed).toBe(false);

      const card = changesCard(changes).toString();
      expect(card).toContain('What changed since the published review');
      expect(card).toContain('Page text (normalised, as read from the tool)');
      expect(card).toMatch(/<del>Free<\/del>|<del>Free tier<\/del>/);
      expect(card).not.toContain(XSS);
      expect(card).toContain('&lt;script&gt;');
      // Not a re-review: nothing to show.
      expect(reviewChanges(store, old, { origin: 'new', amends: null })).toBeNull();
      expect(changesCard(null).toString()).toBe('');
    } finally {
      store.close();
      cleanup();
    }
  });
});

describe('migration 063', () => {
  it('keeps existing batch runs and items while adding the stale source kind', () => {
    const { dir, cleanup } = tempDir();
    const file = path.join(dir, 'panel.db');
    try {
      const before = openDatabase(file, { migrations: readMigrations().filter((migration) => migration.version < 63) });
      before.prepare("INSERT INTO batch_runs (id, run_key, source, source_kind, options_json, status, started_at, updated_at) VALUES (7, 'k', '/tmp/tools.txt', 'text', '{}', 'interrupted', 'x', 'x')").run();
      before.prepare("INSERT INTO batch_items (run_id, position, url, target, state, queued_at) VALUES (7, 0, 'https://a.dev', 'https://a.dev', 'queued', 'x')").run();
      before.close();
      const after = openDatabase(file);
      expect(after.prepare('SELECT id, status FROM batch_runs').all()).toEqual([{ id: 7, status: 'interrupted' }]);
      expect(after.prepare('SELECT count(*) AS n FROM batch_items WHERE run_id = 7').get()).toEqual({ n: 1 });
      after.prepare("INSERT INTO batch_runs (run_key, source, source_kind, options_json, status, started_at, updated_at) VALUES ('s', 'stale', 'stale', '{}', 'done', 'x', 'x')").run();
      expect(() => after.prepare("INSERT INTO batch_runs (run_key, source, source_kind, options_json, status, started_at, updated_at) VALUES ('k', 'again', 'text', '{}', 'running', 'x', 'x')").run()).toThrow(/UNIQUE/);
      after.close();
    } finally {
      cleanup();
    }
  });
});
