/**
 * An editor's rewrite of the profile's tagline or description: a profile edit (migration 041),
 * the model's text kept in the engine's review beside it, one audit row per field. The claims
 * view then finds a removed claim's words gone from the field on its own.
 */
import { UsageError } from '../errors.js';
import { createClaimDecisionQueries, type ReviewSummary, type Store } from '../store/index.js';
import { MAX_PROFILE_TEXT_CHARS } from './desk-claims.js';
import { requireDraft, requireRevision } from './desk-resolve.js';
import { AUDIT_ACTIONS, type ProfileChanges, type Seen } from './desk-types.js';

const FIELDS = ['tagline', 'description'] as const;

/** Writes the changed fields. Call inside `store.write`, with `summary` a draft. */
export function editProfile(store: Store, target: { summary: ReviewSummary; changes: ProfileChanges; editor: string; at: string; seen: Seen }): void {
  const { summary, changes, editor, at } = target;
  const state = requireDraft(store, summary, 'edited');
  requireRevision(state, target.seen.revision, summary, 'edited');
  const review = store.getReview(summary.id);
  if (review == null) throw new UsageError(`review ${summary.id} no longer exists`);
  const given = FIELDS.filter((field) => changes[field] !== undefined);
  if (given.length === 0) throw new UsageError('nothing to change: give --tagline TEXT or --description TEXT');
  const edits: Array<{ field: (typeof FIELDS)[number]; from: string; to: string }> = [];
  for (const field of given) {
    const text = (changes[field] as string).trim();
    if (text === '') throw new UsageError(`the ${field} must not be empty`);
    if (/[\r\n]/.test(text) && field === 'tagline') throw new UsageError('the tagline must be one line');
    const limit = MAX_PROFILE_TEXT_CHARS[field];
    if (text.length > limit) throw new UsageError(`the new ${field} has ${text.length} characters; keep it to ${limit}`);
    if (text !== review.tool[field]) edits.push({ field, from: review.tool[field], to: text });
  }
  if (edits.length === 0) throw new UsageError(`edit changes nothing: the ${given.join(' and ')} already say${given.length === 1 ? 's' : ''} that`);
  const queries = createClaimDecisionQueries(store.db);
  for (const edit of edits) {
    queries.addProfileEdit({ reviewId: summary.id, field: edit.field, text: edit.to, editor, at });
    store.appendAudit({ reviewId: summary.id, at, actor: editor, action: AUDIT_ACTIONS.profileEdited, detail: edit });
  }
  queries.bumpRevision(summary.id, at);
}
