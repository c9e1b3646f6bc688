/**
 * The calibration report (`calibrate --json`, the desk's /calibration page), defined once as
 * zod; the TypeScript types derive from it. Every figure that rests on too few reviews is null
 * with a `note` saying why, never a number that looks meaningful.
 */
import { z } from 'zod';

const Rate = z.number().min(0).max(1);

/** κ with its bootstrap 95% interval and the number of paired reviews it rests on. */
export const KappaFigure = z.object({
  value: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  n: z.number().int().nonnegative(),
  /** `ok`; `not-enough-data` (n below the minimum); `undefined` (a rater gave one label only). */
  status: z.enum(['ok', 'not-enough-data', 'undefined']),
  note: z.string().nullable(),
});
export type KappaFigure = z.infer<typeof KappaFigure>;

export const EditorChanges = z.object({
  /** Approved reviews where the model answered this persona (the editors' reference set). */
  reviews: z.number().int().nonnegative(),
  verdictChanged: z.number().int().nonnegative(),
  verdictChangeRate: Rate.nullable(),
  scoreChanged: z.number().int().nonnegative(),
  scoreChangeRate: Rate.nullable(),
  /** Mean |approved score − model score| over every approved review (unchanged ones count 0). */
  meanAbsScoreChange: z.number().nonnegative().nullable(),
  /** Mean |change| over the reviews whose score was changed. */
  meanAbsScoreChangeWhenChanged: z.number().nonnegative().nullable(),
  kappa: KappaFigure,
});
export type EditorChanges = z.infer<typeof EditorChanges>;

export const PersonaCalibration = z.object({
  persona: z.string(),
  name: z.string(),
  model: z.string(),
  /** Reviews with an answer from this persona's model (any status). */
  reviews: z.number().int().nonnegative(),
  shipRate: Rate.nullable(),
  /** Ten 10-point bins: 0–9 … 80–89, 90–100. */
  histogram: z.array(z.number().int().nonnegative()).length(10),
  meanScore: z.number().nullable(),
  sdScore: z.number().nullable(),
  /** Null when the ship rate rests on too few reviews to be judged. */
  outOfBand: z.boolean().nullable(),
  note: z.string().nullable(),
  editors: EditorChanges,
});
export type PersonaCalibration = z.infer<typeof PersonaCalibration>;

export const Independence = z.object({
  /** Reviews in which every persona below gave a model answer. */
  reviews: z.number().int().nonnegative(),
  personas: z.array(z.object({ persona: z.string(), name: z.string() })),
  /** Share of those reviews where the two personas' verdicts were the same. */
  agreement: z.array(z.array(Rate.nullable())),
  /** Pearson's r of the two personas' scores; null when a persona's scores are constant. */
  correlation: z.array(z.array(z.number().min(-1).max(1).nullable())),
  /** Kish-style n²/Σρᵢⱼ (ρ clipped ≥ 0); null with a note when it cannot be said. */
  effectiveVotes: z.number().nullable(),
  /** Persona pairs whose verdict agreement is at or above the configured level. */
  namedPairs: z.array(z.object({ a: z.string(), b: z.string(), agreement: Rate })),
  note: z.string().nullable(),
});
export type Independence = z.infer<typeof Independence>;

export const TimelinePoint = z.object({ period: z.string(), reviews: z.number().int().nonnegative(), shipRate: Rate.nullable() });
export const Timeline = z.object({
  by: z.enum(['week', 'month']),
  periods: z.array(z.string()),
  series: z.array(z.object({ persona: z.string(), name: z.string(), points: z.array(TimelinePoint) })),
});
export type Timeline = z.infer<typeof Timeline>;

export const CalibrationReport = z.object({
  schemaVersion: z.literal(1),
  scope: z.object({
    reviews: z.number().int().nonnegative(),
    approved: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    drafts: z.number().int().nonnegative(),
    /** Simulated reviews are left out unless asked for; when included, every output says so. */
    simulatedIncluded: z.boolean(),
    simulated: z.number().int().nonnegative(),
  }),
  settings: z.object({
    band: z.object({ min: z.number(), max: z.number() }),
    agreementLevel: Rate,
    minReviews: z.number().int().positive(),
    minKappaPairs: z.number().int().positive(),
    minIndependence: z.number().int().positive(),
    resamples: z.number().int().nonnegative(),
    seed: z.number().int(),
  }),
  personas: z.array(PersonaCalibration),
  panel: z.object({ kappa: KappaFigure }),
  independence: Independence,
  timeline: Timeline,
  /** Lines a reader needs first: no approved reviews yet, personas out of band, pairs too alike. */
  notes: z.array(z.object({ kind: z.enum(['simulated', 'no-reviews', 'no-approved', 'out-of-band', 'similar-pair']), text: z.string() })),
});
export type CalibrationReport = z.infer<typeof CalibrationReport>;
