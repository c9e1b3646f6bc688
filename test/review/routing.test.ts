/** Confidence routing: routine only when confident, stable, unflagged and consistent with the history. */
import { describe, expect, it } from 'vitest';
import { sampleSd } from '../../src/panel/index.js';
import { routeDraft, type CalibrationHistory, type PersonaHistory } from '../../src/review/index.js';
import type { PersonaReview, PersonaRun, Review } from '../../src/schemas.js';

const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, costUsd: 0 };

function run(index: number, score: number, confidence = 80): PersonaRun {
  return { run: index, status: 'answered', score, verdict: score >= 50 ? 'ship' : 'skip', quote: 'q', confidence, model: 'openai:m', usage, latencyMs: 1, attempts: 1 };
}

function persona(id: string, score: number, confidence: number | undefined, scores?: number[]): PersonaReview {
  const runs = scores?.map((each, index) => run(index + 1, each));
  const sorted = [...(scores ?? [])].sort((a, b) => a - b);
  return {
    persona: id, name: id, score, verdict: score >= 50 ? 'ship' : 'skip', quote: 'A quote.', model: 'openai:m', usage, latencyMs: 1, attempts: 1,
    ...(confidence === undefined ? {} : { confidence }),
    ...(runs
      ? {
          runs,
          spread: {
            runs: runs.length, answered: runs.length, sd: sampleSd(scores ?? []), median: score,
            min: sorted[0] ?? score, max: sorted.at(-1) ?? score, flipped: new Set(runs.map((each) => each.status === 'answered' && each.verdict)).size > 1, keptRun: 1,
          },
        }
      : {}),
  };
}

function review(reviews: PersonaReview[], extra: Partial<Review> = {}): Review {
  return {
    schemaVersion: 1, id: 'r1', status: 'draft', createdAt: '2026-12-01T00:00:00.000Z',
    tool: { name: 'T', tagline: 't', description: 'd', category: 'Developer Tools', pricing: { entry: 'Free', detail: '' }, bestFor: 'b', vendor: null, url: 'https://t.example/', links: {}, facts: {} },
    reviews, panel: { verdict: 'ship', label: 'Ship', ship: reviews.length, skip: 0, shipPercent: 100, meanScore: 70, complete: true },
    failures: [], usage, flags: [], versions: { prompts: 'p', personas: {} }, ...extra,
  };
}

const confident = () => [persona('builder', 72, 85, [70, 72, 75]), persona('skeptic', 30, 90, [28, 30, 33])];

const historyOf = (entries: Record<string, Partial<PersonaHistory>>): CalibrationHistory => (id, model) => {
  const entry = entries[id];
  return entry == null ? null : { persona: id, model, reviews: 40, shipRate: 0.5, meanScore: 60, sdScore: 10, editorAgreement: 0.9, outOfBand: false, ...entry };
};

describe('routeDraft', () => {
  it('confident, stable and unflagged → routine, with no reasons', () => {
    expect(routeDraft(review(confident()))).toEqual({ attention: 'routine', reasons: [] });
  });

  it('a single run is not shown unstable: confidence alone decides', () => {
    expect(routeDraft(review([persona('builder', 72, 85)])).attention).toBe('routine');
  });

  it('a low confidence, or none, needs attention and says which persona', () => {
    const low = routeDraft(review([persona('builder', 72, 41, [70, 72, 75]), persona('skeptic', 30, undefined, [29, 30, 31])]));
    expect(low).toEqual({ attention: 'needs-attention', reasons: ['builder: confidence 41 below 60', 'skeptic: no confidence given'] });
  });

  it('a verdict flipped between runs, or a wide SD, needs attention', () => {
    const flipped = routeDraft(review([persona('builder', 52, 80, [48, 52, 55])]));
    expect(flipped.attention).toBe('needs-attention');
    expect(flipped.reasons).toEqual(['builder: verdict flipped between runs (2 ship / 1 skip)']);
    const wide = routeDraft(review([persona('builder', 80, 80, [60, 80, 95])]));
    expect(wide.reasons).toEqual(['builder: score SD 17.56 over 3 runs, above 10']);
    // The limits are settings.
    expect(routeDraft(review([persona('builder', 80, 80, [60, 80, 95])]), undefined, { minConfidence: 60, maxScoreSd: 20, minHistoryReviews: 20 }).attention).toBe('routine');
  });

  it('a failed persona, a failed run, an unsupported claim or an injection flag needs attention', () => {
    const withFailure = review(confident(), { failures: [{ persona: 'futurist', model: 'openai:m', error: 'timed out' }] });
    expect(routeDraft(withFailure).reasons).toEqual(['futurist: failed, no answer']);
    const partial = persona('builder', 72, 85, [70, 72, 75]);
    partial.runs = [...(partial.runs ?? []), { run: 4, status: 'failed', model: 'openai:m', error: 'reset' }];
    partial.spread = { ...partial.spread!, runs: 4 };
    expect(routeDraft(review([partial])).reasons).toEqual(['builder: 1 of 4 runs failed']);
    const flagged = review(confident(), {
      flags: [
        { kind: 'unsupported-claim', detail: 'x' },
        { kind: 'unsupported-claim', detail: 'y' },
        { kind: 'prompt-injection', detail: 'z' },
        { kind: 'github-fork', detail: 'a fork' },
      ],
    });
    expect(routeDraft(flagged).reasons).toEqual(['2 unsupported-claim flags', '1 prompt-injection flag']);
  });

  it('consistent with the calibration history: out of band, or outside mean ± 2 SD on 20+ reviews, needs attention', () => {
    expect(routeDraft(review(confident()), historyOf({ builder: {}, skeptic: { meanScore: 35, sdScore: 10 } })).attention).toBe('routine');
    const outOfBand = routeDraft(review(confident()), historyOf({ builder: { outOfBand: true, shipRate: 0.93 } }));
    expect(outOfBand).toEqual({ attention: 'needs-attention', reasons: ['builder: out of its calibration band on openai:m (ship rate 93%)'] });
    // The skeptic's 30 is below 60 − 2·10 = 40.
    const outside = routeDraft(review(confident()), historyOf({ skeptic: {} }));
    expect(outside.reasons).toEqual(['skeptic: score 30 outside its usual 40–80 (mean ± 2 SD of 40 reviews)']);
    // Fewer than 20 reviews: the band says nothing yet.
    expect(routeDraft(review(confident()), historyOf({ skeptic: { reviews: 19 } })).attention).toBe('routine');
  });
});
