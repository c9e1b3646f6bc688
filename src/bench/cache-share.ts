/**
 * Actually-cached input share: what the providers (here the simulator, whose cache follows
 * each provider's documented rules from data/cache-minimums.json) report as read from cache,
 * over a 100-tool batch run as `npm run batch` runs it, from a cold cache, paced at ~50 tools a
 * minute (`BATCH_PACE`). The layout figure
 * ("cache-eligible") says what could be cached; this one what was.
 *
 * Counted from the drafts the batch saved (the usage each provider reported, per call):
 * cached = `cachedInputTokens`, input = `inputTokens` (cache reads and writes included), per
 * provider over the persona calls, overall over the persona calls (the target), and over every
 * call including the profile calls (whose page text is unique to each tool). USD per review is
 * the drafts' `costUsd` ÷ tools.
 *
 * Warming (an option of the panel, off by default) is measured apart, on panels alone: the
 * same generated tools, one panel at a time, each variant against a fresh simulator; its
 * cached share and its wall time ÷ the slowest persona call as the engine measured it.
 */
import path from 'node:path';
import { chooseModels, createModel, type ChatModel } from '../providers/index.js';
import { loadReviewContext } from '../review/index.js';
import { runPanel } from '../panel/index.js';
import { openStore } from '../store/index.js';
import type { PersonaReview, Review, ToolProfile } from '../schemas.js';
import { runBenchBatch } from './batch-run.js';
import { figure, type Figure } from './figures.js';
import { toolUrls } from './pages.js';
import { startSimulatorProcess } from './sim-process.js';
import { benchConfig, scratchDir } from './setup.js';
import { percentile, round, sum } from './stats.js';

const TARGET = 0.75;
/**
 * The batch is paced like a real one at the default limits, where Anthropic's 50 requests a
 * minute bound it at ~50 tools/min (data/rate-limits.json): OpenAI's cache routing depends on
 * the rate per key, so an unpaced simulated batch (hundreds of tools a minute) would measure
 * overflow no real batch at these limits sees. 100 tools take about two minutes.
 */
const BATCH_PACE = { openai: 150, anthropic: 50, google: 50 };
const BENCHMARK = 'prompt efficiency';
/** Per-provider latencies of a realistic panel: Anthropic the slowest, Gemini the fastest. */
export const CACHE_LATENCIES = { openai: 420, anthropic: 610, gemini: 350 } as const;

export interface TokenTally {
  input: number;
  cached: number;
  written: number;
}

export interface CacheShares {
  tools: number;
  byProvider: Record<string, TokenTally & { share: number }>;
  personas: TokenTally & { share: number };
  allCalls: TokenTally & { share: number };
  usdPerReview: number;
}

const tally = (items: readonly { inputTokens: number; cachedInputTokens: number; cacheWriteInputTokens?: number | undefined }[]): TokenTally => ({
  input: sum(items.map((item) => item.inputTokens)),
  cached: sum(items.map((item) => item.cachedInputTokens)),
  written: sum(items.map((item) => item.cacheWriteInputTokens ?? 0)),
});
const withShare = (counts: TokenTally) => ({ ...counts, share: counts.input === 0 ? 0 : round(counts.cached / counts.input, 4) });

/** Pure arithmetic over saved reviews (tested in test/bench). Failed calls count with what they billed. */
export function cacheShares(reviews: readonly Review[]): CacheShares {
  const calls = reviews.flatMap((review) => [
    ...review.reviews.map((persona) => ({ model: persona.model, usage: persona.usage })),
    ...review.failures.flatMap((failure) => (failure.usage ? [{ model: failure.model ?? 'unknown', usage: failure.usage }] : [])),
  ]);
  const providers = [...new Set(calls.map((call) => call.model.split(':')[0] ?? 'unknown'))].sort();
  const byProvider = Object.fromEntries(
    providers.map((provider) => [provider, withShare(tally(calls.filter((call) => call.model.startsWith(`${provider}:`)).map((call) => call.usage)))]),
  );
  const profiles = reviews.flatMap((review) => (review.profileUsage ? [review.profileUsage] : []));
  return {
    tools: reviews.length,
    byProvider,
    personas: withShare(tally(calls.map((call) => call.usage))),
    allCalls: withShare(tally([...calls.map((call) => call.usage), ...profiles])),
    usdPerReview: reviews.length === 0 ? 0 : round(sum(reviews.map((review) => review.usage.costUsd)) / reviews.length, 6),
  };
}

export function cacheShareFigures(shares: CacheShares, warming?: WarmingComparison): Figure[] {
  const note = `${shares.tools} tools, cold start; ${Object.entries(shares.byProvider).map(([name, value]) => `${name} ${value.share}`).join(', ')}`;
  const figures = [
    figure({ id: 'prompt-efficiency.actually-cached', benchmark: BENCHMARK, label: `actually-cached share of persona input, ${shares.tools}-tool batch`, value: shares.personas.share, unit: '', target: { op: '>=', value: TARGET }, note }),
    ...Object.entries(shares.byProvider).map(([provider, value]) =>
      figure({ id: `prompt-efficiency.actually-cached.${provider}`, benchmark: BENCHMARK, label: `actually-cached share, ${provider} persona calls`, value: value.share, unit: '', note: `${value.cached} of ${value.input} input tokens; ${value.written} written` }),
    ),
    figure({ id: 'prompt-efficiency.actually-cached.all-calls', benchmark: BENCHMARK, label: 'actually-cached share, every call (profile included)', value: shares.allCalls.share, unit: '' }),
    // Per 1,000 reviews: a cent a review would print as "0.01 USD".
    figure({ id: 'prompt-efficiency.usd-per-1000-reviews', benchmark: BENCHMARK, label: `USD per 1,000 reviews, ${shares.tools}-tool batch`, value: round(shares.usdPerReview * 1000, 3), unit: 'USD' }),
  ];
  if (warming === undefined) return figures;
  const variant = (name: 'parallel' | 'warmed') => warming[name];
  for (const name of ['parallel', 'warmed'] as const) {
    figures.push(
      figure({ id: `prompt-efficiency.panels.${name}.cached`, benchmark: BENCHMARK, label: `actually-cached share, ${warming.panels} panels, ${name}`, value: variant(name).share, unit: '' }),
      figure({ id: `prompt-efficiency.panels.${name}.wall-p90`, benchmark: BENCHMARK, label: `panel wall ÷ slowest call, p90, ${name}`, value: variant(name).p90Ratio, unit: '×' }),
    );
  }
  return figures;
}

/** A generated tool's profile, written without a model: the panels are what is measured. */
function benchProfile(index: number, pagesUrl: string): ToolProfile {
  return {
    name: `Benchtool ${index}`,
    tagline: `A local developer tool, number ${index}`,
    description: `Benchtool ${index} runs locally, reads your repository and exports JSON for other tools.`,
    category: 'Developer Tools',
    pricing: { entry: 'Open Source', detail: 'MIT license' },
    bestFor: 'Developers who work offline',
    vendor: null,
    url: `${pagesUrl}/tools/${index}`,
    links: {},
    facts: {},
  };
}

export interface WarmingVariant {
  share: number;
  p90Ratio: number;
  medianRatio: number;
}
export interface WarmingComparison {
  panels: number;
  parallel: WarmingVariant;
  warmed: WarmingVariant;
}

async function panelsVariant(panels: number, warmPrefix: boolean): Promise<WarmingVariant> {
  const simulator = await startSimulatorProcess({ latencyByProvider: CACHE_LATENCIES, pages: true });
  try {
    const config = benchConfig(simulator.baseUrls);
    const context = await loadReviewContext();
    const choice = chooseModels({ personas: context.personas, config, defaults: context.modelDefaults, personaModels: {} });
    const models = new Map<string, ChatModel>();
    const make = (spec: string) => models.get(spec) ?? models.set(spec, createModel(spec, config)).get(spec)!;
    const reviews: PersonaReview[] = [];
    const ratios: number[] = [];
    for (let index = 1; index <= panels; index += 1) {
      const started = performance.now();
      const result = await runPanel(
        { profile: benchProfile(index, simulator.pagesUrl ?? 'http://127.0.0.1'), pageExcerpt: `Benchtool ${index} is a developer tool. `.repeat(40), personas: context.personas, models: choice.models, template: context.templates.review },
        { createModel: make, prices: context.prices, retry: { maxRetries: 2, retryAfterCapMs: 1000 }, timeoutMs: 30_000, concurrency: 4, threshold: config.shipThreshold, warmPrefix },
      );
      const wall = performance.now() - started;
      if (result.failures.length > 0) throw new Error(`cache share: panel ${index} had failures: ${result.failures[0]?.error}`);
      reviews.push(...result.reviews);
      ratios.push(wall / Math.max(...result.reviews.map((review) => review.latencyMs)));
    }
    const counts = tally(reviews.map((review) => review.usage));
    return { share: withShare(counts).share, p90Ratio: round(percentile(ratios, 90), 4), medianRatio: round(percentile(ratios, 50), 4) };
  } finally {
    await simulator.close();
  }
}

export async function benchCacheShare(options: { tools: number; panels: number; log: (line: string) => void }): Promise<{ figures: Figure[]; details: { batch: CacheShares; warming: WarmingComparison } }> {
  const simulator = await startSimulatorProcess({ latencyByProvider: CACHE_LATENCIES, pages: true });
  const scratch = scratchDir('cache');
  let reviews: Review[];
  try {
    const targets = toolUrls(simulator.pagesUrl ?? '', options.tools);
    const { integrity } = await runBenchBatch({
      baseUrls: simulator.baseUrls,
      targets,
      dir: scratch.dir,
      requestsPerMinute: 100_000,
      providerRequestsPerMinute: BATCH_PACE,
      concurrency: 4,
    });
    if (integrity.lost + integrity.duplicated > 0) throw new Error(`cache share: ${integrity.lost} tools lost, ${integrity.duplicated} reviewed twice`);
    const store = openStore(path.join(scratch.dir, 'panel.db'));
    try {
      reviews = store.db.prepare('SELECT review_json FROM reviews').all().map((row) => JSON.parse((row as { review_json: string }).review_json) as Review);
    } finally {
      store.close();
    }
  } finally {
    await simulator.close();
    scratch.remove();
  }
  const batch = cacheShares(reviews);
  options.log(`cache share: ${batch.tools} tools, persona calls ${batch.personas.share}, all calls ${batch.allCalls.share}, $${batch.usdPerReview}/review`);
  const warming: WarmingComparison = {
    panels: options.panels,
    parallel: await panelsVariant(options.panels, false),
    warmed: await panelsVariant(options.panels, true),
  };
  options.log(`cache share: ${options.panels} panels parallel ${warming.parallel.share} (p90 ${warming.parallel.p90Ratio}×), warmed ${warming.warmed.share} (p90 ${warming.warmed.p90Ratio}×)`);
  return { figures: cacheShareFigures(batch, warming), details: { batch, warming } };
}
