/** The persona card shows the model's confidence and a repeated persona's spread, runs and flip (issue 14). */
import { load } from 'cheerio';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { PersonaReview, PersonaRun, Review } from '../../src/schemas.js';
import { WebClient } from './web-client.js';
import { draftFrom, TOOLS, webBench, XSS, type WebBench } from './web-fixtures.js';

let context: ReviewContext;
beforeAll(async () => {
  context = await loadReviewContext();
});
let bench: WebBench | undefined;
afterEach(() => bench?.cleanup());

const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 0, costUsd: 0.0001 };
const ran = (run: number, score: number, confidence: number): PersonaRun => ({
  run, status: 'answered', score, verdict: score >= 50 ? 'ship' : 'skip', quote: `Quote of run ${run}.`, confidence, model: 'openai:gpt-5.4-mini', usage, latencyMs: 5, attempts: 1,
});

function repeatedDraft(): Review {
  const draft = draftFrom(TOOLS[1]!, 0);
  const [first, ...rest] = draft.reviews as [PersonaReview, ...PersonaReview[]];
  const builder: PersonaReview = {
    ...first, score: 52, verdict: 'ship', quote: 'Quote of run 3.', confidence: 58,
    runs: [ran(1, 61, 70), ran(2, 44, 52), ran(3, 52, 58), { run: 4, status: 'failed', model: 'openai:gpt-5.4-mini', error: `reset ${XSS}` }],
    spread: { runs: 4, answered: 3, sd: 8.5, median: 52, min: 44, max: 61, flipped: true, keptRun: 3 },
  };
  return { ...draft, reviews: [builder, ...rest.map((entry) => ({ ...entry, confidence: 81 }))] };
}

describe('the persona card', () => {
  it('shows confidence, the spread (SD, min–max), each run, a failed run escaped, and the flip', async () => {
    const draft = repeatedDraft();
    bench = webBench(context, [draft]);
    const page = await new WebClient(bench.app).get(`/reviews/${draft.id}`);
    expect(page.status).toBe(200);
    const $ = load(page.body);
    const card = $('#persona-builder');
    expect(card.find('.run-spread').text().replace(/\s+/g, ' ').trim()).toBe('4 runs · median 52 · SD 8.5 · min–max 44–61 verdict flipped between runs');
    expect(card.find('.run-spread .badge.warn').text()).toBe('verdict flipped between runs');
    expect(card.text()).toContain("Model's confidence 58/100");
    expect(card.find('.persona-runs li').map((_, item) => $(item).text()).get()).toEqual([
      'run 1: 61 · ship (confidence 70)',
      'run 2: 44 · skip (confidence 52)',
      'run 3: 52 · ship (confidence 58) — quote kept',
      `run 4: failed — reset ${XSS}`,
    ]);
    expect(page.body).not.toContain(XSS);
    // A single-run persona shows its confidence and no spread.
    const skeptic = $('#persona-skeptic');
    expect(skeptic.text()).toContain("Model's confidence 81/100");
    expect(skeptic.find('.run-spread')).toHaveLength(0);
  });
});
