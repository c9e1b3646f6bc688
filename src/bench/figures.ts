/**
 * A benchmark's output: figures, each with its target and verdict, and the table printed from
 * them. The verdict is decided here and only here, from the value and the target.
 */

export type Comparison = '<' | '<=' | '>=' | '>';

export interface Target {
  op: Comparison;
  value: number;
}

export type Verdict = 'pass' | 'miss' | 'info';

export interface Figure {
  /** Stable key, e.g. `panel-overhead.median`. */
  id: string;
  /** The spec's benchmark this figure belongs to. */
  benchmark: string;
  /** What was measured, in a few words. */
  label: string;
  value: number;
  unit: string;
  /** Absent for a figure reported for information only. */
  target?: Target;
  verdict: Verdict;
  /** One line: how it was measured, or why it missed. */
  note?: string;
}

export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>=':
      return value >= target.value;
    case '>':
      return value > target.value;
  }
}

export function figure(input: Omit<Figure, 'verdict'>): Figure {
  const verdict: Verdict = input.target === undefined ? 'info' : meets(input.value, input.target) ? 'pass' : 'miss';
  return { ...input, verdict };
}

/** Ratios and shares to three decimals, other figures to about three significant digits ("1.032×", "312 MB", "0.981"). */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const magnitude = Math.abs(value);
  const digits = unit === '×' || unit === '' ? 3 : magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  if (unit === '') return text;
  return unit === '×' || unit === '%' ? `${text}${unit}` : `${text} ${unit}`;
}

export const formatTarget = (target: Target | undefined, unit: string): string =>
  target === undefined ? '—' : `${target.op} ${formatValue(target.value, unit)}`;

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'PASS', miss: 'MISS', info: 'info' };

/** The printed table: one row per figure, columns aligned, notes underneath each miss. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['benchmark', 'figure', 'value', 'target', 'verdict'];
  const rows = figures.map((item) => [
    item.benchmark,
    item.label,
    formatValue(item.value, item.unit),
    formatTarget(item.target, item.unit),
    VERDICT_TEXT[item.verdict],
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 2 || column === 3 ? cell.padStart(widths[column] as number) : cell.padEnd(widths[column] as number)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((width) => '-'.repeat(width)).join('  ')];
  figures.forEach((item, index) => {
    out.push(line(rows[index] as string[]));
    if (item.verdict === 'miss' && item.note) out.push(`    ↳ ${item.note}`);
  });
  const missed = figures.filter((item) => item.verdict === 'miss').length;
  const judged = figures.filter((item) => item.verdict !== 'info').length;
  out.push('', `${judged - missed} of ${judged} targets met${missed > 0 ? `, ${missed} missed (MISS rows say why)` : ''}.`);
  return `${out.join('\n')}\n`;
}
