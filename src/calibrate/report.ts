/**
 * The calibration report from the store: per persona and model the distribution of its
 * model's answers, what editors changed before approving, κ against the approved verdicts, the
 * panel's κ, the independence of the personas and ship rate over time.
 */
import type { Store } from '../store/index.js';
import { loadReviews, type LoadedPersona, type LoadedReview } from './load.js';
import { CalibrationReport, type EditorChanges, type KappaFigure, type PersonaCalibration } from './schema.js';
import { bootstrapKappa, cohenKappa, histogram, mean, sd } from '../stats/index.js';
import { independenceOf } from './independence.js';
import { timelineOf } from './timeline.js';
import type { CalibrationOptions, ShipBand } from './types.js';

/** Below this many answers a ship rate's 95% margin is over ±25 points: not worth a flag. */
export const MIN_REVIEWS = 10;
/** κ and its bootstrap interval need at least this many paired reviews. */
export const MIN_KAPPA_PAIRS = 20;
/** Correlations between personas need at least this many reviews with every persona. */
export const MIN_INDEPENDENCE = 20;

export const DEFAULT_BAND: ShipBand = { min: 20, max: 80 };
export const DEFAULT_AGREEMENT_LEVEL = 0.9;
export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 14;

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

export function buildCalibrationReport(store: Store, options: CalibrationOptions = {}): CalibrationReport {
  const includeSimulated = options.includeSimulated === true;
  const band = options.band ?? DEFAULT_BAND;
  const agreementLevel = options.agreementLevel ?? DEFAULT_AGREEMENT_LEVEL;
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  const reviews = loadReviews(store, { includeSimulated });
  const kappaOptions = { resamples, seed };

  const personas = groupByPersonaModel(reviews).map(({ rows, approvedRows, head }) =>
    personaRow(head, rows, approvedRows, band, kappaOptions),
  );
  const approved = reviews.filter((review) => review.approvedAt != null);
  const panelPairs = approved.flatMap((review) =>
    review.modelPanel != null && review.approvedPanel != null ? [[review.modelPanel, review.approvedPanel] as const] : [],
  );
  const independence = independenceOf(reviews, agreementLevel, MIN_INDEPENDENCE);
  const report: CalibrationReport = {
    schemaVersion: 1,
    scope: {
      reviews: reviews.length,
      approved: approved.length,
      rejected: reviews.filter((review) => review.status === 'rejected').length,
      drafts: reviews.filter((review) => review.status === 'draft').length,
      simulatedIncluded: includeSimulated,
      simulated: reviews.filter((review) => review.simulated).length,
    },
    settings: { band, agreementLevel, minReviews: MIN_REVIEWS, minKappaPairs: MIN_KAPPA_PAIRS, minIndependence: MIN_INDEPENDENCE, resamples, seed },
    personas,
    panel: { kappa: kappaFigure(panelPairs, kappaOptions, { first: 'the model panel', second: 'the approved panel' }) },
    independence,
    timeline: timelineOf(reviews, options.by ?? 'auto'),
    notes: [],
  };
  report.notes = notesOf(report);
  return CalibrationReport.parse(report);
}

interface Group {
  head: LoadedPersona;
  rows: LoadedPersona[];
  approvedRows: LoadedPersona[];
}

/** Persona × model, in the order first seen (panel order of the oldest review). */
function groupByPersonaModel(reviews: readonly LoadedReview[]): Group[] {
  const groups = new Map<string, Group>();
  for (const review of reviews) {
    for (const persona of review.personas) {
      const key = `${persona.persona}\u0000${persona.model}`;
      let group = groups.get(key);
      if (group == null) groups.set(key, (group = { head: persona, rows: [], approvedRows: [] }));
      group.rows.push(persona);
      if (review.approvedAt != null) group.approvedRows.push(persona);
    }
  }
  return [...groups.values()];
}

function personaRow(
  head: LoadedPersona,
  rows: readonly LoadedPersona[],
  approvedRows: readonly LoadedPersona[],
  band: ShipBand,
  kappaOptions: { resamples: number; seed: number },
): PersonaCalibration {
  const answers = rows.flatMap((row) => (row.modelAnswer == null ? [] : [row.modelAnswer]));
  const scores = answers.map((answer) => answer.score);
  const enough = answers.length >= MIN_REVIEWS;
  const shipRate = enough ? answers.filter((answer) => answer.verdict === 'ship').length / answers.length : null;
  const outOfBand = shipRate == null ? null : shipRate * 100 < band.min || shipRate * 100 > band.max;
  return {
    persona: head.persona,
    name: head.name,
    model: head.model,
    reviews: answers.length,
    shipRate,
    histogram: histogram(scores),
    meanScore: enough ? mean(scores) : null,
    sdScore: enough ? sd(scores) : null,
    outOfBand,
    note: enough ? null : `not enough data: ${answers.length} answer${answers.length === 1 ? '' : 's'}, the figures need ${MIN_REVIEWS}`,
    editors: editorChanges(approvedRows, head.name, kappaOptions),
  };
}

function editorChanges(rows: readonly LoadedPersona[], name: string, kappaOptions: { resamples: number; seed: number }): EditorChanges {
  const pairs = rows.flatMap((row) => (row.modelAnswer != null && row.approved != null ? [{ model: row.modelAnswer, approved: row.approved }] : []));
  const n = pairs.length;
  const verdictChanged = pairs.filter((pair) => pair.model.verdict !== pair.approved.verdict).length;
  const deltas = pairs.map((pair) => Math.abs(pair.approved.score - pair.model.score));
  const changed = deltas.filter((delta) => delta > 0);
  const enough = n >= MIN_REVIEWS;
  return {
    reviews: n,
    verdictChanged,
    verdictChangeRate: enough ? verdictChanged / n : null,
    scoreChanged: changed.length,
    scoreChangeRate: enough ? changed.length / n : null,
    meanAbsScoreChange: enough ? mean(deltas) : null,
    meanAbsScoreChangeWhenChanged: enough ? mean(changed) : null,
    kappa: kappaFigure(
      pairs.map((pair) => [pair.model.verdict, pair.approved.verdict] as const),
      kappaOptions,
      { first: `the ${name}`, second: 'the editors' },
    ),
  };
}

export function kappaFigure(
  pairs: ReadonlyArray<readonly [string, string]>,
  options: { resamples: number; seed: number },
  raters: { first: string; second: string },
): KappaFigure {
  const n = pairs.length;
  const empty = { value: null, low: null, high: null, n };
  if (n < MIN_KAPPA_PAIRS) {
    return { ...empty, status: 'not-enough-data', note: `not enough data: ${n} approved review${n === 1 ? '' : 's'}, κ needs ${MIN_KAPPA_PAIRS}` };
  }
  const outcome = cohenKappa(pairs);
  if (outcome.kind !== 'value') {
    const who = outcome.kind === 'constant' && outcome.rater === 'second' ? raters.second : raters.first;
    const label = (outcome.kind === 'constant' && outcome.rater === 'second' ? pairs[0]?.[1] : pairs[0]?.[0]) ?? '';
    return { ...empty, status: 'undefined', note: `κ undefined: ${who} said ${label} on all ${n}, so agreement cannot be told from chance` };
  }
  const interval = bootstrapKappa(pairs, options);
  return {
    value: outcome.kappa,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    n,
    status: 'ok',
    note: interval == null && options.resamples > 0 ? 'no interval: most resamples drew a single label' : null,
  };
}

function notesOf(report: CalibrationReport): CalibrationReport['notes'] {
  const notes: CalibrationReport['notes'] = [];
  const add = (kind: CalibrationReport['notes'][number]['kind'], text: string) => void notes.push({ kind, text });
  if (report.scope.simulatedIncluded) {
    add('simulated', `Simulated reviews included (${report.scope.simulated}): these figures describe the simulator, not a model.`);
  }
  if (report.scope.reviews === 0) add('no-reviews', 'No reviews yet: nothing to calibrate.');
  if (report.scope.approved === 0) add('no-approved', 'No approved reviews yet: editor changes and κ need reviews that editors approved.');
  for (const row of report.personas) {
    if (row.outOfBand && row.shipRate != null) {
      add(
        'out-of-band',
        `${row.name} on ${row.model} ships ${percent(row.shipRate)} of ${row.reviews} reviews: outside the ${report.settings.band.min}–${report.settings.band.max}% band.`,
      );
    }
  }
  const names = new Map(report.independence.personas.map((each) => [each.persona, each.name]));
  for (const pair of report.independence.namedPairs) {
    add(
      'similar-pair',
      `${names.get(pair.a) ?? pair.a} and ${names.get(pair.b) ?? pair.b} agree on ${percent(pair.agreement)} of ${report.independence.reviews} reviews (level ${percent(report.settings.agreementLevel)}): nearly one vote.`,
    );
  }
  return notes;
}
