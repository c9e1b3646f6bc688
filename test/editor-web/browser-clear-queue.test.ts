/**
 * The "done when", in Chromium: an editor clears a queue of ten drafts from the
 * browser — correcting and approving some, regenerating one, writing a failed persona,
 * rejecting others — and the database then holds exactly what they did: the decisions, the
 * edits as editor revisions beside untouched model originals, and the audit trail.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateVerdict } from '../../src/aggregate/index.js';
import { startServer } from '../../src/cli/commands/serve.js';
import { isAnswer } from '../../src/editor/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { PersonaReview, Review } from '../../src/schemas.js';
import {
  approve,
  editPersona,
  flashText,
  HAS_CHROMIUM,
  launchChromium,
  openDraft,
  openPage,
  queueNames,
  regeneratePersona,
  reject,
  screenshot,
  type PersonaEdit,
} from './browser-helpers.js';
import { tenDrafts, webBench } from './web-fixtures.js';

interface Step {
  tool: string;
  edits?: PersonaEdit[];
  regenerate?: string;
  decision: { approve: true } | { reject: string };
}

const REGENERATED = { score: 66, verdict: 'ship', quote: 'On a second read, the judge model earns its keep.' } as const;

const PLAN: Step[] = [
  { tool: 'Google Scion', edits: [{ persona: 'creator', score: 60, quote: 'A sandbox I would point my design agents at.' }], decision: { approve: true } },
  { tool: 'Aider', decision: { reject: 'The page tried to steer the panel; re-review from the docs instead.' } },
  { tool: 'Continue', edits: [{ persona: 'futurist', quote: 'Open assistants keep the big vendors honest — and this one is the most configurable.' }], decision: { approve: true } },
  { tool: 'Zed AI', decision: { reject: 'Tagline and pricing are out of date.' } },
  { tool: 'Windsurf', edits: [{ persona: 'builder', score: 30, verdict: 'skip', quote: 'The agent is quick, but it rewrote my config twice without asking.' }], decision: { approve: true } },
  { tool: 'LangGraph Studio', decision: { reject: 'Not an end-user tool; out of scope for the site.' } },
  { tool: 'Ollama', regenerate: 'skeptic', decision: { approve: true } },
  { tool: 'Cursor Composer', decision: { approve: true } },
  { tool: 'Terrarium', edits: [{ persona: 'creator', score: 55, keepQuote: true }], decision: { approve: true } },
  { tool: 'OpenRouter Model Fusion', edits: [{ persona: 'skeptic', score: 52, quote: 'The judge is a model too, but it earns its keep on hard prompts.' }], decision: { approve: true } },
];

/** What a persona should be after the plan: the original, an edit over it, or the regenerated answer. */
function expectedEntry(original: Review, persona: string, step: Step): { score: number; verdict: string; quote: string } {
  const before = original.reviews.find((entry) => entry.persona === persona);
  if (step.regenerate === persona) return REGENERATED;
  const edit = step.edits?.find((each) => each.persona === persona);
  const score = edit?.score ?? before?.score;
  if (score === undefined) throw new Error(`${original.tool.name}: ${persona} has no answer and no edit`);
  return {
    score,
    verdict: edit?.verdict ?? (score >= 50 ? 'ship' : 'skip'),
    quote: edit?.quote ?? before?.quote ?? '',
  };
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'clearing the queue in Chromium' : 'clearing the queue — SKIPPED: /usr/bin/chromium is missing', () => {
  let context: ReviewContext;
  let browser: Browser;
  beforeAll(async () => {
    context = await loadReviewContext();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('ten drafts, cleared from the browser; the database holds exactly what the editor did', async () => {
    const drafts = tenDrafts();
    const bench = webBench(context, drafts);
    const server = await startServer(bench.app, '127.0.0.1', 0);
    const base = server.url;
    try {
      const { page, errors } = await openPage(browser);
      await page.goto(`${base}login`);
      await page.locator('input[name="name"]').fill('Ann');
      await page.locator('button[type="submit"]').click();
      await page.waitForURL(base);
      expect(await queueNames(page)).toHaveLength(10);

      for (const [index, step] of PLAN.entries()) {
        await openDraft(page, base, step.tool);
        for (const edit of step.edits ?? []) await editPersona(page, edit);
        if (step.regenerate) await regeneratePersona(page, step.regenerate);
        if ('approve' in step.decision) await approve(page, base, step.tool);
        else await reject(page, base, step.tool, step.decision.reject);
        const left = PLAN.length - index - 1;
        expect(await flashText(page)).toContain(left === 0 ? 'The queue is clear.' : `${left} draft${left === 1 ? '' : 's'} left.`);
        // On to the next draft while any is left, then the queue.
        expect(page.url() === base).toBe(left === 0);
        if (left > 0) await page.goto(base);
        expect(await queueNames(page)).not.toContain(step.tool);
      }
      expect(await page.locator('.empty-title').textContent()).toBe('No drafts.');
      await screenshot(page, 'queue-cleared', 1280);
      await page.goto(`${base}?status=approved`);
      expect((await queueNames(page)).sort()).toEqual(PLAN.filter((step) => 'approve' in step.decision).map((step) => step.tool).sort());
      expect(errors).toEqual([]);
      await page.close();

      // The database: exactly what the editor did, nothing more.
      const { store } = bench;
      expect(store.listReviews({ status: 'draft' })).toEqual([]);
      expect(bench.modelCalls).toEqual(['anthropic:claude-haiku-5-5']);
      for (const step of PLAN) {
        const original = drafts.find((draft) => draft.tool.name === step.tool) as Review;
        const id = original.id;
        const state = store.reviewState(id);
        if ('approve' in step.decision) expect(state, step.tool).toMatchObject({ status: 'approved', approvedBy: 'Ann', rejectedBy: null });
        else expect(state, step.tool).toMatchObject({ status: 'rejected', rejectedBy: 'Ann', rejectReason: step.decision.reject, approvedBy: null });

        // Model originals untouched: revision 1 of every persona is what the engine saved.
        const revisions = store.revisions(id);
        const firsts = revisions.filter((revision) => revision.revision === 1);
        expect(firsts.filter((revision) => isAnswer(revision.entry)).map((revision) => revision.entry)).toEqual(original.reviews);
        expect(firsts.filter((revision) => !isAnswer(revision.entry)).map((revision) => revision.entry)).toEqual(original.failures);
        expect(firsts.every((revision) => revision.source === 'model' && revision.author === 'engine')).toBe(true);

        // One later revision per edit (the editor's) and per regeneration (the model's, asked for by Ann).
        const later = revisions.filter((revision) => revision.revision > 1).map((revision) => [revision.persona, revision.source, revision.author]);
        expect(later, step.tool).toEqual([
          ...(step.edits ?? []).map((edit) => [edit.persona, 'editor', 'Ann']),
          ...(step.regenerate ? [[step.regenerate, 'model', 'Ann']] : []),
        ]);

        // The review as stored: every persona as the plan says, the panel recomputed from them.
        const review = store.getReview(id) as Review;
        const personas = ['builder', 'skeptic', 'futurist', 'creator'];
        expect(review.reviews.map((entry) => entry.persona), step.tool).toEqual(personas);
        for (const persona of personas) {
          const entry = review.reviews.find((each) => each.persona === persona) as PersonaReview;
          expect({ score: entry.score, verdict: entry.verdict, quote: entry.quote }, `${step.tool} ${persona}`).toEqual(expectedEntry(original, persona, step));
        }
        expect(review.panel).toEqual(aggregateVerdict(review.reviews, 4));

        // The audit trail: created, each change, the decision — all by Ann after the engine.
        const audit = store.audit(id).map((entry) => [entry.actor, entry.action]);
        expect(audit, step.tool).toEqual([
          ['engine', 'created draft'],
          ...(step.edits ?? []).map(() => ['Ann', 'edited']),
          ...(step.regenerate ? [['Ann', 'regenerated']] : []),
          ['Ann', 'approve' in step.decision ? 'approved' : 'rejected'],
        ]);
      }
      // Spot checks that read like the plan.
      const windsurf = store.getReview(drafts[7]?.id ?? '');
      expect(windsurf?.panel.label).toBe('Mixed · 2 ship / 2 skip');
      const terrarium = store.getReview(drafts[1]?.id ?? '');
      expect(terrarium?.panel.label).toBe('Ship · 3 ship / 1 skip');
      const scion = store.getReview(drafts[2]?.id ?? '');
      expect(scion?.panel).toMatchObject({ complete: true, label: 'Ship · 3 ship / 1 skip' });
    } finally {
      await server.close();
      bench.cleanup();
    }
  }, 180_000);
});
