/**
 * The report on synthetic reviews with known ship rates and a seeded editor (test/calibrate/
 * fixture.ts): distribution, editor changes, κ, the band flag, independence, the "not enough
 * data" cases, simulated reviews and calibrationHistory.
 */
import { describe, expect, it } from 'vitest';
import { buildCalibrationReport, calibrationHistory, calibrationPlots, CalibrationReport, formatCalibrationText } from '../../src/calibrate/index.js';
import { createDesk } from '../../src/editor/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { decide, syntheticReviews } from './fixture.js';

function filled(count: number, rates: readonly number[], options: { simulated?: boolean; decideAll?: boolean } = {}): { store: Store; decisions: ReturnType<typeof decide> | null } {
  const store = openStore(':memory:', { now: () => new Date('2026-06-01T12:00:00Z') });
  const reviews = syntheticReviews(count, rates, options.simulated ? { simulated: true } : {});
  for (const review of reviews) store.saveDraft(review);
  const desk = createDesk(store, { threshold: 50, allowSimulated: true, now: () => new Date('2026-06-01T12:00:00Z') });
  const decisions = options.decideAll === false ? null : decide(desk, store, reviews.map((review) => review.id));
  return { store, decisions };
}

describe('calibration report', () => {
  it('recovers ship rates, counts editor changes, computes κ with an interval and flags the out-of-band persona', () => {
    const { store, decisions } = filled(120, [0.6, 0.3, 0.95, 0.6]);
    const report = buildCalibrationReport(store);
    expect(CalibrationReport.parse(report)).toEqual(report);
    expect(report.scope).toMatchObject({ reviews: 120, approved: decisions?.approved, rejected: decisions?.rejected, simulatedIncluded: false });
    const byName = new Map(report.personas.map((row) => [row.name, row]));
    // n = 120: the 95% margin of a rate near 0.5 is ±0.09.
    expect(byName.get('Builder')?.shipRate).toBeCloseTo(0.6, 0);
    expect(Math.abs((byName.get('Skeptic')?.shipRate ?? 0) - 0.3)).toBeLessThan(0.09);
    expect(Math.abs((byName.get('Futurist')?.shipRate ?? 0) - 0.95)).toBeLessThan(0.05);
    expect(report.personas.filter((row) => row.outOfBand).map((row) => row.name)).toEqual(['Futurist']);
    const verdictEdits = report.personas.reduce((total, row) => total + row.editors.verdictChanged, 0);
    expect(verdictEdits).toBe(decisions?.verdictEdits);
    const scoreEdits = report.personas.reduce((total, row) => total + row.editors.scoreChanged, 0);
    expect(scoreEdits).toBe((decisions?.verdictEdits ?? 0) + (decisions?.scoreNudges ?? 0));
    for (const row of report.personas) {
      expect(row.histogram.reduce((a, b) => a + b, 0)).toBe(120);
      const kappa = row.editors.kappa;
      expect(kappa).toMatchObject({ status: 'ok', n: row.editors.reviews });
      // ~10% of verdicts flipped by the editor: κ well above 0.5, below 1, inside its interval —
      // except at a 95% ship rate, where the same flips cost far more κ (chance agreement is high).
      expect(kappa.value).toBeGreaterThan(row.name === 'Futurist' ? 0.2 : 0.5);
      expect(kappa.value).toBeLessThan(1);
      expect(kappa.low).toBeLessThanOrEqual(kappa.value ?? 0);
      expect(kappa.high).toBeGreaterThanOrEqual(kappa.value ?? 1);
    }
    expect(report.panel.kappa.status).toBe('ok');
    // Independent draws per persona: n_eff near 4.
    expect(report.independence.reviews).toBe(120);
    expect(report.independence.effectiveVotes).toBeGreaterThan(3.3);
    expect(report.independence.namedPairs).toEqual([]);
    expect(report.notes.map((note) => note.kind)).toEqual(['out-of-band']);
    expect(report.timeline.by).toBe('week');
    // Deterministic: the same store gives the same report and the same plots.
    expect(buildCalibrationReport(store)).toEqual(report);
    expect(calibrationPlots(buildCalibrationReport(store)).map((plot) => plot.svg)).toEqual(calibrationPlots(report).map((plot) => plot.svg));
    const text = formatCalibrationText(report);
    expect(text).toMatch(/Futurist on google:gemini-3.5-flash ships 9\d% of 120 reviews: outside the 20–80% band/);
    expect(text).toContain('n_eff = ');

    const history = calibrationHistory(store);
    expect(history('futurist', 'google:gemini-3.5-flash')).toMatchObject({ persona: 'futurist', reviews: decisions?.approved, outOfBand: true });
    expect(history('futurist', 'google:gemini-3.5-flash')?.editorAgreement).toBeGreaterThan(0.8);
    expect(history('builder', 'google:gemini-3.5-flash')).toBeNull();
    store.close();
  });

  it('names two personas that always agree, and n_eff drops toward 3', () => {
    const store = openStore(':memory:');
    for (const review of syntheticReviews(40, [0.5, 0.5, 0.5, 0.5])) {
      const builder = review.reviews[0];
      // The Creator copies the Builder: one opinion counted twice.
      const creator = review.reviews[3];
      if (builder && creator) Object.assign(creator, { score: builder.score, verdict: builder.verdict });
      store.saveDraft(review);
    }
    const report = buildCalibrationReport(store);
    expect(report.independence.namedPairs).toEqual([{ a: 'builder', b: 'creator', agreement: 1 }]);
    expect(report.independence.effectiveVotes).toBeLessThan(3.3);
    expect(report.notes.find((note) => note.kind === 'similar-pair')?.text).toBe('Builder and Creator agree on 100% of 40 reviews (level 90%): nearly one vote.');
    expect(report.scope.approved).toBe(0);
    expect(formatCalibrationText(report)).toContain('No approved reviews yet');
    store.close();
  });

  it('says "not enough data" below the minimums, and κ undefined when a rater is constant', () => {
    const { store } = filled(12, [1, 0.5, 0.5, 0.5]);
    const report = buildCalibrationReport(store);
    const builder = report.personas[0];
    expect(builder?.shipRate).toBe(1);
    expect(builder?.editors.kappa).toMatchObject({ status: 'not-enough-data', value: null });
    expect(report.independence).toMatchObject({ effectiveVotes: null, note: expect.stringMatching(/^not enough data/) });
    const few = buildCalibrationReport(filled(5, [0.5, 0.5, 0.5, 0.5], { decideAll: false }).store);
    expect(few.personas[0]).toMatchObject({ shipRate: null, outOfBand: null, note: 'not enough data: 5 answers, the figures need 10' });

    const always = openStore(':memory:');
    const desk = createDesk(always, { threshold: 50 });
    for (const review of syntheticReviews(25, [1, 0.5, 0.5, 0.5])) {
      always.saveDraft(review);
      desk.approve(review.id, 'Ann');
    }
    expect(buildCalibrationReport(always).personas[0]?.editors.kappa).toMatchObject({
      status: 'undefined',
      value: null,
      n: 25,
      note: 'κ undefined: the Builder said ship on all 25, so agreement cannot be told from chance',
    });
  });

  it('leaves simulated reviews out unless asked, and labels them when included', () => {
    const { store } = filled(30, [0.5, 0.5, 0.5, 0.5], { simulated: true });
    expect(buildCalibrationReport(store).scope).toMatchObject({ reviews: 0, simulated: 0 });
    const included = buildCalibrationReport(store, { includeSimulated: true });
    expect(included.scope).toMatchObject({ reviews: 30, simulated: 30, simulatedIncluded: true });
    expect(included.notes[0]).toEqual({ kind: 'simulated', text: 'Simulated reviews included (30): these figures describe the simulator, not a model.' });
    expect(formatCalibrationText(included)).toContain('SIMULATED reviews included (30)');
  });
});
