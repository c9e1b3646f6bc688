/**
 * The confidence-routing interface of issue 14 (read by src/review/routing.ts). Here `reviews` counts the approved reviews `editorAgreement` rests on; the ship rate,
 * mean and SD rest on every answer of that persona's model (the report's `reviews`), and are
 * null below the report's minimum.
 */

/** What the calibration history says about one persona on one model; null = no history. */
export interface PersonaHistory {
  persona: string;
  model: string;
  /** Approved reviews it rests on. */
  reviews: number;
  shipRate: number | null;
  meanScore: number | null;
  sdScore: number | null;
  /** Share of approved reviews where editors kept the persona's verdict, 0..1. */
  editorAgreement: number | null;
  /** Ship rate outside the configured band. */
  outOfBand: boolean;
}

export type CalibrationHistory = (persona: string, model: string) => PersonaHistory | null;

/** The ship-rate band in percent, e.g. 20–80. */
export interface ShipBand {
  min: number;
  max: number;
}

export interface CalibrationOptions {
  includeSimulated?: boolean;
  band?: ShipBand;
  /** Verdict agreement (0..1) at or above which a persona pair is named; default 0.9. */
  agreementLevel?: number;
  /** Bootstrap resamples for κ's interval; default 2,000 (0: no interval). */
  resamples?: number;
  seed?: number;
  /** Ship rate over time by week or month; `auto` (default): weeks for a span up to 26 weeks. */
  by?: 'week' | 'month' | 'auto';
}
