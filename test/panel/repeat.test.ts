/** Repeat-N in the panel: N runs per persona, the median kept with the closest quote, failed runs listed. */
import { describe, expect, it } from 'vitest';
import { combineRuns, median, runPanel, sampleSd } from '../../src/panel/index.js';
import { loadReviewContext } from '../../src/review/index.js';
import type { Failure, PersonaReview, ToolProfile } from '../../src/schemas.js';
import { fakeModel, type FakeAnswer } from '../helpers/fake-model.js';

const profile: ToolProfile = {
  name: 'Terrarium', tagline: 'Evals that simulate deployment', description: 'A multi-turn evaluation engine.',
  category: 'Developer Tools', pricing: { entry: 'Open Source', detail: 'MIT' }, bestFor: 'agent teams',
  vendor: null, url: 'https://github.com/evolvent-ai/terrarium', links: {}, facts: {},
};

const usage = (costUsd: number) => ({ inputTokens: 100, outputTokens: 10, cachedInputTokens: 0, costUsd });
const answer = (score: number, confidence?: number): PersonaReview => ({
  persona: 'builder', name: 'Builder', score, verdict: score >= 50 ? 'ship' : 'skip', quote: `quote at ${score}`,
  ...(confidence === undefined ? {} : { confidence }), model: 'openai:m', usage: usage(0.001), latencyMs: score, attempts: 1,
});
const failed = (error: string): Failure => ({ persona: 'builder', model: 'openai:m', error, usage: usage(0.0005) });
const builder = { id: 'builder', name: 'Builder' };
const said = (score: number, confidence = 70) => JSON.stringify({ score, verdict: score >= 50 ? 'ship' : 'skip', quote: `A specific quote at ${score}.`, confidence });

describe('combineRuns', () => {
  it('keeps the median score, the verdict from it, and the quote of the run at the median', () => {
    const entry = combineRuns(builder, 'openai:m', [answer(62, 80), answer(44, 50), answer(57, 66)], 50) as PersonaReview;
    expect(entry).toMatchObject({ score: 57, verdict: 'ship', quote: 'quote at 57', confidence: 66, attempts: 3, latencyMs: 62 });
    expect(entry.spread).toEqual({ runs: 3, answered: 3, sd: sampleSd([62, 44, 57]), median: 57, min: 44, max: 62, flipped: true, keptRun: 3 });
    expect(entry.runs?.map((run) => run.status === 'answered' && run.score)).toEqual([62, 44, 57]);
    // Usage sums every run.
    expect(entry.usage.costUsd).toBeCloseTo(0.003, 10);
  });

  it('with an even count rounds the median and keeps a quote whose verdict matches it', () => {
    // Median 49.5 → 50 → ship: of 48 (skip) and 51 (ship), the ship run's quote is kept.
    const entry = combineRuns(builder, 'openai:m', [answer(48), answer(51)], 50) as PersonaReview;
    expect(entry).toMatchObject({ score: 50, verdict: 'ship', quote: 'quote at 51' });
    expect(entry.spread).toMatchObject({ keptRun: 2, flipped: true, median: 50 });
    expect(entry.confidence).toBeUndefined();
  });

  it('a failed run is listed, never filled in; the spread is over the runs that answered', () => {
    const entry = combineRuns(builder, 'openai:m', [answer(70, 90), failed('openai:m: timed out'), answer(80, 70)], 50) as PersonaReview;
    expect(entry).toMatchObject({ score: 75, verdict: 'ship', confidence: 80 });
    expect(entry.spread).toMatchObject({ runs: 3, answered: 2, min: 70, max: 80, flipped: false });
    expect(entry.runs?.[1]).toEqual({ run: 2, status: 'failed', model: 'openai:m', error: 'openai:m: timed out', usage: usage(0.0005) });
    expect(entry.usage.costUsd).toBeCloseTo(0.0025, 10);
  });

  it('fails the persona only when every run failed, listing each', () => {
    const entry = combineRuns(builder, 'openai:m', [failed('e1'), failed('e2')], 50) as Failure;
    expect('score' in entry).toBe(false);
    expect(entry.error).toBe('all 2 runs failed; the first: e1');
    expect(entry.runs?.map((run) => run.status)).toEqual(['failed', 'failed']);
  });

  it('a single run keeps the shape of a review without --repeat', () => {
    expect(combineRuns(builder, 'openai:m', [answer(70, 80)], 50)).toEqual(answer(70, 80));
  });

  it('median and SD', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(sampleSd([60])).toBeNull();
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2.14);
  });
});

describe('runPanel with repeats', () => {
  async function panel(answers: Record<string, FakeAnswer[]>, repeat: number, concurrency = 8) {
    const context = await loadReviewContext();
    const models = new Map(context.personas.map((persona) => [persona.id, `openai:${persona.id}`]));
    const fakes = new Map(context.personas.map((persona) => [`openai:${persona.id}`, fakeModel(`openai:${persona.id}`, answers[persona.id] ?? [said(70)])]));
    let inFlight = 0;
    let peak = 0;
    for (const model of fakes.values()) {
      const generate = model.generate.bind(model);
      model.generate = async (request) => {
        peak = Math.max(peak, ++inFlight);
        // Yield so that calls the bound lets through overlap; no clock involved.
        await Promise.resolve();
        await Promise.resolve();
        inFlight--;
        return generate(request);
      };
    }
    const result = await runPanel(
      { profile, pageExcerpt: 'page', personas: context.personas, models, template: context.templates.review, repeats: new Map(context.personas.map((persona) => [persona.id, repeat])) },
      { createModel: (spec) => fakes.get(spec)!, prices: {}, retry: { maxRetries: 0, retryAfterCapMs: 0 }, timeoutMs: 1000, concurrency, threshold: 50 },
    );
    return { result, fakes, peak };
  }

  it('sends the same request N times per persona, within the panel bound', async () => {
    const { result, fakes, peak } = await panel({ builder: [said(40), said(60), said(55)] }, 3, 2);
    for (const model of fakes.values()) {
      expect(model.requests).toHaveLength(3);
      expect(new Set(model.requests.map((request) => JSON.stringify(request.messages))).size).toBe(1);
      // The sent schema asks for confidence.
      expect(model.requests[0]?.output?.jsonSchema).toMatchObject({ required: ['score', 'verdict', 'quote', 'confidence'] });
    }
    expect(peak).toBeLessThanOrEqual(2);
    const entry = result.reviews.find((review) => review.persona === 'builder');
    expect(entry).toMatchObject({ score: 55, verdict: 'ship', quote: 'A specific quote at 55.', spread: { flipped: true, min: 40, max: 60 } });
  });

  it('a persona whose runs all fail is a failure; one failed run is not', async () => {
    const boom = new Error('connection reset');
    const { result } = await panel({ builder: [boom], skeptic: [said(70), boom, said(72)] }, 3);
    expect(result.failures.map((failure) => failure.persona)).toEqual(['builder']);
    expect(result.failures[0]?.runs).toHaveLength(3);
    const skeptic = result.reviews.find((review) => review.persona === 'skeptic');
    expect(skeptic?.spread).toMatchObject({ runs: 3, answered: 2 });
    expect(skeptic?.runs?.filter((run) => run.status === 'failed')).toHaveLength(1);
  });
});
