/**
 * Deciding a grounding claim (issue 12): an unsupported claim is accepted with the editor's
 * reason, or removed. Removing never invents text: the editor sends the field's new text
 * (the web form offers the text without the claim to confirm or rewrite; the CLI takes
 * `--text`), which is saved as an editor's edit — a persona revision for a quote, a profile
 * edit for the tagline or description — or the claim's words must already be gone from the
 * text (the editor edited it before). Decision, edit, revision and audit row: one transaction.
 */
import { UsageError } from '../errors.js';
import type { Claim, Review } from '../schemas.js';
import { createClaimDecisionQueries, type ClaimDecisionQueries, type Store } from '../store/index.js';
import { buildGroundingView, fieldText, stillContains, withoutClaim, type ClaimView, type GroundingView } from './claims-view.js';
import { commitPersonaChange, editedEntry, entrySnapshot, reviewThreshold } from './desk-edit.js';
import { DeskError } from './desk-errors.js';
import { requireDraft, requirePersona, requireRevision, shortId } from './desk-resolve.js';
import { AUDIT_ACTIONS, type ClaimDecisionInput, type Seen } from './desk-types.js';
import type { ReviewSummary } from '../store/index.js';

const MAX_REASON_CHARS = 2000;
/** The profile's own limits are the model's; an editor's tagline or description stays page-sized. */
export const MAX_PROFILE_TEXT_CHARS: Record<'tagline' | 'description', number> = { tagline: 200, description: 2000 };

/** The desk's view of a review's claims (the engine's texts, the current ones, the decisions). */
export function groundingOf(store: Store, review: Review, queries: ClaimDecisionQueries = createClaimDecisionQueries(store.db)): GroundingView {
  const engine = queries.engineReview(review.id) ?? review;
  return buildGroundingView(engine, review, queries.currentDecisions(review.id));
}

function requireClaim(view: GroundingView, claimId: string, summary: ReviewSummary): ClaimView {
  const wanted = claimId.trim();
  const found = view.claims.find((each) => each.claim.id === wanted);
  if (found == null) {
    const ids = view.claims.filter((each) => each.claim.status === 'unsupported').map((each) => each.claim.id);
    const known = ids.length > 0 ? `its unsupported claims: ${ids.join(', ')}` : 'it has no unsupported claims';
    throw new DeskError('not-found', `review ${shortId(summary.id)} (${summary.tool.name}) has no claim "${claimId}" (${known})`);
  }
  if (found.claim.status === 'supported') {
    throw new DeskError('conflict', `claim ${found.claim.id} is supported by the ${found.claim.support?.source ?? 'sources'}: there is nothing to decide`);
  }
  return found;
}

function checkReason(reason: string): string {
  const why = reason.trim();
  if (why === '') throw new UsageError('accepting an unsupported claim needs a reason (why it may stand without a source)');
  if (why.length > MAX_REASON_CHARS) throw new UsageError(`the reason has ${why.length} characters; keep it under ${MAX_REASON_CHARS}`);
  if (/[\r\n]/.test(why)) return why.replace(/\s*[\r\n]+\s*/g, ' ');
  return why;
}

/** The new text for a removal, checked: not empty, no longer holding the claim's words. */
function checkRemovalText(text: string, view: ClaimView, current: string): string {
  const next = text.trim();
  if (next === '') throw new UsageError(`the ${view.where} must not be empty: rewrite it without the claim`);
  if (stillContains(next, view.words)) {
    throw new UsageError(`the new ${view.where} still says “${view.words}”: take the claim out, or accept it with a reason instead`);
  }
  if (next === current.trim()) throw new UsageError(`the new ${view.where} is the same as the current one`);
  return next;
}

export interface DecideContext {
  summary: ReviewSummary;
  claimId: string;
  input: ClaimDecisionInput;
  editor: string;
  at: string;
  seen: Seen;
  reload(id: string): Review;
}

/** Records the decision (and the removal's edit). Call inside `store.write`. */
export function decideClaim(store: Store, context: DecideContext): void {
  const { summary, input, editor, at } = context;
  const queries = createClaimDecisionQueries(store.db);
  const state = requireDraft(store, summary, 'decided');
  requireRevision(state, context.seen.revision, summary, 'decided on');
  const review = context.reload(summary.id);
  const view = requireClaim(groundingOf(store, review, queries), context.claimId, summary);
  const claim: Claim = view.claim;
  const base = { reviewId: summary.id, claimId: claim.id, editor, at };
  const auditBase = { claim: claim.id, field: claim.field, ...(claim.personaId ? { persona: claim.personaId } : {}), words: view.words };
  if (input.action === 'accepted') {
    const reason = checkReason(input.reason);
    queries.addDecision({ ...base, action: 'accepted', reason });
    queries.bumpRevision(summary.id, at);
    store.appendAudit({ reviewId: summary.id, at, actor: editor, action: AUDIT_ACTIONS.claimAccepted, detail: { ...auditBase, reason } });
    return;
  }
  const current = fieldText(review, claim);
  const text = input.text;
  if (text === undefined) {
    if (current != null && view.at != null) {
      const suggestion = withoutClaim(current, view.at);
      throw new DeskError(
        'conflict',
        `claim ${claim.id} (“${view.words}”) is still in the ${view.where}: give the text without it to remove it, e.g. --text ${JSON.stringify(suggestion)}`,
      );
    }
    queries.addDecision({ ...base, action: 'removed', reason: null });
    queries.bumpRevision(summary.id, at);
    store.appendAudit({ reviewId: summary.id, at, actor: editor, action: AUDIT_ACTIONS.claimRemoved, detail: auditBase });
    return;
  }
  if (current == null) throw new DeskError('conflict', `the ${view.where} has no text now (its persona failed): there is nothing to edit`);
  const next = checkRemovalText(text, view, current);
  if (claim.field === 'quote') {
    const revisions = store.currentRevisions([summary.id]).get(summary.id) ?? [];
    const persona = requirePersona(revisions, claim.personaId ?? '', summary.id);
    const name = review.reviews.find((answer) => answer.persona === persona.persona)?.name ?? persona.persona;
    const entry = editedEntry(persona.entry, { quote: next }, { threshold: reviewThreshold(review), name });
    // The edit is an ordinary editor revision (the model's quote stays beside it); its panel update moves the revision on.
    commitPersonaChange(store, summary.id, at, {
      actor: editor,
      revision: { persona: persona.persona, source: 'editor', author: editor, entry },
      audit: { action: AUDIT_ACTIONS.edited, detail: { persona: persona.persona, fields: ['quote'], from: entrySnapshot(persona.entry), to: entrySnapshot(entry), claim: claim.id } },
    });
  } else {
    const limit = MAX_PROFILE_TEXT_CHARS[claim.field];
    if (next.length > limit) throw new UsageError(`the new ${claim.field} has ${next.length} characters; keep it to ${limit}`);
    queries.addProfileEdit({ reviewId: summary.id, field: claim.field, text: next, editor, at });
    queries.bumpRevision(summary.id, at);
    store.appendAudit({ reviewId: summary.id, at, actor: editor, action: AUDIT_ACTIONS.profileEdited, detail: { field: claim.field, from: current, to: next, claim: claim.id } });
  }
  queries.addDecision({ ...base, action: 'removed', reason: null });
  store.appendAudit({ reviewId: summary.id, at, actor: editor, action: AUDIT_ACTIONS.claimRemoved, detail: { ...auditBase, edited: true } });
}

/** The text the removal form offers for a claim still in its field (the editor confirms or rewrites it). */
export function removalSuggestion(review: Review, view: ClaimView): string | null {
  const current = fieldText(review, view.claim);
  return current == null || view.at == null ? null : withoutClaim(current, view.at);
}
