/**
 * `review --repeat N` end to end against the simulator told to vary each persona's score
 * between runs (personaBias noise, seeded by prompt and run number): N runs stored per persona,
 * the median kept with the closest quote, the spread and flips in the summary, --json,
 * `drafts show` and --dry-run; and the routing that follows from them.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEngine } from '../../src/engine/index.js';
import { median, sampleSd } from '../../src/panel/index.js';
import { projectPaths } from '../../src/paths.js';
import { runReview, type CalibrationHistory } from '../../src/review/index.js';
import { Review, type PersonaReview, type PersonaRun } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { openStore } from '../../src/store/index.js';
import { baseEnv, cli } from '../helpers/cli.js';

const page = (name: string) => path.join(projectPaths.fixtures, 'pages', name, 'page.html');
const PAGE = page('aider-landing');
/** Pages tried in this order for one where a persona's verdict flips between runs. */
const FLIP_CANDIDATES = ['aider-landing', 'dspy-landing', 'pi-landing', 'openrouter-auto-router', 'crafted-jsonld'];

let simulator: Simulator;
beforeEach(async () => {
  simulator = await startSimulator({ personaBias: [{ match: '', noise: 12 }] });
});
afterEach(async () => {
  await simulator.close();
});

const envFor = (extra: Record<string, string> = {}) => baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: simulator.baseUrls.openai, ...extra });
const ON_OPENAI = ['--model', 'openai:gpt-5.4-mini'];
type Answered = Extract<PersonaRun, { status: 'answered' }>;
const answered = (entry: PersonaReview): Answered[] => (entry.runs ?? []).filter((run): run is Answered => run.status === 'answered');
/** Persona-answer calls the simulator got (OpenAI's structured output named by the panel). */
const personaCalls = () =>
  simulator.calls.filter((call) => (call.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name === 'persona_review').length;

/** What every repeated persona entry must satisfy, whatever the simulator drew. */
function expectMedianKept(entry: PersonaReview, runs: number): void {
  const ran = answered(entry);
  expect(ran).toHaveLength(runs);
  const scores = ran.map((run) => run.score);
  expect(entry.score).toBe(Math.round(median(scores)));
  expect(entry.verdict).toBe(entry.score >= 50 ? 'ship' : 'skip');
  const kept = ran.find((run) => run.run === entry.spread?.keptRun);
  expect(kept?.quote).toBe(entry.quote);
  // The kept run is the closest to the median among the runs with the median's verdict.
  const distance = Math.abs((kept?.score ?? -1) - entry.score);
  expect(ran.filter((run) => run.verdict === entry.verdict).every((run) => Math.abs(run.score - entry.score) >= distance)).toBe(true);
  expect(entry.spread).toMatchObject({ runs, answered: runs, sd: sampleSd(scores), median: entry.score, min: Math.min(...scores), max: Math.max(...scores), flipped: new Set(ran.map((run) => run.verdict)).size > 1 });
  for (const run of ran) expect(run.confidence).toEqual(expect.any(Number));
  expect(entry.usage.costUsd).toBeCloseTo(ran.reduce((sum, run) => sum + run.usage.costUsd, 0), 10);
}

describe('review --repeat 3', () => {
  it('asks each persona 3 times, keeps the median and the closest quote, and stores every run', async () => {
    const env = envFor();
    const run = await cli(['review', PAGE, '--repeat', '3', '--json', ...ON_OPENAI], env);
    expect(run.code).toBe(0);
    const review = Review.parse(JSON.parse(run.stdout));
    expect(personaCalls()).toBe(12);
    for (const entry of review.reviews) expectMedianKept(entry, 3);
    // Varied: the noise gave the runs different scores.
    expect(review.reviews.some((entry) => (entry.spread?.sd ?? 0) > 0)).toBe(true);
    // The persona cost is in the review's total, every run included.
    const personaCost = review.reviews.reduce((sum, entry) => sum + entry.usage.costUsd, 0);
    expect(review.usage.costUsd).toBeGreaterThanOrEqual(personaCost);
    // The store keeps the runs: the review JSON and each persona's row.
    const store = openStore(env.PANEL_DB as string);
    try {
      const stored = store.getReview(review.id);
      expect(stored?.reviews.map((entry) => entry.runs?.length)).toEqual([3, 3, 3, 3]);
      expect(stored?.reviews.map((entry) => entry.spread)).toEqual(review.reviews.map((entry) => entry.spread));
      expect(stored?.routing).toEqual(review.routing);
      expect(store.findReviews({ idPrefix: review.id })[0]?.attention).toBe(review.routing?.attention);
    } finally {
      store.close();
    }
  });

  it('shows the spread, and "verdict flipped between runs" where a persona flipped, in the summary and drafts show', async () => {
    let found: { review: Review; summary: string; env: Record<string, string | undefined> } | undefined;
    for (const name of FLIP_CANDIDATES) {
      const env = envFor();
      const run = await cli(['review', page(name), '--repeat', '3', ...ON_OPENAI], env);
      const id = /Saved as draft ([0-9a-f-]{36})/.exec(run.stdout)?.[1] as string;
      const store = openStore(env.PANEL_DB as string);
      const review = store.getReview(id) as Review;
      store.close();
      if (review.reviews.some((entry) => entry.spread?.flipped)) {
        found = { review, summary: run.stdout, env };
        break;
      }
    }
    expect(found, `no persona flipped on ${FLIP_CANDIDATES.join(', ')}`).toBeDefined();
    const { review, summary, env } = found!;
    const flipped = review.reviews.find((entry) => entry.spread?.flipped) as PersonaReview;
    const spread = flipped.spread!;
    const line = new RegExp(`^      3 runs \\([^)]*\\): median ${spread.median} · SD ${spread.sd} · min–max ${spread.min}–${spread.max} · quote of run ${spread.keptRun} · verdict flipped between runs$`, 'm');
    expect(summary).toMatch(line);
    expect(summary).toMatch(/^Needs attention:$/m);
    expect(summary).toContain(`  ${flipped.persona}: verdict flipped between runs (`);
    expect(review.routing?.attention).toBe('needs-attention');
    const shown = await cli(['drafts', 'show', review.id.slice(0, 8)], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(line);
    expect(shown.stdout).toContain(`${flipped.persona}: verdict flipped between runs`);
    expect(shown.stdout).toMatch(new RegExp(`confidence ${flipped.confidence}$`, 'm'));
  });

  it('--dry-run shows 3 calls per persona and their cost, and calls nothing', async () => {
    const once = JSON.parse((await cli(['review', PAGE, '--dry-run', '--json', ...ON_OPENAI], envFor())).stdout) as { calls: Array<{ step: string; run?: number; costUsd: number }>; costUsd: number };
    const run = await cli(['review', PAGE, '--dry-run', '--json', '--repeat', '3', ...ON_OPENAI], envFor());
    const plan = JSON.parse(run.stdout) as typeof once & { notes: string[] };
    const persona = plan.calls.filter((call) => call.step === 'persona');
    expect(persona).toHaveLength(12);
    expect(persona.slice(0, 3).map((call) => call.run)).toEqual([1, 2, 3]);
    expect(plan.notes).toContain('repeat: builder 3×, skeptic 3×, futurist 3×, creator 3× (the same request each run; the draft keeps the median)');
    const personaCost = (calls: typeof persona) => calls.filter((call) => call.step === 'persona').reduce((sum, call) => sum + call.costUsd, 0);
    // Three times the calls; the repeats read the warm prefix, so a little under three times the cost.
    expect(personaCost(persona)).toBeGreaterThan(2 * personaCost(once.calls));
    expect(personaCost(persona)).toBeLessThan(3 * personaCost(once.calls));
    const text = await cli(['review', PAGE, '--dry-run', '--repeat', '3', ...ON_OPENAI], envFor());
    expect(text.stdout).toMatch(/^  builder #3 {3}openai:gpt-5.4-mini/m);
    expect(text.stdout).toMatch(/^Estimated cost: ~\$[\d.]+ for 13 calls$/m);
    expect(simulator.calls).toHaveLength(0);
  });

  it('PANEL_REPEAT is the default; --repeat outside 1–9 is bad usage', async () => {
    const plan = JSON.parse((await cli(['review', PAGE, '--dry-run', '--json', ...ON_OPENAI], envFor({ PANEL_REPEAT: '2' }))).stdout) as { calls: unknown[] };
    expect(plan.calls).toHaveLength(9);
    for (const bad of ['0', '10', '2.5', 'three']) {
      const run = await cli(['review', PAGE, '--repeat', bad, ...ON_OPENAI], envFor());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--repeat must be a whole number from 1 to 9/);
    }
    const env = await cli(['review', PAGE, '--dry-run', ...ON_OPENAI], envFor({ PANEL_REPEAT: '12' }));
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/PANEL_REPEAT must be an integer from 1 to 9/);
  });
});

describe('routing from the run', () => {
  it('a calibration history that puts a persona out of band makes the draft need attention, stored in its column', async () => {
    const config = loadConfig(envFor());
    const store = openStore(config.dbPath);
    try {
      const engine = await createEngine(config, { store });
      const calibration: CalibrationHistory = (persona, model) =>
        persona === 'futurist' ? { persona, model, reviews: 50, shipRate: 0.96, meanScore: 80, sdScore: 6, editorAgreement: 0.5, outOfBand: true } : null;
      const review = await runReview(PAGE, { model: 'openai:gpt-5.4-mini', calibration }, engine);
      expect(review.routing?.attention).toBe('needs-attention');
      expect(review.routing?.reasons).toContain('futurist: out of its calibration band on openai:gpt-5.4-mini (ship rate 96%)');
      expect(store.findReviews({ idPrefix: review.id })[0]?.attention).toBe('needs-attention');
    } finally {
      store.close();
    }
  });
});
