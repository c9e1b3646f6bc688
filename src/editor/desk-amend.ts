/**
 * Correcting a published review (issue 13) without a model call. A correction is a new draft
 * (origin 'correction', amends = the published id) that copies the published review as it
 * stands: the engine's JSON (so the claims' spans still point into the texts they were made
 * on), then each later persona revision, profile edit and claim decision with its original
 * source, author and time, so the disclosure of the corrected review still says which text a
 * model wrote and which an editor did. The published review stays live; approving the
 * correction supersedes it (the desk's ordinary approval, one transaction). One open
 * correction per published review: asking again reuses it.
 */
import { randomUUID } from 'node:crypto';
import { createClaimDecisionQueries, type ReviewState, type ReviewSummary, type Store } from '../store/index.js';
import { DeskError } from './desk-errors.js';
import { requireRevision, shortId } from './desk-resolve.js';
import { AUDIT_ACTIONS, type AmendmentView, type Seen } from './desk-types.js';

/** The open correction draft of a published review, if any. */
export function openCorrectionOf(store: Store, publishedId: string): ReviewSummary | null {
  return store.findReviews({ amends: publishedId, origin: 'correction', status: 'draft' })[0] ?? null;
}

function requirePublished(store: Store, summary: ReviewSummary): ReviewState {
  const state = store.reviewState(summary.id);
  if (state == null) throw new DeskError('not-found', `review ${shortId(summary.id)} no longer exists`);
  if (state.status !== 'approved') {
    const hint =
      state.status === 'draft'
        ? 'it is a draft: edit it directly'
        : state.status === 'superseded'
          ? `it was superseded by ${shortId(state.supersededBy ?? '')}: correct that one`
          : 'it was rejected: nothing of it is published';
    throw new DeskError('conflict', `review ${shortId(summary.id)} (${summary.tool.name}) is ${state.status}, not published, so there is nothing to correct — ${hint}`);
  }
  return state;
}

/**
 * Opens (or finds) the correction of `published`. Call inside `store.write`: the copy, its
 * audit rows and whatever the caller then edits commit together or not at all.
 */
export function openCorrection(store: Store, published: ReviewSummary, editor: string, at: string): { id: string; reused: boolean } {
  requirePublished(store, published);
  const open = openCorrectionOf(store, published.id);
  if (open != null) return { id: open.id, reused: true };
  const queries = createClaimDecisionQueries(store.db);
  const engine = queries.engineReview(published.id);
  const current = store.getReview(published.id);
  if (engine == null || current == null) throw new DeskError('not-found', `review ${shortId(published.id)} no longer exists`);
  const id = randomUUID();
  store.saveDraft({ ...engine, id, status: 'draft', createdAt: at }, { pageExcerpt: store.pageExcerpt(published.id), origin: 'correction', amends: published.id });
  // Revision 1 of each persona came with the engine's JSON; the later ones keep who wrote them.
  const later = store.revisions(published.id).filter((revision) => revision.revision > 1);
  for (const revision of later) {
    store.addRevision({ reviewId: id, persona: revision.persona, source: revision.source, author: revision.author, at: revision.createdAt, entry: revision.entry });
  }
  const edits = queries.profileEdits(published.id);
  for (const edit of edits) queries.addProfileEdit({ reviewId: id, field: edit.field, text: edit.text, editor: edit.editor, at: edit.at });
  const decisions = queries.decisions(published.id);
  for (const decision of decisions) {
    queries.addDecision({ reviewId: id, claimId: decision.claimId, action: decision.action, reason: decision.reason, editor: decision.editor, at: decision.at });
  }
  store.setPanel(id, { panel: current.panel, usage: current.usage, at });
  const copied = { revisions: later.length, profileEdits: edits.length, claimDecisions: decisions.length };
  store.appendAudit({ reviewId: id, at, actor: editor, action: AUDIT_ACTIONS.correctionOpened, detail: { of: published.id, copied } });
  store.appendAudit({ reviewId: published.id, at, actor: editor, action: AUDIT_ACTIONS.correctionStarted, detail: { correction: id } });
  return { id, reused: false };
}

/**
 * The review an edit applies to: a draft itself; a published review's correction (opened or
 * reused here). `seen` is checked against the review the editor named; the correction is
 * then edited as it is now.
 */
export function editTarget(store: Store, summary: ReviewSummary, editor: string, at: string, seen: Seen): { summary: ReviewSummary; seen: Seen } {
  if (store.reviewState(summary.id)?.status !== 'approved') return { summary, seen };
  requireRevision(requirePublished(store, summary), seen.revision, summary, 'corrected');
  const { id } = openCorrection(store, summary, editor, at);
  const correction = store.findReviews({ idPrefix: id })[0];
  if (correction == null) throw new DeskError('not-found', `correction ${shortId(id)} no longer exists`);
  return { summary: correction, seen: {} };
}

/**
 * A correction goes live only over the review it corrects: if that one is no longer the
 * published review (a re-review was approved meanwhile), approving would bring old text back.
 */
export function requireAmendsPublished(summary: ReviewSummary, approved: readonly string[]): void {
  if (summary.origin !== 'correction' || summary.amends == null || approved.includes(summary.amends)) return;
  const now = approved.length > 0 ? `the published review is now ${approved.map(shortId).join(', ')}` : 'nothing of the tool is published now';
  throw new DeskError(
    'conflict',
    `review ${shortId(summary.id)} corrects ${shortId(summary.amends)}, which is no longer published (${now}): reject this correction and correct the published review instead`,
  );
}

/** The draft page's view of corrections: what this draft corrects, or this review's open correction. */
export function amendmentOf(store: Store, summary: ReviewSummary): AmendmentView {
  const amended = summary.origin === 'correction' && summary.amends != null ? store.reviewState(summary.amends) : undefined;
  return {
    of: amended == null ? null : { id: amended.id, status: amended.status, approvedAt: amended.approvedAt },
    openCorrection: summary.status === 'approved' ? (openCorrectionOf(store, summary.id)?.id ?? null) : null,
  };
}
