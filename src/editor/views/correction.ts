/**
 * Corrections on the draft page (issue 13): on a published review, "Correct this review" (or a
 * link to its open correction); on a correction draft, which published review it corrects; and
 * the question a score edit across the ship line asks about the quote.
 */
import { html } from 'hono/html';
import type { DraftView } from '../desk-types.js';
import type { QuoteNeededError } from '../desk-edit.js';
import { when, type Html } from './format.js';
import { csrfField, revisionField, type Chrome } from './layout.js';

const reviewPath = (id: string) => `/reviews/${encodeURIComponent(id)}`;

/** The banner above the page: this draft corrects a published review, or this published review can be corrected. */
export function correctionBanner(view: DraftView, chrome: Chrome): Html {
  const { of, openCorrection } = view.amendment;
  if (of != null) {
    const live = of.status === 'approved' ? 'It stays live until you approve this correction, which then replaces it.' : `That review is now ${of.status}.`;
    return html`<p class="banner correction-banner" id="correction-of"><b>Correction</b> of the <a href="${reviewPath(of.id)}">published review of ${when(of.approvedAt)}</a>. ${live}</p>`;
  }
  if (view.state.status !== 'approved') return html``;
  const open =
    openCorrection == null
      ? html`<span class="muted">Opens a correction draft copying this review as it stands, with no model call; this one stays published until the correction is approved.</span>`
      : html`<span class="muted">A correction is open: <a href="${reviewPath(openCorrection)}">continue it</a>.</span>`;
  return html`<form method="post" action="${reviewPath(view.review.id)}/amend" class="banner correction-banner correct-form">${csrfField(chrome)}<button type="submit" class="button">✎ Correct this review</button> ${open}</form>`;
}

/** What the editor tried: kept in the question's form so nothing they typed is lost. */
export interface AttemptedEdit {
  score: number;
  verdict?: string | undefined;
  quote: string;
}

/**
 * The question a crossing score edit asks, as a form of its own (it works without the script):
 * a new quote for the new verdict, or "keep the quote" ticked. Posts to the same edit route.
 */
export function quoteQuestion(view: DraftView, error: QuoteNeededError, attempted: AttemptedEdit, chrome: Chrome): Html {
  const { persona, name, score, verdict, was, threshold } = error.crossing;
  const action = `${reviewPath(view.review.id)}/personas/${encodeURIComponent(persona)}/edit`;
  return html`<section class="card quote-question" id="quote-question" role="alert">
  <h2>Does ${name}'s quote still hold?</h2>
  <p>A score of <b>${score}</b> moves ${name} across the ship line (${threshold}) from <b>${was}</b> to <b>${verdict}</b>, but the quote was written for <b>${was}</b>. Rewrite it for the new verdict, or keep it as it is. Nothing was saved yet.</p>
  <form method="post" action="${action}" class="quote-question-form">
    ${csrfField(chrome)}${revisionField(view.state.revision)}
    <input type="hidden" name="score" value="${attempted.score}">
    ${attempted.verdict ? html`<input type="hidden" name="verdict" value="${attempted.verdict}">` : ''}
    <label class="field">Quote <textarea name="quote" rows="4" maxlength="700" required>${attempted.quote}</textarea></label>
    <label class="check"><input type="checkbox" name="keep_quote" value="1"> Keep the quote as it is (it still fits a ${verdict})</label>
    <div class="form-actions"><button type="submit" class="button primary">Save ${name} as ${score} · ${verdict}</button></div>
  </form>
</section>`;
}
