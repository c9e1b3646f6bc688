/** The queue page: drafts (or one status) as rows — tool, verdict, ship %, persona scores, cost, flags. */
import { html } from 'hono/html';
import type { QueueItem, QueuePersona } from '../desk-types.js';
import type { ReviewStatus } from '../../store/index.js';
import { capital, count, day, money, percent, verdictClass, when, type Html } from './format.js';
import { page, type Chrome } from './layout.js';
import { queuePlace, queueReasonBadges } from './desk-flow.js';

export const STATUSES: readonly ReviewStatus[] = ['draft', 'approved', 'rejected', 'superseded'];

const TAB_NAMES: Record<ReviewStatus, string> = { draft: 'Drafts', approved: 'Approved', rejected: 'Rejected', superseded: 'Superseded' };
const INTRO: Record<ReviewStatus, string> = {
  draft: 'Drafts that need attention first, then unrouted, then routine ones; in each, incomplete and flagged first, then the newest. Open one to correct, approve or reject it.',
  approved: 'Published reviews, newest first.',
  rejected: 'Rejected drafts and why, newest first.',
  superseded: 'Reviews replaced by a newer approved one, newest first.',
};

export interface QueuePage {
  status: ReviewStatus;
  flagged: boolean;
  items: QueueItem[];
  counts: Record<ReviewStatus, number>;
}

function queueHref(status: ReviewStatus, flagged: boolean): string {
  return `/?status=${status}${flagged ? '&flagged=1' : ''}`;
}

function tabs(view: QueuePage): Html {
  const tab = (status: ReviewStatus) => {
    const current = status === view.status;
    return html`<a class="tab${current ? ' active' : ''}" href="${queueHref(status, view.flagged)}"${current ? html` aria-current="page"` : ''}>${TAB_NAMES[status]} <span class="count">${view.counts[status]}</span></a>`;
  };
  const toggle = view.flagged
    ? html`<a class="tab filter active" href="${queueHref(view.status, false)}" aria-pressed="true">⚑ Flagged only ✕</a>`
    : html`<a class="tab filter" href="${queueHref(view.status, true)}" aria-pressed="false">⚑ Flagged only</a>`;
  return html`<nav class="tabs" aria-label="Review status">${STATUSES.map(tab)}${toggle}</nav>`;
}

function chip(persona: QueuePersona): Html {
  if (persona.failed) {
    return html`<li class="chip failed" title="${persona.name}: failed">${persona.name} <b>failed</b></li>`;
  }
  const edited = persona.edited ? html`<span class="edited-mark" title="edited by an editor">✎</span>` : '';
  return html`<li class="chip ${verdictClass(persona.verdict)}" title="${persona.name}: ${persona.score} · ${persona.verdict ?? ''}${persona.edited ? ' (edited)' : ''}">${persona.name} <b>${persona.score}</b>${edited}</li>`;
}

function decision(item: QueueItem): Html {
  const state = item.state;
  if (state.status === 'approved') return html`Approved by ${state.approvedBy ?? '?'}, ${day(state.approvedAt ?? item.createdAt)}`;
  if (state.status === 'rejected') return html`Rejected by ${state.rejectedBy ?? '?'}: <q>${state.rejectReason ?? ''}</q>`;
  if (state.status === 'superseded') {
    return html`Superseded by <a href="/reviews/${state.supersededBy ?? ''}">${(state.supersededBy ?? '?').slice(0, 8)}</a>`;
  }
  return html``;
}

function row(item: QueueItem, showDecision: boolean): Html {
  const marks = [
    item.panel.complete ? '' : html`<span class="badge warn" title="failed: ${item.failedPersonas.join(', ')}">incomplete</span>`,
    item.simulated ? html`<span class="badge sim" title="answers came from the provider simulator">simulated</span>` : '',
  ];
  const flags = item.flagCount > 0 ? html`<span class="badge flag">⚑ ${item.flagCount}</span>` : html`<span class="muted">—</span>`;
  return html`<tr class="${item.panel.complete ? '' : 'is-incomplete'}${item.flagCount > 0 ? ' is-flagged' : ''}">
  <td class="cell-tool" data-label="Tool"><a class="tool-link" href="/reviews/${encodeURIComponent(item.id)}">${item.tool.name}</a>${queuePlace(item)}<span class="meta"><code>${item.shortId}</code>${queueReasonBadges(item)}${marks}</span></td>
  <td class="cell-verdict" data-label="Verdict"><span class="pill ${verdictClass(item.panel.verdict)}">${item.panel.label}</span></td>
  <td class="cell-ship num" data-label="Ship">${percent(item.panel.shipPercent)}</td>
  <td class="cell-panel" data-label="Panel"><ul class="chips">${item.personas.map(chip)}</ul></td>
  <td class="cell-cost num" data-label="Cost">${money(item.costUsd)}</td>
  <td class="cell-flags${item.flagCount > 0 ? '' : ' no-flags'}" data-label="Flags">${flags}</td>
  <td class="cell-created nowrap" data-label="Created"><time datetime="${item.createdAt}" title="${when(item.createdAt)}">${day(item.createdAt)}</time></td>
  ${showDecision ? html`<td class="cell-decision" data-label="Decision">${decision(item)}</td>` : ''}
</tr>`;
}

function emptyState(view: QueuePage): Html {
  const what = view.flagged ? `flagged ${view.status} reviews` : view.status === 'draft' ? 'drafts' : `${view.status} reviews`;
  const hint =
    view.status === 'draft' && !view.flagged
      ? html`The queue is clear. New drafts appear here after <code>npm run review</code> or a batch. <a href="/?status=approved">See the approved reviews</a>.`
      : html`<a href="/">Back to the drafts</a>.`;
  return html`<div class="card empty"><p class="empty-title">No ${what}.</p><p class="muted">${hint}</p></div>`;
}

export function queuePage(view: QueuePage, chrome: Chrome): Html {
  const showDecision = view.status !== 'draft';
  const title = view.status === 'draft' ? 'Drafts' : `${capital(view.status)} reviews`;
  const table =
    view.items.length === 0
      ? emptyState(view)
      : html`<div class="card table-card"><table class="queue">
  <thead><tr><th scope="col">Tool</th><th scope="col">Verdict</th><th scope="col" class="num">Ship</th><th scope="col">Panel</th><th scope="col" class="num">Cost</th><th scope="col">Flags</th><th scope="col">Created</th>${showDecision ? html`<th scope="col">Decision</th>` : ''}</tr></thead>
  <tbody>${view.items.map((item) => row(item, showDecision))}</tbody>
</table></div>`;
  return page(
    title,
    chrome,
    html`<section class="page-head">
  <h1>${title} <span class="muted count-big">${count(view.items.length, 'review')}</span></h1>
  <p class="muted">${INTRO[view.status]}</p>
</section>
${tabs(view)}
${table}`,
  );
}
