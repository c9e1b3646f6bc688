/**
 * The published disclosure of one review (issue 12): which text was written by which model
 * (the profile's fields by the profile model, each quote by its persona's model, an editor's
 * rewrite marked as such with the original's model), which editor approved it and when, and
 * whether its claims were grounding-checked, with the editors' decisions counted. The FTC's
 * rule on fake reviews and the EU AI Act's Art. 50 both turn on the site being able to say so.
 */
import type { PersonaReview, Review } from '../schemas.js';
import { createClaimDecisionQueries, isAnswer, type PersonaRevision, type Store } from '../store/index.js';
import type { Disclosure, TextAuthorship } from './schemas.js';

function label(writer: TextAuthorship['writer'], model: string | null, edited: boolean): string {
  if (writer === 'editor') return 'Written by an editor';
  if (writer === 'source') return "From the tool's own published data";
  return `Written by ${model ?? 'an AI model'}${edited ? ', edited by an editor' : ''}`;
}

function authorship(writer: TextAuthorship['writer'], model: string | null, edited: TextAuthorship['edited'], groundingChecked: boolean): TextAuthorship {
  return { writer, model, edited, groundingChecked, label: label(writer, model, edited != null && writer === 'model') };
}

/**
 * A quote's authorship from its persona's revisions: a score-only edit leaves the model's quote
 * the model's. A quote regenerated after the draft was never grounding-checked.
 */
function quoteAuthorship(answer: PersonaReview, own: readonly PersonaRevision[], checked: boolean): TextAuthorship {
  const current = own.at(-1);
  const modelMade = [...own].reverse().find((revision) => revision.source === 'model');
  const regenerated = modelMade != null && modelMade.author !== 'engine';
  const original = modelMade != null && isAnswer(modelMade.entry) ? modelMade.entry : null;
  if (current == null || current.source === 'model') return authorship('model', answer.model, null, checked && !regenerated);
  const edited = { by: current.author, at: current.createdAt };
  // Written from scratch by an editor: the editor answers for it, no model's claims were checked.
  if (original == null) return authorship('editor', null, edited, false);
  return authorship('model', original.model, original.quote === answer.quote ? null : edited, checked && !regenerated);
}

export function buildDisclosure(store: Store, review: Review, approval: { editor: string; approvedAt: string }, answers: readonly PersonaReview[]): Disclosure {
  const queries = createClaimDecisionQueries(store.db);
  const checked = review.grounding?.mode === 'full';
  const profileModel = review.profileModel ?? null;
  // No profile call at all means the profile came whole from the tool's own data (a profile file).
  const profileWriter: TextAuthorship['writer'] = profileModel != null || review.profileUsage != null ? 'model' : 'source';
  const edits = new Map(queries.profileEdits(review.id).map((edit) => [edit.field, edit]));
  const profileText = (field: 'tagline' | 'description'): TextAuthorship => {
    const edit = edits.get(field);
    return authorship(profileWriter, profileModel, edit ? { by: edit.editor, at: edit.at } : null, checked);
  };
  const revisions = store.revisions(review.id);
  const quotes = answers.map((answer) => ({
    persona: answer.persona,
    ...quoteAuthorship(answer, revisions.filter((revision) => revision.persona === answer.persona), checked),
  }));
  const texts = { tagline: profileText('tagline'), description: profileText('description'), quotes };
  const grounding = review.grounding;
  const decisions = queries.currentDecisions(review.id);
  const unsupported = (grounding?.claims ?? []).filter((claim) => claim.status === 'unsupported');
  const decided = (action: 'accepted' | 'removed') => unsupported.filter((claim) => decisions.get(claim.id)?.action === action).length;
  return {
    aiWritten: [texts.tagline, texts.description, ...quotes].some((text) => text.writer === 'model'),
    texts,
    approval,
    grounding: {
      checked,
      mode: grounding?.mode ?? null,
      model: grounding?.model ?? null,
      claims: {
        supported: (grounding?.claims.length ?? 0) - unsupported.length,
        unsupported: unsupported.length,
        accepted: decided('accepted'),
        removed: decided('removed'),
      },
    },
  };
}
