/**
 * The /calibration page: the calibration report (src/calibrate) with its SVG plots inline —
 * per-persona figures and flags, κ against the editors, the panel's κ, independence and ship
 * rate over time. Every text is escaped by `html`; the plots are the calibrate stage's own
 * markup, which escapes every text it contains (persona names, models, periods).
 */
import { html, raw } from 'hono/html';
import { kappaText, type CalibrationPlot, type CalibrationReport, type KappaFigure, type PersonaCalibration } from '../../calibrate/index.js';
import type { Html } from './format.js';
import { page, type Chrome } from './layout.js';

/** Where the page's own stylesheet is served (the CSP allows styles from 'self' only). */
export const CALIBRATION_CSS_PATH = '/assets/calibration.css';

export const CALIBRATION_CSS = `
.calibration .plots { display: flex; flex-wrap: wrap; gap: 12px; }
.calibration .plot { margin: 0; max-width: 100%; overflow-x: auto; }
.calibration .plot svg { display: block; max-width: 100%; height: auto; }
.calibration table { border-collapse: collapse; width: 100%; font-size: 14px; }
.calibration th, .calibration td { text-align: right; padding: 6px 8px; border-bottom: 1px solid var(--line-2); white-space: nowrap; }
.calibration th:first-child, .calibration td:first-child, .calibration td.model, .calibration th.model { text-align: left; }
.calibration tr.out-of-band td { background: var(--skip-bg); }
.calibration .flags li { color: var(--skip); font-weight: 600; }
.calibration .table-scroll { overflow-x: auto; }
.calibration .scope { margin: 6px 0 16px; }
.calibration td.kappa-note { text-align: left; white-space: normal; color: var(--muted); }
.calibration .panel-kappa, .calibration .n-eff { margin: 12px 0; }
.calibration .notes, .calibration .flags { margin: 12px 0 0; padding-left: 20px; }
`;

const pct = (rate: number | null) => (rate == null ? '—' : `${Math.round(rate * 100)}%`);
const num = (value: number | null, digits = 1) => (value == null ? '—' : value.toFixed(digits));

// The plot's markup is built by src/calibrate/svg.ts, which escapes every text it holds, so it
// is inserted as markup; nothing else on this page goes through raw().
const plot = (each: CalibrationPlot): Html => html`<figure class="plot" data-plot="${each.file}">${raw(each.svg)}</figure>`;

/** κ, its interval and n as three short cells; the reason instead when there is no value. */
function kappaCells(kappa: KappaFigure): Html {
  if (kappa.status !== 'ok' || kappa.value == null) return html`<td class="kappa-note" colspan="2">${kappa.note ?? 'not enough data'}</td><td>${kappa.n}</td>`;
  const interval = kappa.low == null || kappa.high == null ? 'no interval' : `${kappa.low.toFixed(2)}–${kappa.high.toFixed(2)}`;
  return html`<td>${kappa.value.toFixed(2)}</td><td>${interval}</td><td>${kappa.n}</td>`;
}

function personaRow(row: PersonaCalibration): Html {
  const e = row.editors;
  const share = (count: number, rate: number | null) => (e.reviews === 0 ? '—' : `${count}/${e.reviews}${rate == null ? '' : ` (${pct(rate)})`}`);
  const flag = row.outOfBand ? html` <span class="badge flag" title="ship rate outside the band">⚑ out of band</span>` : '';
  return html`<tr class="${row.outOfBand ? 'out-of-band' : ''}" data-persona="${row.persona}">
  <td>${row.name}${flag}</td><td class="model">${row.model}</td><td>${row.reviews}</td><td>${pct(row.shipRate)}</td>
  <td>${num(row.meanScore)}</td><td>${num(row.sdScore)}</td><td>${share(e.verdictChanged, e.verdictChangeRate)}</td>
  <td>${share(e.scoreChanged, e.scoreChangeRate)}</td><td>${num(e.meanAbsScoreChange)}</td>${kappaCells(e.kappa)}
</tr>`;
}

function independence(report: CalibrationReport, heatmap: CalibrationPlot | undefined): Html {
  const ind = report.independence;
  const names = ind.personas.map((each) => each.name);
  const matrix =
    ind.effectiveVotes == null && ind.agreement.every((row) => row.every((cell) => cell == null))
      ? html`<p class="muted">${ind.note ?? 'not enough data'}</p>`
      : html`<div class="table-scroll"><table class="agreement"><thead><tr><th>verdict agreement</th>${names.map((name) => html`<th>${name}</th>`)}</tr></thead>
<tbody>${names.map((name, i) => html`<tr><td>${name}</td>${names.map((_, j) => html`<td>${pct(ind.agreement[i]?.[j] ?? null)}</td>`)}</tr>`)}</tbody></table></div>
<p class="n-eff">${ind.effectiveVotes == null ? (ind.note ?? 'n_eff undefined') : `n_eff = ${ind.effectiveVotes.toFixed(2)} independent votes of ${names.length} (n²/Σρ, ρ clipped at 0)`}</p>`;
  return html`<section class="card"><h2>Independence</h2>
<p class="muted">${ind.reviews} reviews with all ${names.length} personas answered.</p>
${matrix}
<div class="plots">${heatmap == null ? '' : plot(heatmap)}</div></section>`;
}

export interface CalibrationView {
  report: CalibrationReport;
  plots: CalibrationPlot[];
}

export function calibrationPage(view: CalibrationView, chrome: Chrome): Html {
  const { report, plots } = view;
  const { scope, settings } = report;
  const histograms = plots.filter((each) => each.file.startsWith('histogram-'));
  const shipRate = plots.find((each) => each.file === 'ship-rate.svg');
  const heatmap = plots.find((each) => each.file === 'correlation.svg');
  const flags = report.notes.filter((note) => note.kind === 'out-of-band' || note.kind === 'similar-pair');
  const others = report.notes.filter((note) => note.kind !== 'out-of-band' && note.kind !== 'similar-pair');
  const toggle = scope.simulatedIncluded
    ? html`<a href="/calibration">Leave simulated reviews out</a>`
    : html`<a href="/calibration?simulated=1">Include simulated reviews</a>`;
  return page(
    'Calibration',
    chrome,
    html`<link rel="stylesheet" href="${CALIBRATION_CSS_PATH}">
<div class="calibration">
<section class="card">
  <h1>Calibration</h1>
  <p class="scope">${scope.reviews} reviews (${scope.approved} approved, ${scope.rejected} rejected, ${scope.drafts} drafts) ·
    ${scope.simulatedIncluded ? html`<strong class="badge sim">simulated reviews included (${scope.simulated})</strong>` : 'simulated reviews left out'} · ${toggle}</p>
  <p class="muted">Ship-rate band ${settings.band.min}–${settings.band.max}%. A figure needs ${settings.minReviews} answers, κ ${settings.minKappaPairs} approved reviews, independence ${settings.minIndependence} full panels; below that it says "not enough data".</p>
  ${others.length > 0 ? html`<ul class="notes">${others.map((note) => html`<li>${note.text}</li>`)}</ul>` : ''}
  ${flags.length > 0 ? html`<ul class="flags" role="alert">${flags.map((note) => html`<li>⚑ ${note.text}</li>`)}</ul>` : ''}
</section>
<section class="card"><h2>Personas</h2>
<div class="table-scroll"><table class="personas"><thead><tr><th>persona</th><th class="model">model</th><th>n</th><th>ship</th><th>mean</th><th>SD</th><th>verdict edited</th><th>score edited</th><th>mean |Δscore|</th><th>κ vs editors</th><th>95% CI</th><th>n (κ)</th></tr></thead>
<tbody>${report.personas.map(personaRow)}</tbody></table></div>
<p class="panel-kappa">Panel verdict κ (model panel vs approved panel; ship/skip/mixed): ${kappaText(report.panel.kappa)}</p>
</section>
<section class="card"><h2>Score histograms</h2><div class="plots">${histograms.map(plot)}</div></section>
<section class="card"><h2>Ship rate over time</h2><div class="plots">${shipRate == null ? '' : plot(shipRate)}</div></section>
${independence(report, heatmap)}
</div>`,
  );
}
