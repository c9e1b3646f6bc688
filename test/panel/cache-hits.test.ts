/**
 * Caching that really hits, end to end: the default panel (two personas on OpenAI, one on
 * Anthropic, one on Gemini) through the real SDKs against the simulator, whose cache follows
 * the providers' documented rules. Checks the request bodies (where Anthropic's breakpoints
 * sit, which prompt_cache_key OpenAI gets) and what the providers report as read from cache.
 * Nothing here waits on the clock: the order of calls is fixed by awaiting each panel, by the
 * panel's own warming, or by holding the simulator's answers until every call has arrived.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tokensForChars } from '../../src/cache-minimums.js';
import { loadConfig, type Config } from '../../src/config.js';
import { runPanel, type PanelDeps } from '../../src/panel/index.js';
import { buildPersonaRequest, reviewCacheKey } from '../../src/panel/prompt.js';
import { chooseModels, createModel, type ChatModel } from '../../src/providers/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { PersonaReview, ToolProfile } from '../../src/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

let simulator: Simulator;
let config: Readonly<Config>;
let context: ReviewContext;

beforeAll(async () => {
  simulator = await startSimulator();
  config = loadConfig({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: simulator.baseUrls.openai,
    ANTHROPIC_API_KEY: 'sk-ant-test',
    ANTHROPIC_BASE_URL: simulator.baseUrls.anthropic,
    GEMINI_API_KEY: 'AIza-test',
    GOOGLE_GEMINI_BASE_URL: simulator.baseUrls.google,
  });
  context = await loadReviewContext();
});
afterAll(() => simulator.close());

const profileOf = (name: string, url: string): ToolProfile => ({
  name, tagline: `${name} does one thing`, description: `${name} is a developer tool that runs locally.`,
  category: 'Developer Tools', pricing: { entry: 'Open Source', detail: 'MIT' }, bestFor: 'developers',
  vendor: null, url, links: {}, facts: {},
});

/** Tools whose URLs fall in the same prompt_cache_key shard, so their calls meet on one key. */
function toolsInOneShard(count: number): ToolProfile[] {
  const key = reviewCacheKey(profileOf('t', 'https://tool-0.example/'));
  const found: ToolProfile[] = [];
  for (let index = 0; found.length < count; index += 1) {
    const profile = profileOf(`Tool ${index}`, `https://tool-${index}.example/`);
    if (reviewCacheKey(profile) === key) found.push(profile);
  }
  return found;
}

function panelFor(profile: ToolProfile, extra: Partial<PanelDeps> = {}) {
  const models = chooseModels({ personas: context.personas, config, defaults: context.modelDefaults, personaModels: {} }).models;
  const cache = new Map<string, ChatModel>();
  const deps: PanelDeps = {
    createModel: (spec) => cache.get(spec) ?? cache.set(spec, createModel(spec, config)).get(spec)!,
    prices: context.prices, retry: { maxRetries: 0, retryAfterCapMs: 10 }, timeoutMs: 10_000, concurrency: 4, threshold: 50,
    ...extra,
  };
  const input = { profile, pageExcerpt: `${profile.name} reads your repository and exports JSON. `.repeat(30), personas: context.personas, models, template: context.templates.review };
  return { models, run: () => runPanel(input, deps), input };
}

const byPersona = (reviews: PersonaReview[]) => new Map(reviews.map((review) => [review.persona, review]));
const callsSince = (from: number) => simulator.calls.slice(from);

describe('cache breakpoints and keys on the wire', () => {
  it("puts Anthropic's breakpoint at the end of the every-tool part, and one prompt_cache_key on both OpenAI calls", async () => {
    const [tool] = toolsInOneShard(1);
    const from = simulator.calls.length;
    const result = await panelFor(tool!).run();
    expect(result.failures).toEqual([]);

    const calls = callsSince(from);
    const anthropic = calls.find((call) => call.provider === 'anthropic')?.body as {
      system: Array<Record<string, unknown>>;
      messages: Array<{ content: Array<{ text: string; cache_control?: unknown }> }>;
    };
    const blocks = anthropic.messages[0]!.content;
    expect(blocks.map((block) => block.cache_control ?? null)).toEqual([{ type: 'ephemeral' }, null, null]);
    // The marked block is what every tool shares: the roster and the scoring rule, no tool in it.
    expect(blocks[0]!.text).toContain('The whole roster');
    expect(blocks[0]!.text).not.toContain(tool!.name);
    expect(blocks[1]!.text).toContain(`Tool: ${tool!.name}`);
    expect(blocks[2]!.text).toMatch(/^Persona: Skeptic$/m);
    expect(anthropic.system[0]).not.toHaveProperty('cache_control');

    const keys = calls.filter((call) => call.provider === 'openai').map((call) => (call.body as { prompt_cache_key?: string }).prompt_cache_key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys)).toEqual(new Set([reviewCacheKey(tool!)]));
  });

  it("marks the tool part too when two personas on Anthropic will read it", async () => {
    const [tool] = toolsInOneShard(1);
    const { input } = panelFor(tool!);
    const skeptic = context.personas.find((persona) => persona.id === 'skeptic')!;
    const shared = buildPersonaRequest({ ...input, panel: input.personas, persona: skeptic, threshold: 50, toolPrefixReaders: 2 });
    expect(shared.messages[0]!.parts.map((part) => part.cacheBreakpoint === true)).toEqual([true, true, false]);
  });
});

describe('what the providers report as read from cache', () => {
  it("reads the every-tool prefix on a second tool's calls, where the minimums allow it", async () => {
    const [first, second] = toolsInOneShard(2);
    const from = simulator.calls.length;
    const one = byPersona((await panelFor(first!).run()).reviews);
    const two = byPersona((await panelFor(second!).run()).reviews);
    // Both tools' OpenAI calls went out on one key, so they meet on one machine's cache.
    const keys = callsSince(from).filter((call) => call.provider === 'openai').map((call) => (call.body as { prompt_cache_key?: string }).prompt_cache_key);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);

    const request = buildPersonaRequest({ ...panelFor(second!).input, panel: context.personas, persona: context.personas[0]!, threshold: 50 });
    const everyToolTokens = tokensForChars(request.system.length + 1 + request.messages[0]!.parts[0]!.text.length);

    // Anthropic: the first tool wrote (or, after the test above, read) exactly the every-tool
    // prefix, never its own part; the second reads exactly that prefix.
    const firstSkeptic = one.get('skeptic')!.usage;
    expect((firstSkeptic.cacheWriteInputTokens ?? 0) + firstSkeptic.cachedInputTokens).toBe(everyToolTokens);
    expect(two.get('skeptic')!.usage.cachedInputTokens).toBe(everyToolTokens);
    expect(two.get('skeptic')!.usage.cacheWriteInputTokens).toBe(0);
    // OpenAI: automatic, in 128-token steps, on the key the two tools share.
    for (const persona of ['builder', 'creator']) {
      expect(two.get(persona)!.usage.cachedInputTokens).toBeGreaterThanOrEqual(Math.floor(everyToolTokens / 128) * 128);
    }
    // Gemini 3.5 Flash caches nothing under 4,096 tokens: the every-tool part (~3,100) is below it.
    expect(everyToolTokens).toBeLessThan(4096);
    expect(two.get('futurist')!.usage.cachedInputTokens).toBe(0);
  });

  it("with warmPrefix, the second OpenAI persona reads the tool's whole prefix; in parallel it cannot", async () => {
    const [, , warmTool, parallelTool] = toolsInOneShard(4);
    const warm = byPersona((await panelFor(warmTool!, { warmPrefix: true }).run()).reviews);
    // Whichever of the two answered first, the other one read its prefix: profile and excerpt too.
    const [lower, higher] = [warm.get('builder')!, warm.get('creator')!].map((review) => review.usage.cachedInputTokens).sort((a, b) => a - b);
    expect(higher! - lower!).toBeGreaterThan(100);

    simulator.hold();
    const parallel = panelFor(parallelTool!).run();
    await vi.waitFor(() => expect(simulator.held()).toBe(4));
    simulator.release();
    const apart = byPersona((await parallel).reviews);
    expect(apart.get('builder')!.usage.cachedInputTokens).toBe(apart.get('creator')!.usage.cachedInputTokens);
  });
});
