/**
 * `drafts show` of a re-review: "What changed since the published review" — why it was
 * re-reviewed, the verdict old → new (panel and each persona), and the source diffs. The diff
 * lines are page text: each is cleaned for the terminal and set off by its marker (`-`, `+`,
 * `~` for a line changed word by word, with [-removed-] and {+added+}). Pure.
 */
import type { DiffLine, ReviewChanges, SourceDiff } from '../freshness/index.js';
import { terminalLine as clean } from '../terminal-text.js';
import { shortId } from '../editor/index.js';

const score = (call: { score: number; verdict: string } | null): string => (call == null ? 'no answer' : `${call.score} ${call.verdict}`);
const mean = (value: number | null): string => (value == null ? '–' : String(Math.round(value * 100) / 100));

function diffLine(line: DiffLine): string {
  switch (line.op) {
    case 'gap':
      return `      … ${line.lines} unchanged ${line.lines === 1 ? 'line' : 'lines'}`;
    case 'changed':
      return `    ~ ${line.parts.map((part) => (part.op === 'removed' ? `[-${clean(part.text)}-]` : part.op === 'added' ? `{+${clean(part.text)}+}` : clean(part.text))).join('')}`;
    default:
      return `    ${line.op === 'added' ? '+' : line.op === 'removed' ? '-' : ' '} ${clean(line.text)}`;
  }
}

function sourceBlock(source: SourceDiff): string[] {
  const head = `  ${source.kind} (${clean(source.url)}): ${source.status}${source.truncated ? ' (stored text was cut; the diff covers its first part)' : ''}`;
  if (source.status === 'unchanged') return [head];
  return [head, ...source.lines.map(diffLine), ...(source.omitted > 0 ? [`      … ${source.omitted} more diff lines (drafts show --json has them all up to the cap)`] : [])];
}

export function formatChanges(changes: ReviewChanges | null | undefined): string[] {
  if (changes == null) return [];
  const { verdict } = changes;
  const out = [
    `What changed since the published review (${shortId(changes.amends)}, published ${changes.publishedAt}):`,
    `  re-reviewed because: ${changes.reasons.map(clean).join('; ') || 'unknown'}`,
    `  Panel: ${clean(verdict.panel.before.label)} → ${clean(verdict.panel.after.label)} (mean ${mean(verdict.panel.before.meanScore)} → ${mean(verdict.panel.after.meanScore)})${verdict.panel.changed ? '' : ' (unchanged)'}`,
  ];
  const width = Math.max(8, ...verdict.personas.map((each) => each.name.length));
  for (const each of verdict.personas) out.push(`    ${clean(each.name).padEnd(width)}  ${score(each.before)} → ${score(each.after)}${each.changed ? '' : ' (same)'}`);
  out.push('  Sources, normalised (page text as read from the tool: untrusted):');
  for (const source of changes.sources) out.push(...sourceBlock(source));
  return out;
}
