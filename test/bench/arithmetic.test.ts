/** The arithmetic behind every benchmark figure, on tiny inputs. No timings are asserted. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFigures } from '../../src/bench/cli-start.js';
import { BATCH_NODE_FLAGS, cpuBreakdown, engineFigures, growthPercent, type EngineCostDetails, type MemoryRun } from '../../src/bench/engine-cost.js';
import { checkIntegrity } from '../../src/bench/integrity.js';
import { panelFigures, summarisePanels } from '../../src/bench/panel-overhead.js';
import { pageEfficiency, promptFigures, requestTokens } from '../../src/bench/prompt-efficiency.js';
import { latencyOf } from '../../src/bench/sim-options.js';
import { estimateTokens, median, percentile, round } from '../../src/bench/stats.js';
import { callsPerTool, faultCeiling, rateBetween, throughputBound, throughputFigures, type ThroughputDetails } from '../../src/bench/throughput.js';
import type { ChatRequest } from '../../src/providers/index.js';
import type { Review } from '../../src/schemas.js';
import type { SimulatedCall } from '../../src/simulator/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';

describe('stats', () => {
  it('median and percentiles interpolate between closest ranks', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
    expect(round(1.23456, 2)).toBe(1.23);
    expect(estimateTokens(0)).toBe(0);
    expect(estimateTokens(9)).toBe(3);
  });
});

describe('panel overhead', () => {
  it('divides each wall time by the slowest configured latency; median, p90, and the ratio to the measured call', () => {
    const samples = [500, 510, 520, 530, 600].map((wallMs) => ({ wallMs, slowestCallMs: wallMs - 10 }));
    const summary = summarisePanels(samples, 500);
    expect(summary.panels).toBe(5);
    expect(summary.medianRatio).toBe(1.04);
    expect(summary.p90Ratio).toBe(1.144); // rank 3.6 of [1.00, 1.02, 1.04, 1.06, 1.20]
    expect(summary.medianWallMs).toBe(520);
    expect(summary.medianSlowestCallMs).toBe(510);
    expect(summary.medianRatioToMeasuredCall).toBe(round(520 / 510, 4));
    expect(summary.p90RatioToMeasuredCall).toBe(1.0202); // between 500/490 and 510/500, the two largest
    const [medianFigure, p90Figure, measured, measuredP90] = panelFigures(summary);
    expect(medianFigure).toMatchObject({ value: 1.04, target: { op: '<=', value: 1.05 }, verdict: 'pass' });
    expect(p90Figure).toMatchObject({ value: 1.144, verdict: 'miss' });
    expect(measured?.verdict).toBe('info');
    expect(measuredP90).toMatchObject({ id: 'panel-overhead.measured-p90', target: { op: '<=', value: 1.05 }, verdict: 'pass' });
  });
});

function throughputDetails(overrides: Partial<ThroughputDetails> = {}): ThroughputDetails {
  return {
    requestsPerMinute: 600, tools: 800, concurrency: 16, boundToolsPerMinute: 200, busiestProvider: 'openai',
    callsPerTool: { openai: 3, anthropic: 1, google: 1 }, wallMs: 250_000, steadyWindowMs: [60_000, 240_000],
    steadyToolsPerMinute: 195, wholeRunToolsPerMinute: 192, firstMinuteToolsPerMinute: 190, incompletePanels: 0, failedTools: 0,
    integrity: { tools: 800, reviewedOnce: 800, lost: 0, duplicated: 0, strays: 0, ok: true },
    simulator: { requests: 4000, byProvider: {}, faults: { rate429: 200, server500: 80, rateLimited: 3 } },
    limiter: { openai: { rateLimited: 150, pauses: 120, decreases: 2, pausedMs: 1000 } },
    ...overrides,
  };
}

describe('batch throughput', () => {
  it('counts calls per provider and takes the busiest provider as the bound', () => {
    const calls = callsPerTool(['openai:a', 'anthropic:b', 'google:c', 'openai:a', 'openai:a']);
    expect(calls).toEqual({ openai: 3, anthropic: 1, google: 1 });
    expect(throughputBound(600, calls)).toEqual({ toolsPerMinute: 200, busiest: 'openai', calls: 3 });
    expect(throughputBound(600, { anthropic: 5 }).toolsPerMinute).toBe(120);
    // 5% 429s take no slot, 2% 5xx take one each: 93 answers per 95 slots.
    expect(faultCeiling({ rate429: 0.05, server500: 0.02 })).toBeCloseTo(0.93 / 0.95);
    expect(faultCeiling({ rate429: 0, server500: 0 })).toBe(1);
  });

  it('counts tools finished inside a window, per minute', () => {
    const doneAt = [10_000, 61_000, 90_000, 119_000, 125_000];
    expect(rateBetween(doneAt, 60_000, 120_000)).toBe(3);
    expect(rateBetween(doneAt, 0, 30_000)).toBe(2);
    expect(rateBetween(doneAt, 5, 5)).toBeNaN();
  });

  it('judges the steady state against the bound, reports the rest, and checks every tool has one draft', () => {
    const figures = throughputFigures(throughputDetails());
    expect(figures.map((each) => each.id)).toEqual(['throughput.steady', 'throughput.whole', 'throughput.first-minute', 'throughput.integrity']);
    expect(figures[0]).toMatchObject({ value: 0.975, verdict: 'pass', label: expect.stringContaining('60–240 s') });
    expect(figures[1]).toMatchObject({ value: 0.96, verdict: 'info' });
    expect(figures[3]).toMatchObject({ value: 0, verdict: 'pass' });
    const slow = throughputFigures(throughputDetails({ steadyToolsPerMinute: 180 }));
    expect(slow[0]).toMatchObject({ value: 0.9, verdict: 'miss', note: expect.stringContaining('3 calls refused by the simulator\'s limit, 2 limiter slow-downs on openai; 5xx slots cap it at 0.979') });
  });

  it('a run too short for a steady state is judged on the whole run, and says so', () => {
    const figures = throughputFigures(throughputDetails({ steadyWindowMs: null, steadyToolsPerMinute: null, firstMinuteToolsPerMinute: null, wholeRunToolsPerMinute: 100, wallMs: 8000 }));
    expect(figures.map((each) => each.id)).toEqual(['throughput.whole', 'throughput.integrity']);
    expect(figures[0]).toMatchObject({ value: 0.5, verdict: 'miss', note: expect.stringContaining('no steady state') });
  });

  it('a lost or twice-reviewed tool fails the integrity figure', () => {
    const integrity = checkIntegrity(['a', 'b', 'c', 'd'], new Map([['a', 1], ['b', 2], ['c', 0], ['x', 1]]));
    expect(integrity).toEqual({ tools: 4, reviewedOnce: 1, lost: 2, duplicated: 1, strays: 1, ok: false });
    const figures = throughputFigures(throughputDetails({ integrity }));
    expect(figures.at(-1)).toMatchObject({ value: 4, verdict: 'miss', note: '2 lost, 1 reviewed twice, 1 drafts of unknown tools (0 incomplete panels, 0 failed tools)' });
    expect(checkIntegrity(['a', 'a', 'b'], new Map([['a', 1], ['b', 1]])).ok).toBe(true);
  });
});

function request(system: string, shared: string, personal: string): ChatRequest {
  return {
    system,
    messages: [{ role: 'user', parts: [{ text: shared, cacheBreakpoint: true }, { text: personal }] }],
    output: { name: 'persona_review', description: '', jsonSchema: {} },
    temperature: undefined, maxOutputTokens: 100, timeoutMs: 1000,
  };
}

const usageReview = (input: number, cached: number) =>
  ({ reviews: [0, 1].map(() => ({ usage: { inputTokens: input, cachedInputTokens: cached } })) }) as unknown as Review;

describe('prompt efficiency', () => {
  it('counts the system text and the parts through the breakpoint as eligible, with the same estimate as the total', () => {
    // system 8 chars + '\n' + shared 31 chars = 40 chars → 10 tokens; + '\n' + personal 7 = 48 → 12.
    expect(requestTokens(request('SYSTEM!!', 'x'.repeat(31), 'persona'))).toEqual({ eligible: 10, input: 12 });
    const noBreakpoint = { system: 'abcd', messages: [{ role: 'user' as const, parts: [{ text: 'efgh' }] }] };
    expect(requestTokens(noBreakpoint)).toEqual({ eligible: 1, input: 3 });
  });

  it('sums a page over its calls, and the figures over pages', () => {
    // The persona parts differ, as in a panel: only the system text and the shared part are eligible.
    const requests = [request('SYSTEM!!', 'x'.repeat(31), 'persona'), request('SYSTEM!!', 'x'.repeat(31), 'personb')];
    const page = pageEfficiency('a.html', requests, usageReview(12, 0), usageReview(12, 10));
    expect(page).toEqual({ page: 'a.html', calls: 2, eligibleTokens: 20, inputTokens: 24, share: round(20 / 24, 4), reportedInputTokens: 24, coldCachedTokens: 0, warmCachedTokens: 20 });
    const other = { ...page, page: 'b.md', eligibleTokens: 60, inputTokens: 100, share: 0.6, reportedInputTokens: 100, coldCachedTokens: 50, warmCachedTokens: 60 };
    const [overall, lowest, cold, warm] = promptFigures([page, other]);
    expect(overall).toMatchObject({ value: round(80 / 124, 4), verdict: 'miss' });
    expect(lowest).toMatchObject({ value: 0.6, verdict: 'miss', note: '2 pages; lowest b.md 0.6' });
    expect(cold).toMatchObject({ value: round(50 / 124, 4), verdict: 'info' });
    expect(warm).toMatchObject({ value: round(80 / 124, 4), verdict: 'info' });
  });
});

const memoryRun = (tools: number, peakRssMb: number, extra: Partial<MemoryRun> = {}): MemoryRun =>
  ({ tools, peakRssMb, startRssMb: 100, retainedHeapMb: 40, wallMs: 1000, integrityOk: true, samples: [], ...extra });

describe('engine cost', () => {
  const cpu = {
    type: 'result' as const, reviews: 10, cpuMsPerReview: 20, wallMsPerReview: 21, cpuMsPerReviewSaved: 21, cpuMsPerReviewGrounded: 30, cpuMsPerIntake: 8,
    cpuMsPerCall: { 'openai:a': 1, 'google:b': 2 }, callsPerReview: { 'openai:a': 3, 'google:b': 1 },
    cpuMsPerFloor: 16, cpuMsPerRawCall: { 'openai:a': 0.5, 'google:b': 1 }, cpuMsPerParse: 3,
  };

  it('splits a review into intake, its calls and the rest', () => {
    expect(cpuBreakdown(cpu)).toEqual({ intakeMs: 8, callsMs: 5, restMs: 7 });
    expect(growthPercent(200, 230)).toBeCloseTo(15);
  });

  it('judges CPU, each peak and the growth between batch sizes; the run on V8 defaults is information', () => {
    const details: EngineCostDetails = {
      cpu: { ...cpu, breakdown: cpuBreakdown(cpu), page: 'p.html' },
      memory: [memoryRun(1000, 180), memoryRun(10_000, 190), memoryRun(1000, 350, { uncapped: true })],
    };
    const figures = engineFigures(details);
    expect(figures.map((each) => [each.id, each.value, each.verdict])).toEqual([
      ['engine-cost.cpu', 20, 'miss'],
      ['engine-cost.cpu-floor-ratio', 1.25, 'miss'],
      ['engine-cost.cpu-floor', 16, 'info'],
      ['engine-cost.cpu-grounded', 30, 'info'],
      ['engine-cost.cpu-saved', 21, 'info'],
      ['engine-cost.rss-1000', 180, 'pass'],
      ['engine-cost.rss-10000', 190, 'pass'],
      ['engine-cost.rss-growth', 5.6, 'pass'],
      ['engine-cost.rss-uncapped', 350, 'info'],
    ]);
    expect(figures[0]?.note).toContain('intake 8 ms');
    expect(figures[0]?.note).toContain('4 SDK calls 5 ms');
    expect(figures[1]?.note).toContain('floor 16 ms (cheerio.load 3 ms + 4 plain SDK calls 2.5 ms)');
    expect(engineFigures({ ...details, cpu: { ...details.cpu, cpuMsPerReview: 16 } })[1]).toMatchObject({ value: 1, verdict: 'pass' });
    const broken = engineFigures({ ...details, memory: [memoryRun(1000, 250, { integrityOk: false })] });
    expect(broken.map((each) => [each.id, each.verdict])).toEqual([
      ['engine-cost.cpu', 'miss'], ['engine-cost.cpu-floor-ratio', 'miss'], ['engine-cost.cpu-floor', 'info'], ['engine-cost.cpu-grounded', 'info'], ['engine-cost.cpu-saved', 'info'], ['engine-cost.rss-1000', 'miss'], ['engine-cost.batch-integrity', 'miss'],
    ]);
  });
});

describe('simulator latencies', () => {
  const call = (provider: SimulatedCall['provider'], promptText: string) => ({ provider, promptText }) as SimulatedCall;

  it('a persona line picks its latency, else the provider, else the default', () => {
    const latency = latencyOf({ latencyMs: 7, latencyByPersona: { builder: 200 }, latencyByProvider: { gemini: 350 } });
    if (typeof latency !== 'function') throw new Error('expected a function');
    expect(latency(call('openai', 'Tool: X\nPersona: Builder\nWrite…'))).toBe(200);
    expect(latency(call('gemini', 'Persona: Skeptic'))).toBe(350);
    expect(latency(call('openai', 'profile prompt'))).toBe(7);
    expect(latencyOf({ latencyMs: 5 })).toBe(5);
    expect(latencyOf({})).toBe(0);
  });
});

describe('the batch heap bound', () => {
  it('is what npm run batch runs with, so the memory figures measure production', () => {
    const scripts = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const flag of BATCH_NODE_FLAGS) expect(scripts.batch).toContain(` ${flag} `);
  });
});

describe('cli start', () => {
  it('divides --help by node -e 0 and judges drafts list in seconds', () => {
    const figures = cliFigures({ compiled: true, drafts: 10_000, runs: 5, medians: { node: 0.1, help: 0.2, draftsList: 0.35 }, samples: { node: [], help: [], draftsList: [] } });
    expect(figures.map((each) => [each.id, each.value, each.verdict])).toEqual([
      ['cli-start.node', 0.1, 'info'],
      ['cli-start.help-ratio', 2, 'pass'],
      ['cli-start.drafts-list', 0.35, 'miss'],
      ['cli-start.drafts-list-ratio', 3.5, 'info'],
    ]);
  });
});
