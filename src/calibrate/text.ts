/** The report as a readable table for the terminal (`npm run calibrate`). */
import { terminalLine } from '../terminal-text.js';
import type { CalibrationReport, KappaFigure, PersonaCalibration } from './schema.js';

const TEXT_PERIODS = 10;
const pct = (rate: number | null) => (rate == null ? '—' : `${Math.round(rate * 100)}%`);
const num = (value: number | null, digits = 1) => (value == null ? '—' : value.toFixed(digits));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function kappaText(kappa: KappaFigure): string {
  if (kappa.status !== 'ok' || kappa.value == null) return kappa.note ?? 'not enough data';
  const interval = kappa.low == null || kappa.high == null ? 'no interval' : `95% CI ${kappa.low.toFixed(2)}–${kappa.high.toFixed(2)}`;
  return `${kappa.value.toFixed(2)} (${interval}, n=${kappa.n})`;
}

function table(rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const pad = (widths[column] ?? 0) - [...cell].length;
        return right.has(column) ? ' '.repeat(pad) + cell : cell + ' '.repeat(pad);
      })
      .join('  ')
      .trimEnd(),
  );
}

function personaCells(row: PersonaCalibration): string[] {
  const e = row.editors;
  const rate = (count: number, share: number | null) => (e.reviews === 0 ? '—' : `${count}/${e.reviews}${share == null ? '' : ` (${pct(share)})`}`);
  return [
    terminalLine(row.name),
    terminalLine(row.model),
    String(row.reviews),
    pct(row.shipRate) + (row.outOfBand ? ' ⚑' : ''),
    num(row.meanScore),
    num(row.sdScore),
    rate(e.verdictChanged, e.verdictChangeRate),
    rate(e.scoreChanged, e.scoreChangeRate),
    num(e.meanAbsScoreChange),
  ];
}

function matrix(title: string, report: CalibrationReport, values: ReadonlyArray<ReadonlyArray<number | null>>, format: (value: number | null) => string): string[] {
  const names = report.independence.personas.map((each) => terminalLine(each.name));
  const rows = [[title, ...names], ...names.map((name, i) => [name, ...names.map((_, j) => format(values[i]?.[j] ?? null))])];
  return table(rows, new Set(names.map((_, index) => index + 1))).map((line) => `  ${line}`);
}

export function formatCalibrationText(report: CalibrationReport): string {
  const { scope, settings } = report;
  const lines: string[] = [];
  const simulated = scope.simulatedIncluded ? `SIMULATED reviews included (${scope.simulated})` : 'simulated reviews excluded';
  lines.push(
    `Calibration · ${plural(scope.reviews, 'review')} (${scope.approved} approved, ${scope.rejected} rejected, ${plural(scope.drafts, 'draft')}) · ${simulated}`,
  );
  if (scope.approved === 0) lines.push('No approved reviews yet: editor changes and κ need reviews that editors approved.');
  if (scope.reviews === 0) return `${lines.join('\n')}\n`;
  lines.push(
    `Ship-rate band ${settings.band.min}–${settings.band.max}% · figures need ${settings.minReviews} answers, κ ${settings.minKappaPairs} approved reviews, independence ${settings.minIndependence} full panels`,
    '',
  );
  const header = ['persona', 'model', 'n', 'ship', 'mean', 'SD', 'verdict edited', 'score edited', 'mean |Δscore|'];
  lines.push(...table([header, ...report.personas.map(personaCells)], new Set([2, 3, 4, 5, 6, 7, 8])));
  lines.push('', 'κ, persona verdict (model) vs the verdict editors approved:');
  for (const row of report.personas) lines.push(`  ${terminalLine(row.name)} (${terminalLine(row.model)}): ${kappaText(row.editors.kappa)}`);
  lines.push(`Panel verdict κ (model panel vs approved panel; ship/skip/mixed): ${kappaText(report.panel.kappa)}`);
  lines.push('', 'Score histograms (10-point bins 0–9 … 90–100):');
  for (const row of report.personas) {
    lines.push(`  ${terminalLine(row.name)} (${terminalLine(row.model)}): ${row.histogram.join(' ')}${row.note == null ? '' : ` · ${row.note}`}`);
  }
  const independence = report.independence;
  lines.push('', `Independence (${plural(independence.reviews, 'review')} with all ${independence.personas.length} personas answered):`);
  if (independence.note != null && independence.effectiveVotes == null && independence.agreement.every((row) => row.every((cell) => cell == null))) {
    lines.push(`  ${independence.note}`);
  } else {
    lines.push(...matrix('verdict agreement', report, independence.agreement, (value) => pct(value)));
    lines.push(...matrix('score r', report, independence.correlation, (value) => num(value, 2)));
    lines.push(
      independence.effectiveVotes == null
        ? `  ${independence.note ?? 'n_eff undefined'}`
        : `  n_eff = ${independence.effectiveVotes.toFixed(2)} independent votes of ${independence.personas.length} (n²/Σρ, ρ clipped at 0)`,
    );
  }
  const timeline = report.timeline;
  if (timeline.periods.length > 0) {
    // A terminal is ~120 columns: the last periods, the plot (--svg) has them all.
    const shown = timeline.periods.slice(-TEXT_PERIODS);
    const cut = timeline.periods.length - shown.length;
    lines.push('', `Ship rate by ${timeline.by}${cut > 0 ? ` (the last ${shown.length} of ${timeline.periods.length})` : ''}:`);
    const rows = [['persona', ...shown], ...timeline.series.map((series) => [terminalLine(series.name), ...series.points.slice(cut).map((point) => pct(point.shipRate))])];
    lines.push(...table(rows, new Set(shown.map((_, index) => index + 1))).map((line) => `  ${line}`));
  }
  const flags = report.notes.filter((note) => note.kind === 'out-of-band' || note.kind === 'similar-pair');
  if (flags.length > 0) {
    lines.push('', 'Flags:');
    for (const note of flags) lines.push(`  ⚑ ${terminalLine(note.text)}`);
  }
  return `${lines.join('\n')}\n`;
}
