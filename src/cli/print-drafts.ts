/** The editor's desk on the terminal: queue rows, the scorecard of one draft, its history. Pure. */
import type { DraftView, HistoryEntry, PersonaView, QueueItem } from '../editor/index.js';
import { EDITOR_MODEL, isAnswer, queueReasons, regeneratedAfterDraft, shortId, toolPlace, type QueueNeighbour } from '../editor/index.js';
import type { Failure, PersonaReview, Review } from '../schemas.js';
import type { ReviewState } from '../store/index.js';
import { terminalLine as clean } from '../terminal-text.js';
import { formatChanges } from './print-changes.js';
import { formatClaims } from './print-claims.js';
import { formatUsd, panelText, wrap } from './print.js';
import { confidenceText, routingLines, spreadLines } from './print-spread.js';

/** The panel line, as the review summary prints it (mean to two decimals at most). */
function panelLine(panel: Review['panel'], incomplete: string): string {
  return `Panel: ${panelText(panel)}${incomplete}`;
}

function decision(state: ReviewState): string {
  if (state.status === 'approved') return `approved by ${state.approvedBy ?? '?'} at ${state.approvedAt ?? '?'}`;
  if (state.status === 'rejected') return `rejected by ${state.rejectedBy ?? '?'} at ${state.rejectedAt ?? '?'}: ${clean(state.rejectReason ?? '')}`;
  if (state.status === 'superseded') return `superseded by ${shortId(state.supersededBy ?? '?')} at ${state.supersededAt ?? '?'}`;
  return 'draft';
}

export function formatQueue(items: readonly QueueItem[], status: string, page: { limit: number; offset: number } = { limit: Infinity, offset: 0 }): string {
  const none = `No ${status === 'draft' ? 'drafts' : `${status} reviews`}`;
  if (items.length === 0) return page.offset > 0 ? `${none} after the first ${page.offset}.\n` : `${none}.\n`;
  const order = status === 'draft' ? ': needs-attention, unrouted, then routine; in each incomplete first, then flagged, then newest' : ', newest first';
  const range = page.offset > 0 || items.length >= page.limit ? `${page.offset + 1}–${page.offset + items.length}` : String(items.length);
  const out = [`${status === 'draft' ? 'Drafts' : `Reviews ${status}`} (${range})${order}`, ''];
  const nameWidth = Math.min(28, Math.max(...items.map((item) => item.tool.name.length)));
  const labelWidth = Math.max(...items.map((item) => item.panel.label.length));
  const places = items.map((item) => clean(toolPlace(item.tool.url)));
  const placeWidth = Math.max(...places.map((place) => place.length));
  for (const [index, item] of items.entries()) {
    const personas = item.personas
      .map((each) => `${each.persona} ${each.failed ? 'failed' : `${each.score}${each.edited ? '*' : ''}`}`)
      .join(', ');
    const marks = [
      item.panel.complete ? '' : `[incomplete: ${item.failedPersonas.join(', ')}]`,
      item.flagCount > 0 ? `[${item.flagCount} flag${item.flagCount === 1 ? '' : 's'}]` : '',
      item.simulated ? '[simulated]' : '',
      item.status === 'draft' ? '' : `[${decision(item.state)}]`,
    ].filter(Boolean);
    out.push(
      `  ${item.shortId}  ${clean(item.tool.name).slice(0, 28).padEnd(nameWidth)}  ${(places[index] ?? '').padEnd(placeWidth)}  ${item.panel.label.padEnd(labelWidth)} ` +
        `${(item.panel.shipPercent == null ? '—' : `${item.panel.shipPercent}%`).padStart(4)}  ${personas}  ${formatUsd(item.costUsd)}  ` +
        `${item.createdAt.slice(0, 10)}  ${queueReasons(item).map((reason) => reason.label).join(' · ')}${marks.length > 0 ? `  ${marks.join(' ')}` : ''}`,
    );
  }
  if (items.some((item) => item.personas.some((each) => each.edited))) out.push('', '  * edited by an editor');
  out.push('', `Open one with: npm run drafts -- show ${items[0]?.shortId ?? '<id>'}`);
  // A full page may have a next one; counting every row to know would cost what paging saves.
  if (items.length >= page.limit) out.push(`Next page (if any): the same command with --offset ${page.offset + items.length}`);
  return `${out.join('\n')}\n`;
}

/** After approve or reject: the draft to open next, as a hint (the queue's order; routes-next.ts on the web). */
export function formatNext(next: QueueNeighbour | null): string {
  return next == null ? 'next: none, the queue is clear\n' : `next: ${shortId(next.id)} ${clean(next.toolName)}\n`;
}

/** The model column; an answer an editor wrote for a failed persona came from no model. */
const modelLabel = (model: string): string => (model === EDITOR_MODEL ? 'written by an editor' : model);

function answerLine(entry: PersonaReview | Failure): string {
  return isAnswer(entry) ? `${entry.score} · ${entry.verdict}` : `failed (${clean(entry.error)})`;
}

function personaBlock(view: PersonaView, nameWidth: number): string[] {
  const { current } = view;
  const name = view.name.padEnd(nameWidth);
  if (!isAnswer(current)) {
    // 'FAILED' fills the width of "100/100 · ship" so the model column lines up.
    return [`  ${name}  ${'FAILED'.padEnd(14)}  ${current.model ?? 'no model'}: ${clean(current.error)}`];
  }
  const lines = [
    `  ${name}  ${String(current.score).padStart(3)}/100 · ${current.verdict.padEnd(4)}  ${modelLabel(current.model)}${confidenceText(current)}`,
    ...spreadLines(current),
    wrap(`“${clean(current.quote)}”`, 88, '      '),
  ];
  const original = view.modelOriginal;
  if (view.edited && !isAnswer(original)) {
    lines.push(`      written by ${view.edited.by} at ${view.edited.at} (the model failed: ${clean(original.error)})`);
  } else if (view.edited) {
    lines.push(`      edited by ${view.edited.by} at ${view.edited.at} (model said: ${answerLine(original)})`);
    if (isAnswer(original) && original.quote !== current.quote) lines.push(wrap(`model's quote: “${clean(original.quote)}”`, 88, '        '));
  } else if (view.author !== 'engine') {
    lines.push(`      regenerated by ${view.author} at ${view.at}`);
  }
  return lines;
}

/** The scorecard: the profile, the verdict line, each persona with edits beside the model's answer. */
export function formatDraft(view: DraftView): string {
  const { review, state } = view;
  const { tool, panel } = review;
  const out: string[] = [];
  if (review.simulated) out.push('SIMULATED: these answers come from the built-in simulator, not from real models.', '');
  out.push(`${clean(tool.name)} — ${clean(tool.tagline)}`);
  out.push(`${clean(tool.category)} · ${tool.pricing.entry}${tool.pricing.detail ? ` (${clean(tool.pricing.detail)})` : ''} · best for: ${clean(tool.bestFor)}`);
  out.push(clean(tool.url));
  for (const edit of view.editedFields) out.push(wrap(`${edit.field} edited by ${clean(edit.by)} at ${edit.at} (the model wrote: “${clean(edit.original)}”)`, 88, '  '));
  out.push(`Review ${review.id} · revision ${state.revision} · ${decision(state)} · created ${review.createdAt}`);
  const { of, openCorrection } = view.amendment;
  if (of != null) out.push(`Correction of the published review ${of.id} (approved ${of.approvedAt ?? '?'}, now ${of.status}): approving this one replaces it`);
  if (openCorrection != null) out.push(`A correction of this review is open: ${openCorrection} (it stays published until that one is approved)`);
  out.push('');
  const failed = view.personas.filter((each) => !isAnswer(each.current)).map((each) => each.persona);
  const incomplete = panel.complete ? '' : `  [INCOMPLETE: ${failed.join(', ') || 'no answers'} — regenerate or write them before approving]`;
  out.push(panelLine(panel, incomplete), '');
  const nameWidth = Math.max(8, ...view.personas.map((each) => each.name.length));
  for (const each of view.personas) out.push(...personaBlock(each, nameWidth));
  if (review.flags.length > 0) {
    out.push('', 'Flags for the editor:');
    for (const flag of review.flags) out.push(`  ${clean(flag.kind)}: ${clean(flag.detail)}`);
  }
  if (view.changes) out.push('', ...formatChanges(view.changes));
  out.push('', ...formatClaims(view.grounding, state.status === 'draft' ? shortId(review.id) : null));
  const routing = routingLines(review);
  if (routing.length > 0) out.push('', ...routing);
  const regenerated = regeneratedAfterDraft(view);
  if (view.grounding.checked && regenerated.length > 0) out.push(`  regenerated after the grounding check, so not checked: ${regenerated.map(clean).join(', ')}`);
  out.push('', `Tokens: ${review.usage.inputTokens.toLocaleString('en-US')} in · ${review.usage.outputTokens.toLocaleString('en-US')} out · cost ${formatUsd(review.usage.costUsd)}`);
  out.push(`History: ${view.history.length} entries (npm run drafts -- history ${shortId(review.id)})`);
  if (state.status === 'draft') {
    out.push(`Act on what you see: add --revision ${state.revision} to edit, approve or reject (refused if someone changes it first).`);
  }
  return `${out.join('\n')}\n`;
}

function snapshot(value: unknown): string {
  const entry = (value ?? {}) as { score?: number; verdict?: string; failed?: string };
  if (entry.failed !== undefined) return 'failed';
  return entry.score === undefined ? '?' : `${entry.score} · ${entry.verdict ?? '?'}`;
}

function auditLine(entry: Extract<HistoryEntry, { kind: 'audit' }>): string {
  const detail = (entry.detail ?? {}) as Record<string, unknown>;
  const persona = typeof detail.persona === 'string' ? ` ${detail.persona}` : '';
  const move = entry.fromStatus !== entry.toStatus && entry.toStatus ? ` (${entry.fromStatus ?? 'new'} → ${entry.toStatus})` : '';
  switch (entry.action) {
    case 'edited': {
      const fields = Array.isArray(detail.fields) ? ` (${detail.fields.join(', ')})` : '';
      return `edited${persona}${fields}: ${snapshot(detail.from)} → ${snapshot(detail.to)}`;
    }
    case 'regenerated':
      return `regenerated${persona} with ${String(detail.model ?? '?')}: ${snapshot(detail.from)} → ${snapshot(detail.to)}`;
    case 'regeneration failed':
    case 'regeneration discarded':
      return `${entry.action}${persona}: ${clean(String(detail.error ?? detail.reason ?? ''))}`;
    case 'rejected':
      return `rejected${move}: ${clean(String(detail.reason ?? ''))}`;
    case 'claim accepted':
      return `accepted claim ${clean(String(detail.claim ?? '?'))}: ${clean(String(detail.reason ?? ''))}`;
    case 'claim removed':
      return `removed claim ${clean(String(detail.claim ?? '?'))}${detail.edited ? ' (text edited)' : ''}`;
    case 'profile edited':
      return `edited the ${clean(String(detail.field ?? '?'))}: “${clean(String(detail.to ?? ''))}”`;
    case 'superseded':
      return `superseded${move} by ${shortId(String(detail.by ?? '?'))}`;
    case 'approved': {
      const supersedes = Array.isArray(detail.supersedes) ? detail.supersedes.map((id) => shortId(String(id))) : [];
      return `approved${move}${supersedes.length > 0 ? `, superseding ${supersedes.join(', ')}` : ''}`;
    }
    default:
      return `${entry.action}${move}`;
  }
}

export function formatHistory(entries: readonly HistoryEntry[], reviewId: string): string {
  const out = [`History of review ${reviewId} (oldest first)`, ''];
  const actorWidth = Math.max(6, ...entries.map((entry) => entry.actor.length));
  for (const entry of entries) {
    const head = `  ${entry.at}  ${entry.actor.padEnd(actorWidth)}  `;
    if (entry.kind === 'audit') out.push(head + auditLine(entry));
    else {
      const quote = isAnswer(entry.entry) ? ` “${clean(entry.entry.quote)}”` : '';
      out.push(`${head}${entry.persona} revision ${entry.revision} (${entry.source}): ${answerLine(entry.entry)}${quote}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** After edit or regenerate: the persona's new answer and the panel it makes. */
export function formatChange(review: Review, persona: string, heading: string): string {
  const entry = [...review.reviews, ...review.failures].find((each) => each.persona === persona);
  const out = [heading];
  if (entry && isAnswer(entry)) {
    out.push(`  ${entry.name}  ${entry.score}/100 · ${entry.verdict}  ${modelLabel(entry.model)}`, wrap(`“${clean(entry.quote)}”`, 88, '      '));
  }
  const failed = review.failures.map((each) => each.persona);
  out.push(panelLine(review.panel, review.panel.complete ? '' : `  [INCOMPLETE: ${failed.join(', ')}]`));
  return `${out.join('\n')}\n`;
}
