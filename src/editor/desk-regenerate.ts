/**
 * Regenerating one persona: ask its model again, with the stored profile and page excerpt and
 * the whole panel (so the prompt is the one the draft was made with), and keep the answer as a
 * new revision. The model call happens outside any transaction; the write re-checks that
 * nothing changed meanwhile (another editor, the web page), so an edit is never overwritten.
 */
import { PanelError, UsageError } from '../errors.js';
import { pageNotices } from '../intake/index.js';
import { reviewAsPersona } from '../panel/index.js';
import { chooseModels } from '../providers/index.js';
import type { Failure, PersonaReview, Review } from '../schemas.js';
import { isAnswer, type PersonaRevision, type ReviewSummary, type Store } from '../store/index.js';
import { commitPersonaChange, EDITOR_MODEL, entrySnapshot, reviewThreshold } from './desk-edit.js';
import { DeskError } from './desk-errors.js';
import { RegenerationError } from './regeneration-error.js';
import { requireDraft, requirePersona, requireRevision, shortId } from './desk-resolve.js';
import { AUDIT_ACTIONS, type RegenerateDeps, type RegenerateOptions } from './desk-types.js';

export { RegenerationError } from './regeneration-error.js';

/** The model that last answered (or failed) for this persona; editor-written rows have none. */
function storedModel(revisions: readonly PersonaRevision[], persona: string): string | undefined {
  for (const revision of [...revisions].reverse()) {
    const model = revision.entry.model;
    if (revision.persona === persona && model != null && model !== EDITOR_MODEL) return model;
  }
  return undefined;
}

function modelFor(store: Store, reviewId: string, persona: string, { engine }: RegenerateDeps): string {
  const spec =
    storedModel(store.revisions(reviewId), persona) ??
    chooseModels({ personas: engine.context.personas, config: engine.config, defaults: engine.context.modelDefaults }).models.get(persona);
  if (spec == null) throw new UsageError(`no model can be chosen for ${persona}`);
  engine.requireKey(spec, `${persona}'s model`);
  return spec;
}

export async function regeneratePersona(
  store: Store,
  target: { summary: ReviewSummary; persona: string; by: string; at: () => string; revision?: number | undefined },
  deps: RegenerateDeps,
  options: RegenerateOptions = {},
): Promise<Review> {
  const { summary, by } = target;
  const id = summary.id;
  const short = shortId(id);
  const state = requireDraft(store, summary, 'regenerated');
  requireRevision(state, target.revision, summary, 'asked to regenerate');
  const before = requirePersona(store.currentRevisions([id]).get(id) ?? [], target.persona, id);
  const persona = before.persona;
  if (before.source === 'editor' && !options.force) {
    throw new DeskError(
      'conflict',
      `${persona} on review ${short} was edited by ${before.author} at ${before.createdAt}; the edit is kept (--force asks the model anyway, keeping the edit in the history)`,
    );
  }
  const { context } = deps.engine;
  const definition = context.personas.find((each) => each.id === persona);
  if (definition == null) {
    throw new UsageError(`persona "${persona}" is no longer in personas/, so its model cannot be asked again; write it with edit instead`);
  }
  const spec = modelFor(store, id, persona, deps);
  const stored = store.getReview(id);
  if (stored == null) throw new DeskError('not-found', `review ${short} no longer exists`);
  const outcome = await reviewAsPersona(
    {
      profile: stored.tool,
      pageExcerpt: store.pageExcerpt(id),
      // The same warning the panel saw, so the regenerated call shares the panel's prefix.
      notices: pageNotices(stored.flags),
      personas: context.personas,
      models: new Map([[persona, spec]]),
      template: context.templates.review,
    },
    definition,
    spec,
    {
      createModel: deps.engine.model,
      ...deps.engine.calls,
      concurrency: 1,
      // The ship line this review's panel used, not today's config.
      threshold: reviewThreshold(stored),
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
  );
  const result: PersonaReview | Failure = outcome.result;
  const at = target.at();

  const kind = store.write(() => {
    const state = store.reviewState(id);
    const latest = requirePersona(store.currentRevisions([id]).get(id) ?? [], persona, id);
    const common = { persona, model: spec, usage: result.usage ?? null };
    if (state?.status !== 'draft' || latest.revision !== before.revision) {
      // Someone acted while the model answered: keep their change, record only the spend.
      store.appendAudit({
        reviewId: id,
        at,
        actor: by,
        action: AUDIT_ACTIONS.regenerationDiscarded,
        detail: { ...common, reason: state?.status !== 'draft' ? `review became ${state?.status}` : `${persona} got revision ${latest.revision}` },
      });
      return 'discarded' as const;
    }
    const from = entrySnapshot(before.entry);
    if (isAnswer(result)) {
      commitPersonaChange(store, id, at, {
        actor: by,
        revision: { persona, source: 'model', author: by, entry: result },
        spent: result.usage,
        audit: {
          action: AUDIT_ACTIONS.regenerated,
          detail: { ...common, from, to: entrySnapshot(result), ...(before.source === 'editor' ? { replacedEditBy: before.author } : {}) },
        },
      });
      return 'answered' as const;
    }
    // A failure replaces only a failure: an answer, the model's or an editor's, is never lost.
    const record = !isAnswer(before.entry);
    commitPersonaChange(store, id, at, {
      actor: by,
      revision: record ? { persona, source: 'model', author: by, entry: result } : null,
      spent: result.usage,
      audit: { action: AUDIT_ACTIONS.regenerationFailed, detail: { ...common, error: result.error, ...(record ? {} : { kept: before.revision }) } },
    });
    return record ? ('failed-recorded' as const) : ('failed-kept' as const);
  });

  const review = store.getReview(id);
  if (kind === 'answered' && review != null) return review;
  const error = isAnswer(result) ? '' : result.error;
  const messages = {
    'failed-recorded': `regenerating ${persona} on review ${short} failed again: ${error} (recorded; write it with edit instead)`,
    'failed-kept': `regenerating ${persona} on review ${short} failed: ${error}; its current answer is kept`,
    discarded: `review ${short} changed while ${persona}'s model was answering; the new answer was not saved (look again, then retry)`,
  };
  const failed = kind === 'answered' ? 'discarded' : kind;
  throw new RegenerationError(messages[failed], failed, review);
}
