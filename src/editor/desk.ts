/**
 * The editor's desk: the workflow rules over the store. Drafts are edited, regenerated,
 * approved or rejected; approving supersedes the tool's published review. Each change checks
 * its rules and writes its rows and audit entry inside one `store.write` transaction, so a
 * second process (the batch, the web page) can never slip in between the check and the write.
 */
import { UsageError } from '../errors.js';
import { DeskError } from './desk-errors.js';
import type { Review } from '../schemas.js';
import type { ReviewSummary, Store } from '../store/index.js';
import { editTarget, openCorrection, requireAmendsPublished } from './desk-amend.js';
import { commitPersonaChange, editedEntry, entrySnapshot, reviewThreshold } from './desk-edit.js';
import { editProfile } from './desk-profile.js';
import { decideClaim, groundingOf } from './desk-claims.js';
import { requireApprovable, requireGroundingDecided } from './desk-guards.js';
import { requireDraft, requireEditor, requirePersona, requireRevision, resolveReview, shortId } from './desk-resolve.js';
import { AUDIT_ACTIONS, type Desk, type DeskOptions, type EditChanges } from './desk-types.js';
import { buildDraftView, buildHistory, buildQueue, personaName } from './desk-views.js';

/** Longest rejection reason kept; a reason is a sentence or two for the next editor. */
const MAX_REASON_CHARS = 2000;

export function createDesk(store: Store, options: DeskOptions): Desk {
  const now = options.now ?? (() => new Date());
  const at = () => now().toISOString();
  const names = new Map((options.personas ?? []).map((persona) => [persona.id, persona.name]));
  const resolve = (ref: string): ReviewSummary => resolveReview(store, ref);

  /** The review after a change; it cannot vanish (reviews are never deleted). */
  const reload = (id: string): Review => {
    const review = store.getReview(id);
    if (review == null) throw new DeskError('not-found', `review ${shortId(id)} no longer exists`);
    return review;
  };

  return {
    resolve,
    queue: (queueOptions) => buildQueue(store, names, queueOptions),
    show: (ref) => buildDraftView(store, resolve(ref), names),
    history: (ref) => buildHistory(store, resolve(ref).id),

    approve(ref, by, seen = {}, approval = {}) {
      const editor = requireEditor(by);
      const id = store.write(() => {
        const summary = resolve(ref);
        const state = requireDraft(store, summary, 'approved');
        // What is published is exactly the revision the editor looked at.
        requireRevision(state, seen.revision, summary, 'approved');
        const review = reload(summary.id);
        if (!review.panel.complete) {
          const failed = review.failures.map((failure) => failure.persona).join(', ') || 'a persona';
          throw new DeskError(
            'conflict',
            `review ${shortId(summary.id)} (${summary.tool.name}) is incomplete: ${failed} failed — regenerate or write them first`,
          );
        }
        requireApprovable(review, { allowSimulated: options.allowSimulated === true });
        requireGroundingDecided(review, groundingOf(store, review), approval);
        const when = at();
        const previous = store.approvedReviews(state.toolId);
        requireAmendsPublished(summary, previous);
        for (const old of previous) {
          store.setStatus(old, { status: 'superseded', by: summary.id }, when);
          store.appendAudit({
            reviewId: old,
            at: when,
            actor: editor,
            action: AUDIT_ACTIONS.superseded,
            fromStatus: 'approved',
            toStatus: 'superseded',
            detail: { by: summary.id },
          });
        }
        store.setStatus(summary.id, { status: 'approved', by: editor }, when);
        store.appendAudit({
          reviewId: summary.id,
          at: when,
          actor: editor,
          action: AUDIT_ACTIONS.approved,
          fromStatus: 'draft',
          toStatus: 'approved',
          detail: previous.length > 0 ? { supersedes: previous } : null,
        });
        return summary.id;
      });
      return reload(id);
    },

    reject(ref, by, reason, seen = {}) {
      const editor = requireEditor(by);
      const why = reason.trim();
      if (why === '') throw new UsageError('a rejection needs a reason (--reason TEXT)');
      if (why.length > MAX_REASON_CHARS) throw new UsageError(`the reason has ${why.length} characters; keep it under ${MAX_REASON_CHARS}`);
      const id = store.write(() => {
        const summary = resolve(ref);
        const state = requireDraft(store, summary, 'rejected');
        requireRevision(state, seen.revision, summary, 'rejected');
        const when = at();
        store.setStatus(summary.id, { status: 'rejected', by: editor, reason: why }, when);
        store.appendAudit({
          reviewId: summary.id,
          at: when,
          actor: editor,
          action: AUDIT_ACTIONS.rejected,
          fromStatus: 'draft',
          toStatus: 'rejected',
          detail: { reason: why },
        });
        return summary.id;
      });
      return reload(id);
    },

    decideClaim(ref, claimId, decision, by, seen = {}) {
      const editor = requireEditor(by);
      const id = store.write(() => {
        const summary = resolve(ref);
        decideClaim(store, { summary, claimId, input: decision, editor, at: at(), seen, reload });
        return summary.id;
      });
      return reload(id);
    },

    edit(ref, persona, changes: EditChanges, by, seen = {}) {
      const editor = requireEditor(by);
      const id = store.write(() => {
        const when = at();
        const target = editTarget(store, resolve(ref), editor, when, seen);
        const summary = target.summary;
        const state = requireDraft(store, summary, 'edited');
        requireRevision(state, target.seen.revision, summary, 'edited');
        const revisions = store.currentRevisions([summary.id]).get(summary.id) ?? [];
        const current = requirePersona(revisions, persona, summary.id);
        const name = personaName(current.persona, names, store.revisions(summary.id));
        const entry = editedEntry(current.entry, changes, { threshold: reviewThreshold(reload(summary.id)), name });
        const fields = (['score', 'verdict', 'quote'] as const).filter((field) => changes[field] !== undefined);
        commitPersonaChange(store, summary.id, when, {
          actor: editor,
          revision: { persona: current.persona, source: 'editor', author: editor, entry },
          audit: {
            action: AUDIT_ACTIONS.edited,
            detail: { persona: current.persona, fields, from: entrySnapshot(current.entry), to: entrySnapshot(entry), ...(changes.keepQuote && changes.quote === undefined ? { keptQuote: true } : {}) },
          },
        });
        return summary.id;
      });
      return reload(id);
    },

    editProfile(ref, changes, by, seen = {}) {
      const editor = requireEditor(by);
      const id = store.write(() => {
        const when = at();
        const target = editTarget(store, resolve(ref), editor, when, seen);
        editProfile(store, { summary: target.summary, changes, editor, at: when, seen: target.seen });
        return target.summary.id;
      });
      return reload(id);
    },

    amend(ref, by) {
      const editor = requireEditor(by);
      const outcome = store.write(() => {
        const published = resolve(ref);
        return { published, ...openCorrection(store, published, editor, at()) };
      });
      return { review: reload(outcome.id), published: outcome.published, reused: outcome.reused };
    },

    async regenerate(ref, persona, by, deps, regenerateOptions = {}) {
      const editor = requireEditor(by);
      const summary = resolve(ref);
      // Regenerating needs the panel, intake and providers; the read-only desk (`drafts list`) must not load them.
      const { regeneratePersona } = await import('./desk-regenerate.js');
      return regeneratePersona(
        store,
        { summary, persona, by: editor, at, revision: regenerateOptions.revision },
        deps,
        regenerateOptions,
      );
    },
  };
}
