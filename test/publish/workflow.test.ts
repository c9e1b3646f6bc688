/**
 * The comparison workflow over a real store: the model is asked only when needed, an editor's
 * line is never overwritten, approving needs approved reviews and supersedes, every change is
 * audited, and history cannot be deleted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src/editor/index.js';
import { UsageError } from '../../src/errors.js';
import { zeroUsage } from '../../src/providers/index.js';
import {
  approveComparison,
  comparePair,
  editComparison,
  findComparison,
  listComparisons,
  saveComparison,
  type ComparisonPage,
  type SaveDeps,
} from '../../src/publish/index.js';
import { referenceReview, referenceStore, TERRARIUM, type ReferenceStore } from './reference-fixture.js';

let fixture: ReferenceStore;
let desk: Desk;
let deps: SaveDeps;
let asked: ComparisonPage[];
let tick = 0;
const now = () => new Date(Date.UTC(2026, 3, 21, 12, 0, tick++));
const SLUG = 'openrouter-model-fusion-vs-terrarium';

beforeEach(() => {
  fixture = referenceStore();
  desk = createDesk(fixture.store, { threshold: 50, now });
  asked = [];
  deps = {
    store: fixture.store,
    resolveReview: desk.resolve,
    now,
    writeLine: async (page) => {
      asked.push(page);
      return { text: `Line ${asked.length}: ${page.tools[0].name} or ${page.tools[1].name}.`, model: 'openai:gpt-5.4-mini', usage: zeroUsage(), promptVersion: 'v1' };
    },
  };
});
afterEach(() => fixture.cleanup());

const save = (options = {}) => saveComparison('openrouter-model-fusion', 'terrarium', deps, options);
const auditActions = () =>
  (fixture.store.db.prepare("SELECT action FROM audit_log WHERE review_id IS NULL ORDER BY id").all() as Array<{ action: string }>).map((row) => row.action);

function newTerrariumReview(id: string): string {
  const review = { ...referenceReview(TERRARIUM), id, createdAt: '2026-04-22T00:00:00.000Z' };
  fixture.store.saveDraft(review);
  return review.id;
}

describe('saveComparison', () => {
  it('writes a draft line once, from a page without a line, and reuses it while the reviews stay the same', async () => {
    const first = await save();
    expect(first.outcome).toBe('created');
    expect(asked).toHaveLength(1);
    expect(asked[0]?.verdictLine).toBeNull();
    expect(first.page.verdictLine).toEqual({ text: 'Line 1: OpenRouter Model Fusion or Terrarium.', status: 'draft', source: 'model', model: 'openai:gpt-5.4-mini', label: 'Written by openai:gpt-5.4-mini' });
    const again = await save();
    expect(again.outcome).toBe('unchanged');
    expect(asked).toHaveLength(1);
    // The reverse order is the same pair.
    expect((await saveComparison('terrarium', 'openrouter-model-fusion', deps)).outcome).toBe('unchanged');
    expect(comparePair('openrouter-model-fusion', 'terrarium', deps).page.verdictLine?.status).toBe('draft');
  });

  it('rewrites the draft for newer approved reviews, and --regenerate asks again', async () => {
    await save();
    const newer = newTerrariumReview('d0000000-0000-4000-8000-000000000001');
    desk.approve(newer, 'Ann', {}, { allowUnchecked: true });
    const outdated = comparePair('openrouter-model-fusion', 'terrarium', deps);
    expect(outdated).toMatchObject({ outdatedLine: true, page: { verdictLine: null } });
    const rewritten = await save();
    expect(rewritten.outcome).toBe('rewritten');
    expect(rewritten.stored.row).toMatchObject({ reviewBId: newer, status: 'draft' });
    expect(rewritten.stored.lines.map((line) => line.revision)).toEqual([1, 2]);
    expect((await save({ regenerate: true })).stored.lines).toHaveLength(3);
    expect(asked).toHaveLength(3);
  });

  it("refuses to regenerate over an editor's line unless forced; the edit stays in the history", async () => {
    await save();
    editComparison(fixture.store, SLUG, 'Fusion for builders today; Terrarium for agent teams.', 'Bea', now);
    await expect(save({ regenerate: true })).rejects.toThrow(/is Bea's edit: pass --force/);
    const forced = await save({ regenerate: true, force: true, by: 'Bea' });
    expect(forced.stored.lines.map((line) => [line.source, line.author])).toEqual([['model', 'engine'], ['editor', 'Bea'], ['model', 'Bea']]);
  });

  it('refuses drafts without --drafts, and previews them with it', async () => {
    newTerrariumReview('d0000000-0000-4000-8000-000000000002');
    const preview = await save({ drafts: true });
    expect(preview.page.preview).toBe(true);
    expect(preview.stored.draftReviews).toEqual(['d0000000-0000-4000-8000-000000000002']);
    expect(() => approveComparison(fixture.store, SLUG, 'Ann', now)).toThrow(/shows draft reviews \(d0000000\): approve them first/);
    desk.approve('d0000000-0000-4000-8000-000000000002', 'Ann', {}, { allowUnchecked: true });
    expect(approveComparison(fixture.store, SLUG, 'Ann', now).row.status).toBe('approved');
  });
});

describe('editComparison and approveComparison', () => {
  it("keeps the model's line beside the edit, and approves the edited line", async () => {
    await save();
    const edited = editComparison(fixture.store, SLUG, '  Fusion for builders today; Terrarium for agent teams.  ', 'Bea', now);
    expect(edited.line).toEqual({ text: 'Fusion for builders today; Terrarium for agent teams.', status: 'draft', source: 'editor', model: 'openai:gpt-5.4-mini', label: 'Written by openai:gpt-5.4-mini, edited by an editor' });
    expect(edited.modelOriginal?.text).toBe('Line 1: OpenRouter Model Fusion or Terrarium.');
    const approved = approveComparison(fixture.store, SLUG, 'Ann', now);
    expect(approved.row).toMatchObject({ status: 'approved', approvedBy: 'Ann' });
    expect(comparePair('openrouter-model-fusion', 'terrarium', deps).page.verdictLine).toMatchObject({ status: 'approved', source: 'editor' });
    expect(auditActions()).toEqual(['comparison drafted', 'comparison line edited', 'comparison approved']);
  });

  it('reopens an approved comparison as a new draft on edit; approving it supersedes the old one', async () => {
    await save();
    const first = approveComparison(fixture.store, SLUG, 'Ann', now);
    const reopened = editComparison(fixture.store, SLUG, 'A sharper line from Bea.', 'Bea', now);
    expect(reopened.row.id).not.toBe(first.row.id);
    expect(reopened.lines.map((line) => line.text)).toEqual(['Line 1: OpenRouter Model Fusion or Terrarium.', 'A sharper line from Bea.']);
    // Until the new draft is approved, the page shows the approved line.
    expect(comparePair('openrouter-model-fusion', 'terrarium', deps).page.verdictLine?.text).toBe('Line 1: OpenRouter Model Fusion or Terrarium.');
    approveComparison(fixture.store, SLUG, 'Ann', now);
    expect(findComparison(fixture.store, SLUG).line.text).toBe('A sharper line from Bea.');
    const rows = fixture.store.db.prepare('SELECT id, status, superseded_by AS by FROM comparisons ORDER BY id').all();
    expect(rows).toEqual([{ id: first.row.id, status: 'superseded', by: reopened.row.id }, { id: reopened.row.id, status: 'approved', by: null }]);
    expect(listComparisons(fixture.store)).toHaveLength(1);
  });

  it('refuses what the workflow lacks, one line each', async () => {
    await save();
    const refusals: Array<[() => unknown, RegExp]> = [
      [() => approveComparison(fixture.store, 'no-such-vs-thing', 'Ann', now), /no comparison "no-such-vs-thing"/],
      [() => editComparison(fixture.store, SLUG, 'two\nlines', 'Ann', now), /must be one line/],
      [() => editComparison(fixture.store, SLUG, '   ', 'Ann', now), /is empty/],
      [() => editComparison(fixture.store, SLUG, 'x'.repeat(400), 'Ann', now), /keep it to 320/],
      [() => editComparison(fixture.store, SLUG, 'Line 1: OpenRouter Model Fusion or Terrarium.', 'Ann', now), /already reads so/],
      [() => approveComparison(fixture.store, SLUG, ' ', now), /editor name is needed/],
    ];
    for (const [action, message] of refusals) {
      expect(action).toThrow(UsageError);
      expect(action).toThrow(message);
    }
    approveComparison(fixture.store, SLUG, 'Ann', now);
    expect(() => approveComparison(fixture.store, SLUG, 'Ann', now)).toThrow(/is approved, not a draft/);
  });

  it('refuses to approve a draft whose review was superseded meanwhile', async () => {
    await save();
    desk.approve(newTerrariumReview('d0000000-0000-4000-8000-000000000003'), 'Ann', {}, { allowUnchecked: true });
    expect(() => approveComparison(fixture.store, SLUG, 'Ann', now)).toThrow(/out of date: Terrarium's review a0000000 is superseded/);
  });

  it('keeps history: comparisons and lines cannot be deleted or rewritten', async () => {
    await save();
    expect(() => fixture.store.db.prepare('DELETE FROM comparisons').run()).toThrow(/never deleted/);
    expect(() => fixture.store.db.prepare("UPDATE comparison_lines SET text = 'x'").run()).toThrow(/append-only/);
    expect(() => fixture.store.db.prepare("UPDATE comparisons SET status = 'superseded'").run()).toThrow(/status move not allowed/);
  });
});
