/**
 * The draft page, laid out like the site's scorecard: the tool header (name, tagline,
 * category, pricing, best for, link), the description, the verdict line, the four persona
 * cards, the flags with their page snippets; beside them the decision (approve, reject with a
 * reason) and the usage; below, the history.
 */
import { html } from 'hono/html';
import type { DraftView } from '../desk-types.js';
import { safeHref } from '../security.js';
import type { Review } from '../../schemas.js';
import { capital, count, mean, money, percent, verdictClass, when, type Html } from './format.js';
import { historyList } from './history.js';
import { csrfField, page, revisionField, type Chrome } from './layout.js';
import { personaCard } from './persona-card.js';
import { claimsIn } from '../claims-view.js';
import { regeneratedAfterDraft } from '../desk-views.js';
import { claimsCard, groundingBadge, markedText } from './claims.js';
import { correctionBanner } from './correction.js';
import { changesCard } from './changes.js';
import { deskKeys } from './desk-flow.js';

/** A link to a page the model read: http(s) only, never sending our referrer or lending rank. */
function outbound(url: string): Html {
  const href = safeHref(url);
  if (href == null) return html`<span class="unsafe-url" title="not an http(s) address, so not a link">${url}</span>`;
  return html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${url}</a>`;
}

function stat(value: string, label: string, className = ''): Html {
  return html`<div class="stat ${className}"><span class="stat-value">${value}</span><span class="stat-label">${label}</span></div>`;
}

/** "edited by an editor" under a profile text an editor rewrote, with the model's text. */
function editedNote(view: DraftView, field: 'tagline' | 'description'): Html {
  const edit = view.editedFields.find((each) => each.field === field);
  if (edit == null) return html``;
  return html`<p class="edited-field">✎ ${capital(field)} edited by <b>${edit.by}</b>, ${when(edit.at)}</p><p class="original-text">The model wrote: <q>${edit.original}</q></p>`;
}

function toolHeader(view: DraftView): Html {
  const review = view.review;
  const tool = review.tool;
  const marked = (field: 'tagline' | 'description') => markedText(tool[field], claimsIn(view.grounding, field));
  const links = Object.entries(tool.links).filter(([, url]) => url !== tool.url);
  const facts = Object.entries(tool.facts).filter(([, value]) => value != null && value !== '');
  return html`<section class="card tool-card">
  <div class="tool-top">
    <div class="avatar" aria-hidden="true">${tool.name.trim().charAt(0).toUpperCase() || '?'}</div>
    <div class="tool-title">
      <p class="eyebrow">${tool.category}</p>
      <h1>${tool.name}</h1>
      <p class="tagline">${marked('tagline')}</p>${editedNote(view, 'tagline')}
    </div>
  </div>
  <div class="stats">
    ${stat(capital(review.panel.verdict ?? 'no verdict'), 'Panel verdict', `stat-verdict ${verdictClass(review.panel.verdict)}`)}
    ${stat(percent(review.panel.shipPercent), 'Panel ship')}
    ${stat(mean(review.panel.meanScore), 'Mean score')}
    ${stat(tool.pricing.entry, 'Entry')}
  </div>
  <dl class="facts">
    <div><dt>Pricing</dt><dd>${tool.pricing.entry}${tool.pricing.detail ? html` — ${tool.pricing.detail}` : ''}</dd></div>
    <div><dt>Best for</dt><dd>${tool.bestFor}</dd></div>
    ${tool.vendor ? html`<div><dt>Vendor</dt><dd>${tool.vendor}</dd></div>` : ''}
    <div><dt>Website</dt><dd>${outbound(tool.url)}</dd></div>
    ${links.map(([name, url]) => html`<div><dt>${capital(name)}</dt><dd>${outbound(url)}</dd></div>`)}
    ${facts.length > 0 ? html`<div><dt>Facts</dt><dd class="fact-list">${facts.map(([name, value]) => html`<span class="fact">${name}: <b>${String(value)}</b></span>`)}</dd></div>` : ''}
  </dl>
  <p class="description">${marked('description')}</p>${editedNote(view, 'description')}
</section>`;
}

function verdictLine(review: Review): Html {
  const panel = review.panel;
  const failed = review.failures.map((failure) => failure.persona);
  return html`<div class="verdict-line ${verdictClass(panel.verdict)}">
  <span class="pill ${verdictClass(panel.verdict)}">${panel.label}</span>
  <span>${percent(panel.shipPercent)} panel ship · mean score ${mean(panel.meanScore)}</span>
  ${panel.complete ? '' : html`<span class="badge warn">incomplete: ${failed.join(', ') || 'a persona failed'}</span>`}
</div>`;
}

function flagsCard(review: Review): Html {
  if (review.flags.length === 0) return html``;
  return html`<section class="card flags-card" id="flags">
  <h2>⚑ ${count(review.flags.length, 'flag')}</h2>
  <ul class="flag-list">${review.flags.map(
    (flag) => html`<li><p><span class="badge flag">${flag.kind}</span> ${flag.detail}</p>${flag.snippet ? html`<blockquote class="snippet"><span class="snippet-label">Page text</span>${flag.snippet}</blockquote>` : ''}</li>`,
  )}</ul>
</section>`;
}

function decisionCard(view: DraftView, chrome: Chrome): Html {
  const { state, review } = view;
  const base = `/reviews/${encodeURIComponent(review.id)}`;
  if (state.status === 'approved') {
    return html`<section class="card decision-card is-approved"><h2>Approved</h2><p>By <b>${state.approvedBy ?? '?'}</b>, ${when(state.approvedAt)}. This review is published.</p></section>`;
  }
  if (state.status === 'rejected') {
    return html`<section class="card decision-card is-rejected"><h2>Rejected</h2><p>By <b>${state.rejectedBy ?? '?'}</b>, ${when(state.rejectedAt)}:</p><blockquote class="reason">${state.rejectReason ?? ''}</blockquote></section>`;
  }
  if (state.status === 'superseded') {
    const by = state.supersededBy ?? '';
    return html`<section class="card decision-card is-superseded"><h2>Superseded</h2><p>Replaced by <a href="/reviews/${encodeURIComponent(by)}">${by.slice(0, 8)}</a>, ${when(state.supersededAt)}.</p></section>`;
  }
  const failed = review.failures.map((failure) => failure.persona);
  const open = view.grounding.counts.open;
  const disabled = (why: Html | string) => html`<button type="button" class="button approve" disabled>✓ Approve and publish</button><p class="hint">${why}</p>`;
  // An unchecked review is approved only with the editor's explicit confirmation (the server checks it too).
  const confirm = view.grounding.checked
    ? ''
    : html`<label class="check"><input type="checkbox" name="unchecked" value="1" required> Approve without a grounding check (its claims were never checked against the sources)</label>`;
  const approve = !review.panel.complete
    ? disabled(`Regenerate or write ${failed.join(', ')} first: an incomplete panel cannot be approved.`)
    : open > 0
      ? disabled(html`Decide the ${count(open, 'unsupported claim')} first (<a href="#claims">accept with a reason or remove</a>).`)
      : html`<form method="post" action="${base}/approve">${csrfField(chrome)}${revisionField(state.revision)}${confirm}<button type="submit" class="button approve" data-shortcut="approve" aria-keyshortcuts="a">✓ Approve and publish</button></form>`;
  return html`<section class="card decision-card" id="decision">
  <h2>Decision</h2>
  <p class="muted">Approving publishes this review${review.panel.complete ? '' : ' once every persona has an answer'}; it replaces the tool's approved review, if any.</p>
  ${approve}
  <form method="post" action="${base}/reject" class="reject-form">
    ${csrfField(chrome)}${revisionField(state.revision)}
    <label class="field">Reason for rejecting <textarea name="reason" rows="3" maxlength="2000" required placeholder="What is wrong with this draft?" data-shortcut="reject" aria-keyshortcuts="r"></textarea></label>
    <button type="submit" class="button reject">✕ Reject</button>
  </form>
</section>`;
}

function usageCard(review: Review): Html {
  const usage = review.usage;
  const models = [...new Set(review.reviews.map((entry) => entry.model).concat(review.failures.flatMap((failure) => (failure.model ? [failure.model] : []))))];
  return html`<section class="card usage-card">
  <h2>Usage</h2>
  <dl class="usage">
    <div><dt>Cost</dt><dd>${money(usage.costUsd)}${usage.unpriced?.length ? html` <span class="muted">+ unpriced: ${usage.unpriced.join(', ')}</span>` : ''}</dd></div>
    <div><dt>Input tokens</dt><dd>${usage.inputTokens.toLocaleString('en-US')} <span class="muted">(${usage.cachedInputTokens.toLocaleString('en-US')} cached)</span></dd></div>
    <div><dt>Output tokens</dt><dd>${usage.outputTokens.toLocaleString('en-US')}</dd></div>
    <div><dt>Models</dt><dd><ul class="model-list">${models.map((model) => html`<li><code>${model}</code></li>`)}</ul></dd></div>
    <div><dt>Created</dt><dd>${when(review.createdAt)}</dd></div>
    <div><dt>Id</dt><dd><code>${review.id}</code></dd></div>
  </dl>
</section>`;
}

/**
 * "Compare with…": a GET form to the comparison preview (/compare?a=…&b=…). This review is
 * `a` by id while it is a draft or approved (a comparison shows exactly it), else by the
 * tool's slug (its newest open review).
 */
function compareCard(view: DraftView): Html {
  const open = view.state.status === 'draft' || view.state.status === 'approved';
  const self = open ? view.review.id : view.summary.tool.slug;
  return html`<section class="card compare-card" id="compare">
  <h2>Compare</h2>
  <form method="get" action="/compare">
    <input type="hidden" name="a" value="${self}">
    <label class="field">Compare with… <input type="text" name="b" required maxlength="500" autocomplete="off" spellcheck="false" placeholder="slug, URL or review id"></label>
    <p class="hint">The other tool's newest draft or approved review; the page as the site would show it.</p>
    <div class="form-actions"><button type="submit" class="button">Preview the comparison</button></div>
  </form>
</section>`;
}

/** `threshold`: the review's own ship line (`reviewThreshold`); `question`: a form the editor must answer first (the quote of a crossing edit). */
export function draftPage(view: DraftView, chrome: Chrome, threshold: number, question?: Html): Html {
  const { review, state } = view;
  const editable = state.status === 'draft';
  const cards = view.personas.map((persona) =>
    personaCard(persona, { reviewId: review.id, revision: state.revision, editable, threshold, chrome, claims: claimsIn(view.grounding, 'quote', persona.persona) }),
  );
  const simulated = review.simulated
    ? html`<p class="banner sim-banner"><b>Simulated.</b> These answers came from the provider simulator, not from real models.</p>`
    : '';
  return page(
    review.tool.name,
    chrome,
    html`<nav class="crumbs"><a href="/?status=${state.status}">← ${state.status === 'draft' ? 'Drafts' : `${capital(state.status)} reviews`}</a><span class="status-badge status-${state.status}">${state.status}</span><code>${review.id.slice(0, 8)}</code><span class="muted revision">revision ${state.revision}</span>${groundingBadge(view.grounding)}</nav>
${deskKeys(review.id, state.status === 'draft')}
${simulated}${correctionBanner(view, chrome)}${question ?? ''}
<div class="draft-grid">
  <div class="draft-main">
    ${toolHeader(view)}
    ${verdictLine(review)}
    ${changesCard(view.changes)}
    ${flagsCard(review)}
    ${claimsCard(view.grounding, { review, revision: state.revision, editable, chrome, regenerated: regeneratedAfterDraft(view) })}
    <section class="scorecard" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">Reviewer scorecard</h2>
      <div class="persona-grid">${cards}</div>
    </section>
  </div>
  <aside class="draft-side">
    ${decisionCard(view, chrome)}
    ${compareCard(view)}
    ${usageCard(review)}
  </aside>
  <div class="draft-history">${historyList(view.history)}</div>
</div>`,
  );
}
