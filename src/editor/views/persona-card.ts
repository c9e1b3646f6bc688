/**
 * One persona card of the scorecard: score, ship/skip, quote, model; an editor's edit with the
 * model's answer beside it; a failed persona with its error; and, on a draft, the inline edit
 * form and the regenerate button.
 */
import { html } from 'hono/html';
import { EDITOR_MODEL } from '../desk-edit.js';
import type { PersonaView } from '../desk-types.js';
import { isAnswer } from '../../store/index.js';
import type { Failure, PersonaReview } from '../../schemas.js';
import { scoreBar, verdictClass, when, type Html } from './format.js';
import { csrfField, revisionField, type Chrome } from './layout.js';
import type { ClaimView } from '../claims-view.js';
import { markedText } from './claims.js';
import { personaSpread } from './persona-spread.js';

export interface CardContext {
  reviewId: string;
  /** The review revision the page shows, sent back with each action. */
  revision: number;
  /** Actions are shown only on drafts. */
  editable: boolean;
  threshold: number;
  chrome: Chrome;
  /** The grounding claims of this persona's quote, marked in it. */
  claims?: readonly ClaimView[];
}

const modelLabel = (model: string | undefined): string =>
  model == null ? 'unknown model' : model === EDITOR_MODEL ? 'written by an editor' : model;

function personaPath(context: CardContext, persona: string, action: 'edit' | 'regenerate'): string {
  return `/reviews/${encodeURIComponent(context.reviewId)}/personas/${encodeURIComponent(persona)}/${action}`;
}

function scoreLine(entry: PersonaReview): Html {
  return html`<p class="score-line"><span class="score-num">${entry.score}</span><span class="score-of">/100</span> · <span class="verdict-word ${verdictClass(entry.verdict)}">${entry.verdict}</span></p>`;
}

/** What the model said, beside an editor's edit. */
function original(view: PersonaView): Html {
  if (view.edited == null) return html``;
  const said: PersonaReview | Failure = view.modelOriginal;
  const body = isAnswer(said)
    ? html`<p class="original-score">The model (${modelLabel(said.model)}) said <b>${said.score} · ${said.verdict}</b></p><blockquote class="original-quote">${said.quote}</blockquote>`
    : html`<p class="original-score">The model (${modelLabel(said.model)}) failed: ${said.error}</p>`;
  return html`<div class="original"><p class="edited-by">✎ Edited by <b>${view.edited.by}</b>, ${when(view.edited.at)}</p>${body}</div>`;
}

function editForm(view: PersonaView, context: CardContext): Html {
  const current = view.current;
  const answer = isAnswer(current) ? current : null;
  const label = answer ? 'Edit' : 'Write this review';
  return html`<details class="edit"${answer ? '' : html` open`}>
  <summary class="button small">${label}</summary>
  <form method="post" action="${personaPath(context, view.persona, 'edit')}" class="edit-form" data-threshold="${context.threshold}" data-verdict="${answer?.verdict ?? ''}">
    ${csrfField(context.chrome)}${revisionField(context.revision)}
    <div class="field-row">
      <label class="field">Score <input type="number" name="score" min="0" max="100" step="1" inputmode="numeric" value="${answer?.score ?? ''}" required></label>
      <label class="field">Verdict <select name="verdict">
        <option value="">follows the score</option>
        <option value="ship">ship</option>
        <option value="skip">skip</option>
      </select></label>
    </div>
    <p class="hint">${context.threshold} or more is <b>ship</b>, below is <b>skip</b>. <span class="verdict-preview" aria-live="polite"></span></p>
    <label class="field">Quote <textarea name="quote" rows="4" maxlength="700" required>${answer?.quote ?? ''}</textarea></label>
    <div class="form-actions"><button type="submit" class="button primary">Save ${view.name}</button></div>
  </form>
</details>`;
}

function regenerateForm(view: PersonaView, context: CardContext): Html {
  const replacing = view.source === 'editor';
  const confirm = replacing
    ? html`<label class="check"><input type="checkbox" name="force" value="1" required> Replace ${view.author}'s edit (it stays in the history)</label>`
    : '';
  return html`<form method="post" action="${personaPath(context, view.persona, 'regenerate')}" class="regenerate-form">
  ${csrfField(context.chrome)}${revisionField(context.revision)}
  <button type="submit" class="button small ghost" data-busy="Asking the model…">↻ Regenerate</button>${confirm}
</form>`;
}

export function personaCard(view: PersonaView, context: CardContext): Html {
  const current = view.current;
  const answer = isAnswer(current) ? current : null;
  const state = answer ? verdictClass(answer.verdict) : 'failed';
  const body = answer
    ? html`${scoreLine(answer)}${scoreBar(answer.score)}<blockquote class="quote">${markedText(answer.quote, context.claims ?? [])}</blockquote>`
    : html`<p class="score-line"><span class="verdict-word failed">Failed</span></p>${scoreBar(null)}<p class="failure" role="note">${(current as Failure).error}</p>`;
  const meta = html`<p class="persona-meta"><span title="model">${modelLabel(current.model)}</span>${view.revisions > 1 ? html` · revision ${view.revision} of ${view.revisions}` : ''}${view.source === 'model' && view.author !== 'engine' ? html` · regenerated by ${view.author}` : ''}</p>`;
  const actions = context.editable
    ? html`<div class="persona-actions">${editForm(view, context)}${regenerateForm(view, context)}</div>`
    : '';
  return html`<article class="persona-card is-${state}${view.edited ? ' is-edited' : ''}" id="persona-${view.persona}" data-persona="${view.persona}">
  <header class="persona-head"><h3>${view.name}</h3>${view.edited ? html`<span class="badge edited">edited</span>` : ''}</header>
  ${body}
  ${personaSpread(current)}
  ${meta}
  ${original(view)}
  ${actions}
</article>`;
}
