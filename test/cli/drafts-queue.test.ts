/**
 * Done when: an editor clears a queue of ten drafts from the CLI — correcting and approving
 * some, rejecting others, writing and regenerating failed personas — and the database then
 * holds exactly what they did, with the model originals and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import type { QueueItem } from '../../src/editor/index.js';
import type { Review } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { failedReview, otherTool, seedDrafts, withStore } from '../editor/desk-fixtures.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator.close();
});

const id = (n: number) => `d0000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`;
const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}T08:00:00.000Z`;

/** Ten drafts of ten tools; 3 and 7 are incomplete (the skeptic failed), 5 is flagged. */
function drafts(): Review[] {
  return Array.from({ length: 10 }, (_, index) => {
    const n = index + 1;
    const name = `Tool ${String(n).padStart(2, '0')}`;
    if (n === 3 || n === 7) {
      const failed = failedReview({ id: id(n), createdAt: day(n), flags: [] });
      return { ...failed, tool: otherTool(id(n), name).tool };
    }
    return otherTool(id(n), name, { createdAt: day(n), flags: n === 5 ? [{ kind: 'prompt-injection', detail: 'page says "score 100"' }] : [] });
  });
}

describe('clearing a queue of ten drafts from the CLI', () => {
  it('leaves exactly what the editors did in the database', async () => {
    const env = simulatorEnv(baseEnv({ EDITOR_NAME: 'Eve' }), simulator.baseUrls);
    const dbPath = env.PANEL_DB as string;
    const previous = otherTool('0ld00000-0000-4000-8000-000000000002', 'Tool 02', { createdAt: '2026-01-01T00:00:00.000Z' });
    seedDrafts(dbPath, [previous, ...drafts().map((review) => ({ review, pageExcerpt: `The page of ${review.tool.name}.` }))]);
    const drafts_ = async (...argv: string[]) => {
      const result = await cli(['drafts', ...argv], env);
      expect(result.stderr, argv.join(' ')).toBe('');
      expect(result.code, argv.join(' ')).toBe(0);
      return result.stdout;
    };
    // Tool 02 already has a published review.
    await drafts_('approve', '0ld0', '--by', 'Ann');

    const queue = JSON.parse(await drafts_('list', '--json')) as QueueItem[];
    expect(queue.map((item) => item.tool.name)).toEqual(['Tool 07', 'Tool 03', 'Tool 05', 'Tool 10', 'Tool 09', 'Tool 08', 'Tool 06', 'Tool 04', 'Tool 02', 'Tool 01']);

    await drafts_('approve', 'tool-01');
    await drafts_('edit', 'tool-02', '--persona', 'skeptic', '--score', '62', '--keep-quote');
    await drafts_('approve', 'tool-02');
    await drafts_('regenerate', 'tool-03', '--persona', 'skeptic');
    await drafts_('approve', 'tool-03');
    await drafts_('reject', 'tool-04', '--reason', 'Not an AI tool.');
    await drafts_('reject', id(5), '--reason', 'The page tried to steer the panel.', '--by', 'Max');
    await drafts_('edit', 'tool-06', '--persona', 'creator', '--quote', 'Three drafts for one prompt.');
    await drafts_('approve', 'tool-06');
    await drafts_('edit', 'tool-07', '--persona', 'skeptic', '--score', '35', '--quote', 'It hides which model was wrong.');
    await drafts_('approve', 'tool-07');
    await drafts_('edit', 'tool-08', '--persona', 'builder', '--score', '20', '--verdict', 'skip', '--keep-quote');
    await drafts_('approve', 'tool-08');
    await drafts_('approve', 'd0000000-0000-4000-8000-000000000009', '--by', 'Max');
    await drafts_('reject', 'tool-10', '--reason', 'Duplicate of Tool 01.');

    expect(await drafts_('list')).toBe('No drafts.\n');

    withStore(dbPath, (store) => {
      const status = (reviewId: string) => store.reviewState(reviewId);
      // Decisions: who, and why.
      for (const n of [1, 2, 3, 6, 7, 8]) expect(status(id(n))).toMatchObject({ status: 'approved', approvedBy: 'Eve' });
      expect(status(id(9))).toMatchObject({ status: 'approved', approvedBy: 'Max' });
      expect(status(id(4))).toMatchObject({ status: 'rejected', rejectedBy: 'Eve', rejectReason: 'Not an AI tool.' });
      expect(status(id(5))).toMatchObject({ status: 'rejected', rejectedBy: 'Max', rejectReason: 'The page tried to steer the panel.' });
      expect(status(id(10))).toMatchObject({ status: 'rejected', rejectedBy: 'Eve', rejectReason: 'Duplicate of Tool 01.' });
      expect(status(previous.id)).toMatchObject({ status: 'superseded', approvedBy: 'Ann', supersededBy: id(2) });
      expect(store.db.prepare("SELECT count(*) FROM reviews WHERE status = 'draft'").pluck().get()).toBe(0);

      // The model originals: every revision 1 is exactly what the engine saved.
      const seeded = [previous, ...drafts()];
      for (const review of seeded) {
        const originals = store.revisions(review.id).filter((revision) => revision.revision === 1);
        expect(originals.map((revision) => revision.entry)).toEqual([...review.reviews, ...review.failures]);
        expect(originals.every((revision) => revision.source === 'model' && revision.author === 'engine')).toBe(true);
        const json = store.db.prepare('SELECT review_json FROM reviews WHERE id = ?').pluck().get(review.id) as string;
        expect(JSON.parse(json)).toEqual(review);
      }
      // Exactly the corrections made, each beside its original, by whom.
      const later = store.db
        .prepare('SELECT review_id, persona, revision, source, author, status, score, verdict, quote FROM persona_reviews WHERE revision > 1 ORDER BY id')
        .all() as Array<Record<string, unknown>>;
      expect(later.map((row) => [row.review_id, row.persona, row.revision, row.source, row.author])).toEqual([
        [id(2), 'skeptic', 2, 'editor', 'Eve'],
        [id(3), 'skeptic', 2, 'model', 'Eve'],
        [id(6), 'creator', 2, 'editor', 'Eve'],
        [id(7), 'skeptic', 2, 'editor', 'Eve'],
        [id(8), 'builder', 2, 'editor', 'Eve'],
      ]);
      expect(later[0]).toMatchObject({ score: 62, verdict: 'ship', quote: 'Fusion hides which model was wrong.' });
      expect(later[3]).toMatchObject({ score: 35, verdict: 'skip', quote: 'It hides which model was wrong.' });
      expect(later[4]).toMatchObject({ score: 20, verdict: 'skip', quote: 'It slots into a pipeline in an afternoon.' });

      // The published panels follow the corrections.
      expect(store.getReview(id(2))?.panel).toMatchObject({ label: 'Ship · 4 ship / 0 skip', meanScore: 76.75, complete: true });
      expect(store.getReview(id(7))?.panel).toMatchObject({ label: 'Ship · 3 ship / 1 skip', meanScore: 70, complete: true });
      expect(store.getReview(id(8))?.panel).toMatchObject({ label: 'Mixed · 2 ship / 2 skip', meanScore: 56.25, complete: true });
      expect(store.getReview(id(3))?.panel.complete).toBe(true);
      expect(store.getReview(id(6))?.reviews[3]?.quote).toBe('Three drafts for one prompt.');

      // The audit trail, review by review: every change, by whom, in order.
      const trail = (reviewId: string) => store.audit(reviewId).map((entry) => `${entry.actor}: ${entry.action}`);
      const created = 'engine: created draft';
      expect(trail(id(1))).toEqual([created, 'Eve: approved']);
      expect(trail(id(2))).toEqual([created, 'Eve: edited', 'Eve: approved']);
      expect(trail(id(3))).toEqual([created, 'Eve: regenerated', 'Eve: approved']);
      expect(trail(id(4))).toEqual([created, 'Eve: rejected']);
      expect(trail(id(5))).toEqual([created, 'Max: rejected']);
      expect(trail(id(6))).toEqual([created, 'Eve: edited', 'Eve: approved']);
      expect(trail(id(7))).toEqual([created, 'Eve: edited', 'Eve: approved']);
      expect(trail(id(8))).toEqual([created, 'Eve: edited', 'Eve: approved']);
      expect(trail(id(9))).toEqual([created, 'Max: approved']);
      expect(trail(id(10))).toEqual([created, 'Eve: rejected']);
      expect(trail(previous.id)).toEqual([created, 'Ann: approved', 'Eve: superseded']);
      // 11 drafts created, 8 approvals, 3 rejections, 1 superseded, 4 edits, 1 regeneration.
      expect(store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(11 + 8 + 3 + 1 + 4 + 1);
      expect(store.db.prepare('SELECT count(*) FROM audit_log WHERE at IS NULL OR actor IS NULL').pluck().get()).toBe(0);
    });

    // What the site would publish: one approved review per tool, seven of them.
    const approved = JSON.parse(await drafts_('list', '--status', 'approved', '--json')) as QueueItem[];
    expect(approved.map((item) => item.tool.name).sort()).toEqual(['Tool 01', 'Tool 02', 'Tool 03', 'Tool 06', 'Tool 07', 'Tool 08', 'Tool 09']);
  });
});
