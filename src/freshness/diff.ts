/**
 * What the editor sees of a re-review: a line diff of each source's normalised text (a
 * removed line followed by an added one is also diffed word by word), capped, and the verdict
 * against the published review: the panel's and each persona's score and call, old → new.
 * Plain data: the CLI and the web page each render it (and escape it) their own way.
 */
import { diffLines, diffWords } from 'diff';
import type { Review, Verdict } from '../schemas.js';
import type { SourceKind, SourceRecord } from './records.js';

/** Diff lines shown per source; the rest is counted, not shown. */
export const DIFF_LINE_CAP = 60;
/** Characters shown of one line. */
export const DIFF_TEXT_CAP = 400;
/** Unchanged lines shown around a change. */
const CONTEXT = 1;

export interface WordPart {
  op: 'same' | 'removed' | 'added';
  text: string;
}

export type DiffLine =
  | { op: 'same' | 'removed' | 'added'; text: string }
  /** A removed line and the added line that replaced it, word by word. */
  | { op: 'changed'; parts: WordPart[] }
  /** Unchanged lines left out. */
  | { op: 'gap'; lines: number };

export interface SourceDiff {
  kind: SourceKind;
  url: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed';
  lines: DiffLine[];
  /** Diff lines beyond DIFF_LINE_CAP, not shown. */
  omitted: number;
  /** Either text was stored cut (SOURCE_TEXT_CAP): the diff covers the stored part only. */
  truncated: boolean;
}

const cut = (text: string): string => (text.length > DIFF_TEXT_CAP ? `${text.slice(0, DIFF_TEXT_CAP - 1)}…` : text);
const linesOf = (value: string): string[] => value.replace(/\n$/, '').split('\n');

function wordParts(before: string, after: string): WordPart[] {
  let budget = DIFF_TEXT_CAP * 2;
  const parts: WordPart[] = [];
  for (const change of diffWords(before, after)) {
    if (budget <= 0) break;
    const text = change.value.slice(0, budget);
    budget -= text.length;
    parts.push({ op: change.added ? 'added' : change.removed ? 'removed' : 'same', text });
  }
  return parts;
}

/** Line diff with CONTEXT lines around each change; pairs of removed/added lines get a word diff. */
export function diffTexts(before: string, after: string): { lines: DiffLine[]; omitted: number } {
  const raw: Array<{ op: 'same' | 'removed' | 'added'; text: string }> = [];
  for (const change of diffLines(`${before}\n`, `${after}\n`)) {
    const op = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of linesOf(change.value)) raw.push({ op, text });
  }
  const near = raw.map((line, index) => line.op !== 'same' || raw.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((each) => each.op !== 'same'));
  const out: DiffLine[] = [];
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index] as (typeof raw)[number];
    if (!near[index]) {
      const last = out.at(-1);
      if (last?.op === 'gap') last.lines += 1;
      else out.push({ op: 'gap', lines: 1 });
      continue;
    }
    const next = raw[index + 1];
    if (line.op === 'removed' && next?.op === 'added') {
      out.push({ op: 'changed', parts: wordParts(line.text, next.text) });
      index += 1;
      continue;
    }
    out.push({ op: line.op, text: cut(line.text) });
  }
  const shown = out.slice(0, DIFF_LINE_CAP);
  return { lines: shown, omitted: out.length - shown.length };
}

/** Each kind either review read, diffed (published → now). */
export function diffSources(published: readonly SourceRecord[], now: readonly SourceRecord[]): SourceDiff[] {
  const kinds = [...new Set([...now.map((each) => each.kind), ...published.map((each) => each.kind)])];
  return kinds.map((kind) => {
    const before = published.find((each) => each.kind === kind);
    const after = now.find((each) => each.kind === kind);
    const url = after?.url ?? before?.url ?? '';
    const truncated = (before?.truncated ?? false) || (after?.truncated ?? false);
    const status = before == null ? 'added' : after == null ? 'removed' : before.hash === after.hash ? 'unchanged' : 'changed';
    if (status === 'unchanged') return { kind, url, status, lines: [], omitted: 0, truncated };
    return { kind, url, status, ...diffTexts(before?.text ?? '', after?.text ?? ''), truncated };
  });
}

export interface ScoreCall {
  score: number;
  verdict: Verdict;
}

export interface PanelSnapshot {
  label: string;
  verdict: Review['panel']['verdict'];
  shipPercent: number | null;
  meanScore: number | null;
}

export interface VerdictDiff {
  panel: { before: PanelSnapshot; after: PanelSnapshot; changed: boolean };
  /** Every persona of either review, in the new review's order; null = no answer (failed or not on that panel). */
  personas: Array<{ persona: string; name: string; before: ScoreCall | null; after: ScoreCall | null; changed: boolean }>;
}

function answers(review: Review): Map<string, ScoreCall & { name: string }> {
  return new Map(review.reviews.map((entry) => [entry.persona, { score: entry.score, verdict: entry.verdict, name: entry.name }]));
}

export function diffVerdicts(published: Review, draft: Review): VerdictDiff {
  const panel = (review: Review): PanelSnapshot => ({ label: review.panel.label, verdict: review.panel.verdict, shipPercent: review.panel.shipPercent, meanScore: review.panel.meanScore });
  const before = answers(published);
  const after = answers(draft);
  const order = [...new Set([...Object.keys(draft.versions.personas), ...after.keys(), ...Object.keys(published.versions.personas), ...before.keys()])];
  const same = (a: ScoreCall | null, b: ScoreCall | null) => a?.score === b?.score && a?.verdict === b?.verdict;
  return {
    panel: { before: panel(published), after: panel(draft), changed: published.panel.label !== draft.panel.label || published.panel.meanScore !== draft.panel.meanScore },
    personas: order.map((persona) => {
      const was = before.get(persona) ?? null;
      const is = after.get(persona) ?? null;
      const name = is?.name ?? was?.name ?? persona.charAt(0).toUpperCase() + persona.slice(1);
      const call = (value: (ScoreCall & { name: string }) | null): ScoreCall | null => (value == null ? null : { score: value.score, verdict: value.verdict });
      return { persona, name, before: call(was), after: call(is), changed: !same(was, is) };
    }),
  };
}
