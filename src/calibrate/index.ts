/**
 * Calibration (issue 14): is the panel any good? From the store, per persona and model, its
 * ship rate, score histogram, mean and SD; what editors changed before approving and Cohen's κ
 * against the approved verdicts (with a seeded bootstrap interval); the panel's κ; the
 * personas' independence (agreement, correlation, n_eff); ship rate over time; SVG plots.
 *
 * @example
 * ```ts
 * const report = buildCalibrationReport(store, { band: { min: 20, max: 80 } });
 * io.stdout(formatCalibrationText(report));
 * const history = calibrationHistory(store, {});   // for confidence routing
 * history('futurist', 'google:gemini-3.5-flash')?.outOfBand;
 * ```
 */
import type { Store } from '../store/index.js';
import { buildCalibrationReport } from './report.js';
import type { CalibrationHistory, CalibrationOptions, PersonaHistory } from './types.js';

export { buildCalibrationReport, DEFAULT_AGREEMENT_LEVEL, DEFAULT_BAND, DEFAULT_RESAMPLES, DEFAULT_SEED, MIN_INDEPENDENCE, MIN_KAPPA_PAIRS, MIN_REVIEWS } from './report.js';
export { CalibrationReport, KappaFigure, PersonaCalibration } from './schema.js';
export { formatCalibrationText, kappaText } from './text.js';
export { calibrationPlots, escapeXml, type CalibrationPlot } from './svg.js';
export type { CalibrationHistory, CalibrationOptions, PersonaHistory, ShipBand } from './types.js';

/**
 * The report's per-persona rows as a lookup for confidence routing, computed once from the
 * store as it is now (no bootstrap: routing needs the rates, not intervals).
 */
export function calibrationHistory(store: Store, options: CalibrationOptions = {}): CalibrationHistory {
  const report = buildCalibrationReport(store, { ...options, resamples: 0 });
  const rows = new Map<string, PersonaHistory>();
  for (const row of report.personas) {
    const editors = row.editors;
    rows.set(`${row.persona}\u0000${row.model}`, {
      persona: row.persona,
      model: row.model,
      reviews: editors.reviews,
      shipRate: row.shipRate,
      meanScore: row.meanScore,
      sdScore: row.sdScore,
      editorAgreement: editors.verdictChangeRate == null ? null : 1 - editors.verdictChangeRate,
      outOfBand: row.outOfBand === true,
    });
  }
  return (persona, model) => rows.get(`${persona}\u0000${model}`) ?? null;
}
