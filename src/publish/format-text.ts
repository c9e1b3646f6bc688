/**
 * Comparisons as terminal text, for the `compare` and `publish` commands. Pure: strings in,
 * a string out; the command decides where it goes.
 */
import { terminalBlock, terminalLine as line } from '../terminal-text.js';
import type { PublishResult } from './export.js';
import { verdictChangeLine } from './history.js';
import type { ComparisonPage, ScorecardCell } from './schemas.js';
import type { StoredComparison } from './stored.js';

const WIDTH = 100;

/** Word-wraps untrusted `text` to `width` columns, each line indented by `indent`. */
function wrap(text: string, indent: string, width = WIDTH): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line(text).split(/\s+/).filter((each) => each !== '')) {
    if (current !== '' && indent.length + current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines.map((each) => `${indent}${each}`).join('\n');
}

function lineNote(stored: StoredComparison | undefined): string {
  if (stored == null) return '';
  const edited = stored.line.source === 'editor' ? `, edited by ${stored.lines.at(-1)?.author ?? 'an editor'}` : '';
  return ` (${stored.line.status}${edited}; ${stored.row.slug})`;
}

function cellText(cell: ScorecardCell | null): string {
  return cell == null ? '—' : cell.text;
}

/** The readable summary `compare` prints. */
export function formatComparison(page: ComparisonPage, stored?: StoredComparison, notes: string[] = []): string {
  const [a, b] = page.tools;
  const out: string[] = [line(page.title)];
  if (page.preview) out.push('PREVIEW: built from draft reviews an editor has not approved; never published.');
  out.push('');
  if (page.verdictLine) out.push(`Our verdict${lineNote(stored)}:`, wrap(page.verdictLine.text, '  '));
  else out.push('No verdict line yet: write one with --save.', `Or by hand, no model needed: npm run compare -- edit ${a.slug} ${b.slug} --verdict-line TEXT`);
  out.push(...notes.map((note) => line(`Note: ${note}`)), '');
  for (const card of page.tools) {
    out.push(line(`${card.name} — ${card.category}`) + ` · entry ${card.entry} · review ${card.reviewId.slice(0, 8)} (${card.reviewStatus})`);
    out.push(wrap(card.tagline, '  '));
    out.push(`  ${card.verdictWord} · ${card.shipPercentText} panel ship · community ${card.community.figure}${card.panelComplete ? '' : ' · INCOMPLETE panel'}`);
    if (card.verdictChange) out.push(line(`  ${verdictChangeLine(card.verdictChange)}`));
    out.push(line(`  ${card.disclosure.text}`), '');
  }
  const label = Math.max(...page.decision.map((row) => row.label.length), 'Decision'.length) + 2;
  const column = Math.min(44, Math.max(a.name.length, ...page.decision.map((row) => row.values[0].length)) + 2);
  const row = (first: string, second: string, third: string) => `${line(first).padEnd(label)}${line(second).padEnd(column)}${line(third)}`.trimEnd();
  out.push(row('Decision', a.name, b.name));
  for (const each of page.decision) {
    const left = each.values[0].length > column - 2 ? `${each.values[0].slice(0, column - 3)}…` : each.values[0];
    out.push(row(each.label, left, each.values[1]));
  }
  out.push('', 'Reviewer scorecard');
  for (const persona of page.scorecard) {
    out.push(`  ${line(persona.name)}`);
    persona.cells.forEach((cell, index) => {
      const card = page.tools[index] ?? a;
      out.push(`    ${line(card.name)}: ${cellText(cell)}`);
      if (cell) out.push(wrap(`“${cell.quote}”`, '      '));
    });
  }
  return terminalBlock(`${out.join('\n')}\n`);
}

/** `compare show`: the line now, the model's original beside an edit, every revision. */
export function formatStoredComparison(stored: StoredComparison): string {
  const { row } = stored;
  const decided = row.status === 'approved' ? ` by ${row.approvedBy ?? '?'} at ${row.approvedAt ?? '?'}` : '';
  const out = [
    line(`${row.slug} — ${stored.tools[0].name} vs ${stored.tools[1].name}: ${row.status}${decided}`),
    `Reviews: ${row.reviewAId.slice(0, 8)} and ${row.reviewBId.slice(0, 8)}`,
  ];
  if (stored.stale) out.push(line(`Out of date: ${stored.stale}`));
  if (stored.draftReviews.length > 0) out.push(`Waiting for draft reviews to be approved: ${stored.draftReviews.map((id) => id.slice(0, 8)).join(', ')}`);
  out.push('', 'Verdict line:', wrap(stored.line.text, '  '));
  if (stored.line.source === 'editor' && stored.modelOriginal) {
    out.push(line(`The model (${stored.modelOriginal.model ?? '?'}) said:`), wrap(stored.modelOriginal.text, '  '));
  }
  out.push('', 'History:');
  for (const revision of stored.lines) {
    const who = revision.source === 'model' ? `${revision.model ?? 'model'} (asked by ${revision.author})` : `edited by ${revision.author}`;
    out.push(line(`  r${revision.revision}  ${revision.createdAt}  ${who}`), wrap(revision.text, '      '));
  }
  return terminalBlock(`${out.join('\n')}\n`);
}

/** `compare list`. */
export function formatComparisonList(list: readonly StoredComparison[]): string {
  if (list.length === 0) return 'No comparisons yet: write one with npm run compare -- <tool> <tool> --save\n';
  const rows = list.map((each) => {
    const state = each.stale ? 'out of date' : each.draftReviews.length > 0 ? 'waiting for reviews' : each.row.status;
    const edited = each.line.source === 'editor' ? ' [edited]' : '';
    return `  ${each.row.slug.padEnd(48)} ${state.padEnd(20)} ${each.row.updatedAt.slice(0, 10)}${edited}`;
  });
  return terminalBlock(`Comparisons (${list.length}):\n${rows.join('\n')}\n`);
}

/** `publish`'s report. */
export function formatPublishResult(result: PublishResult): string {
  const { index } = result;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const out = [
    `Published ${plural(index.tools.length, 'tool')} and ${plural(index.comparisons.length, 'comparison')} to ${result.outDir} (updatedAt ${index.updatedAt ?? 'none'}).`,
    `Files: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed.`,
  ];
  for (const file of result.written) out.push(`  wrote   ${file}`);
  for (const file of result.removed) out.push(`  removed ${file}`);
  for (const skip of result.skipped) out.push(line(`  skipped ${skip.slug}: ${skip.reason}`));
  return terminalBlock(`${out.join('\n')}\n`);
}
