/** A review's history on the draft page: audit entries and persona revisions, oldest first. */
import { html } from 'hono/html';
import type { HistoryEntry } from '../desk-types.js';
import { isAnswer } from '../../store/index.js';
import { when, type Html } from './format.js';

type Detail = Record<string, unknown>;

const asDetail = (value: unknown): Detail => (value != null && typeof value === 'object' && !Array.isArray(value) ? (value as Detail) : {});
const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** "40 · skip" from an audit snapshot ({score, verdict} or {failed}). */
function snapshot(value: unknown): string {
  const entry = asDetail(value);
  if (entry.failed != null) return 'failed';
  return [text(entry.score), text(entry.verdict)].filter(Boolean).join(' · ') || '—';
}

function auditLine(entry: Extract<HistoryEntry, { kind: 'audit' }>): Html {
  const detail = asDetail(entry.detail);
  const persona = text(detail.persona);
  switch (entry.action) {
    case 'edited': {
      const fields = Array.isArray(detail.fields) ? detail.fields.map(String).join(', ') : '';
      const from = snapshot(detail.from);
      const to = snapshot(detail.to);
      return html`edited <b>${persona ?? '?'}</b> (${fields})${from === to ? '' : `: ${from} → ${to}`}`;
    }
    case 'regenerated':
      return html`regenerated <b>${persona ?? '?'}</b> with ${text(detail.model) ?? '?'}: ${snapshot(detail.from)} → ${snapshot(detail.to)}`;
    case 'regeneration failed':
      return html`regenerating <b>${persona ?? '?'}</b> failed: ${text(detail.error) ?? '?'}`;
    case 'regeneration discarded':
      return html`discarded a regeneration of <b>${persona ?? '?'}</b>: ${text(detail.reason) ?? '?'}`;
    case 'rejected':
      return html`<b>rejected</b> the draft: <q>${text(detail.reason) ?? ''}</q>`;
    case 'approved': {
      const superseded = Array.isArray(detail.supersedes) ? detail.supersedes.map((id) => String(id).slice(0, 8)).join(', ') : '';
      return html`<b>approved</b> the draft${superseded ? html` (superseding ${superseded})` : ''}`;
    }
    case 'superseded':
      return html`<b>superseded</b> by ${(text(detail.by) ?? '?').slice(0, 8)}`;
    case 'claim accepted':
      return html`<b>accepted</b> claim ${text(detail.claim) ?? '?'} (<q>${text(detail.words) ?? ''}</q>): ${text(detail.reason) ?? ''}`;
    case 'claim removed':
      return html`<b>removed</b> claim ${text(detail.claim) ?? '?'} (<q>${text(detail.words) ?? ''}</q>)${detail.edited ? ' by editing the text' : ''}`;
    case 'profile edited':
      return html`edited the <b>${text(detail.field) ?? '?'}</b>: <q>${text(detail.to) ?? ''}</q>`;
    default:
      return html`${entry.action}`;
  }
}

function revisionLine(entry: Extract<HistoryEntry, { kind: 'revision' }>): Html {
  const answer = isAnswer(entry.entry) ? `${entry.entry.score} · ${entry.entry.verdict}` : 'failed';
  const source = entry.source === 'editor' ? 'written by the editor' : entry.entry.model ?? 'model';
  return html`${entry.persona} revision ${entry.revision}: ${answer} <span class="muted">(${source})</span>`;
}

export function historyList(entries: readonly HistoryEntry[]): Html {
  const item = (entry: HistoryEntry) =>
    html`<li class="event ${entry.kind === 'audit' ? 'event-audit' : 'event-revision'}"><time datetime="${entry.at}">${when(entry.at)}</time><span class="actor">${entry.actor}</span><span class="what">${entry.kind === 'audit' ? auditLine(entry) : revisionLine(entry)}</span></li>`;
  return html`<section class="card history-card" id="history">
  <h2>History</h2>
  <ol class="timeline">${entries.map(item)}</ol>
</section>`;
}
