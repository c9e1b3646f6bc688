/**
 * Grounding on the draft page (issue 12): each claim marked where it stands in the tagline,
 * the description and the quotes, and the claims panel with the editor's decisions. Every
 * string here is untrusted model or page text and goes through `hono/html` escaping (text and
 * attributes alike); no script is needed — a supported claim's source shows on hover and on
 * keyboard focus from its `title` and a CSS popover over `data-source`.
 */
import { html } from 'hono/html';
import { markedPieces, type ClaimView, type GroundingView } from '../claims-view.js';
import type { Review } from '../../schemas.js';
import { removalSuggestion } from '../desk-claims.js';
import { count, when, type Html } from './format.js';
import { csrfField, revisionField, type Chrome } from './layout.js';

const sourceLine = (each: ClaimView) => {
  const support = each.claim.support;
  return support == null ? '' : `Supported by the ${support.source}: “${support.quote}”`;
};

function mark(text: string, each: ClaimView): Html {
  const id = each.claim.id;
  if (each.claim.status === 'supported') {
    const source = sourceLine(each);
    return html`<mark class="claim is-supported" tabindex="0" data-claim="${id}" title="${source}" data-source="${source}">${text}</mark>`;
  }
  const decided = each.decision?.action === 'accepted';
  const title = decided
    ? `Unsupported claim ${id}, accepted by ${each.decision?.editor ?? '?'}: ${each.decision?.reason ?? ''}`
    : `Unsupported claim ${id}: no source says this — accept it with a reason or remove it`;
  const state = decided ? 'is-accepted' : 'is-unsupported';
  const label = decided ? `accepted ${id}` : `⚑ unsupported ${id}`;
  return html`<mark class="claim ${state}" data-claim="${id}" title="${title}">${text}</mark><a class="claim-tag ${state}" href="#claim-${id}">${label}</a>`;
}

/** A field's current text with its claims marked at their spans. */
export function markedText(text: string, claims: readonly ClaimView[]): Html {
  return html`${markedPieces(text, claims).map((piece) => (piece.claim == null ? piece.text : mark(piece.text, piece.claim)))}`;
}

/** "grounding-checked" or "not grounding-checked", for the page's header. */
export function groundingBadge(view: GroundingView): Html {
  if (!view.checked) {
    const why = view.mode === 'deterministic' ? 'reviewed with --no-grounding: only the free checks ran' : 'made before grounding checks existed';
    return html`<span class="badge warn grounding-badge" title="${why}">not grounding-checked</span>`;
  }
  const { supported, unsupported, open } = view.counts;
  const state = open > 0 ? 'flag' : 'ok';
  return html`<span class="badge ${state} grounding-badge" title="claims checked by ${view.model ?? 'a model'}">grounding-checked · ${supported} supported · ${unsupported} unsupported${open > 0 ? html` · ${open} to decide` : ''}</span>`;
}

function claimPath(reviewId: string, claimId: string, action: 'accept' | 'remove'): string {
  return `/reviews/${encodeURIComponent(reviewId)}/claims/${encodeURIComponent(claimId)}/${action}`;
}

interface PanelContext {
  review: Review;
  /** Personas whose quote was regenerated after the draft: their new text was never checked. */
  regenerated: readonly string[];
  revision: number;
  editable: boolean;
  chrome: Chrome;
}

function decisionForms(each: ClaimView, context: PanelContext): Html {
  const { review, revision, chrome } = context;
  const suggestion = removalSuggestion(review, each);
  const remove =
    suggestion == null
      ? html`<form method="post" action="${claimPath(review.id, each.claim.id, 'remove')}" class="claim-remove">
    ${csrfField(chrome)}${revisionField(revision)}
    <p class="hint">The words are no longer in the ${each.where}.</p>
    <button type="submit" class="button small">Record as removed</button>
  </form>`
      : html`<details class="claim-remove"><summary class="button small">Remove…</summary>
  <form method="post" action="${claimPath(review.id, each.claim.id, 'remove')}">
    ${csrfField(chrome)}${revisionField(revision)}
    <label class="field">The ${each.where} without the claim <textarea name="text" rows="4" maxlength="2000" required>${suggestion}</textarea></label>
    <p class="hint">Saved as your edit of the ${each.where}; the model's text stays beside it. Rewrite it as it should read.</p>
    <div class="form-actions"><button type="submit" class="button">Save without the claim</button></div>
  </form>
</details>`;
  return html`<div class="claim-actions">
  <form method="post" action="${claimPath(review.id, each.claim.id, 'accept')}" class="claim-accept">
    ${csrfField(chrome)}${revisionField(revision)}
    <label class="field">Why it may stand <input type="text" name="reason" maxlength="2000" required placeholder="e.g. checked on the vendor's pricing page"></label>
    <button type="submit" class="button small accept-claim">Accept</button>
  </form>
  ${remove}
</div>`;
}

function decisionLine(each: ClaimView): Html {
  const decision = each.decision;
  if (decision == null) return html`<p class="claim-open">No decision yet: approval waits for it.</p>`;
  return decision.action === 'accepted'
    ? html`<p class="claim-decided">Accepted by <b>${decision.editor}</b>, ${when(decision.at)}: <q>${decision.reason ?? ''}</q></p>`
    : html`<p class="claim-decided">Removed by <b>${decision.editor}</b>, ${when(decision.at)}.</p>`;
}

function unsupportedItem(each: ClaimView, context: PanelContext): Html {
  const forms = context.editable
    ? each.decision == null
      ? decisionForms(each, context)
      : html`<details class="claim-change"><summary>Change the decision</summary>${decisionForms(each, context)}</details>`
    : '';
  return html`<li class="claim-item ${each.open ? 'is-open' : 'is-decided'}" id="claim-${each.claim.id}">
  <p><span class="badge flag">${each.claim.id}</span> <span class="muted">${each.claim.kind} · in the ${each.where}</span></p>
  <blockquote class="claim-words">${each.words}</blockquote>
  ${each.at == null ? html`<p class="hint">No longer in the ${each.where} as it reads now.</p>` : ''}
  ${decisionLine(each)}
  ${forms}
</li>`;
}

function supportedItem(each: ClaimView): Html {
  const support = each.claim.support;
  return html`<li class="claim-item is-supported"><p><span class="badge">${each.claim.id}</span> <span class="muted">in the ${each.where}</span> <q>${each.words}</q></p>${
    support ? html`<blockquote class="snippet"><span class="snippet-label">${support.source} · ${support.method}</span>${support.quote}</blockquote>` : ''
  }</li>`;
}

/** The claims card: the unsupported claims with their decisions, then the supported ones with their sources. */
export function claimsCard(view: GroundingView, context: PanelContext): Html {
  const unsupported = view.claims.filter((each) => each.claim.status === 'unsupported');
  const supported = view.claims.filter((each) => each.claim.status === 'supported');
  const note = view.checked
    ? html`<p class="muted">Claims listed and checked by <code>${view.model ?? '?'}</code> against the page and the facts.</p>`
    : html`<p class="banner warn-banner"><b>Not grounding-checked.</b> ${view.mode === 'deterministic' ? 'This review ran with --no-grounding: only the free checks (numbers, dates, names) ran.' : 'This review was made before grounding checks existed.'} Approving it needs your explicit confirmation.</p>`;
  const regenerated = view.checked && context.regenerated.length > 0
    ? html`<p class="banner warn-banner">Regenerated after the grounding check, so not checked: ${context.regenerated.join(', ')}'s quote${context.regenerated.length === 1 ? '' : 's'}. Read ${context.regenerated.length === 1 ? 'it' : 'them'} against the page before approving.</p>`
    : '';
  return html`<section class="card claims-card" id="claims">
  <h2>Claims ${groundingBadge(view)}</h2>
  ${note}${regenerated}
  ${unsupported.length > 0 ? html`<h3>${count(unsupported.length, 'unsupported claim')}</h3><ul class="claim-list">${unsupported.map((each) => unsupportedItem(each, context))}</ul>` : ''}
  ${supported.length > 0 ? html`<details class="supported-claims"><summary>${count(supported.length, 'supported claim')}, with their sources</summary><ul class="claim-list">${supported.map(supportedItem)}</ul></details>` : ''}
</section>`;
}
