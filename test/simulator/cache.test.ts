/**
 * The simulator's cache model against the providers' documented rules (data/cache-minimums.json):
 * minimum lengths per model, Anthropic's breakpoints and 20-block lookback, OpenAI's 128-token
 * steps, routing by prompt_cache_key and overflow past ~15 requests a minute, Gemini's implicit
 * minimum, and "readable only once answered". Driven directly, with a clock the test moves.
 */
import { describe, expect, it } from 'vitest';
import { cacheRules } from '../../src/cache-minimums.js';
import { PromptCache } from '../../src/simulator/cache.js';
import type { ParsedRequest, PromptSegment } from '../../src/simulator/types.js';

/** `tokens` estimated tokens of text (4 characters each), different per `seed`. */
const text = (tokens: number, seed = 'a') => seed.repeat(tokens * 4 - 1);

const request = (model: string, segments: PromptSegment[], cacheKey?: string): ParsedRequest => ({
  model,
  promptText: segments.map((segment) => segment.text).join('\n'),
  segments,
  schema: undefined,
  ...(cacheKey === undefined ? {} : { cacheKey }),
});

function cache() {
  let now = 1_000_000;
  const prompt = new PromptCache({ now: () => now });
  return { prompt, advance: (ms: number) => (now += ms) };
}

describe('simulated cache: Anthropic breakpoints', () => {
  const everyTool = text(3000, 'r');
  const anthropic = (model: string, tool: string, marks: [boolean, boolean]) =>
    request(model, [
      { text: 'system' },
      { text: everyTool, ...(marks[0] ? { breakpoint: true } : {}) },
      { text: tool, ...(marks[1] ? { breakpoint: true } : {}) },
      { text: 'Persona: Skeptic' },
    ]);

  it('writes a prefix at a breakpoint that clears the model minimum and reads it on the next call', () => {
    const { prompt } = cache();
    const first = prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'tool one', [true, false]), '{}');
    expect(first.cachedTokens).toBe(0);
    expect(first.cacheWriteTokens).toBeGreaterThanOrEqual(3000);
    const second = prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'tool two', [true, false]), '{}');
    expect(second.cachedTokens).toBe(first.cacheWriteTokens);
    expect(second.cacheWriteTokens).toBe(0);
  });

  it('ignores a breakpoint below the minimum: Haiku 4.5 needs 4,096 tokens', () => {
    expect(cacheRules().providers.anthropic.models['claude-haiku-4-5*']).toBe(4096);
    const { prompt } = cache();
    const first = prompt.account('anthropic', anthropic('claude-haiku-4-5', 'tool one', [true, false]), '{}');
    const second = prompt.account('anthropic', anthropic('claude-haiku-4-5', 'tool two', [true, false]), '{}');
    expect([first.cacheWriteTokens, second.cachedTokens]).toEqual([0, 0]);
  });

  it('reads an earlier breakpoint within the lookback window, and no further back', () => {
    const { prompt } = cache();
    // Tool one marks only the every-tool part; tool two marks only its own part, two blocks later.
    const write = prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'tool one', [true, false]), '{}');
    const read = prompt.account('anthropic', anthropic('claude-sonnet-4-6', text(500, 't'), [false, true]), '{}');
    expect(read.cachedTokens).toBe(write.cacheWriteTokens);
    expect(read.cacheWriteTokens).toBe(read.promptTokens - 4 /* the persona block */ - read.cachedTokens);

    const rules = cacheRules();
    const narrow = new PromptCache({ rules: { ...rules, providers: { ...rules.providers, anthropic: { ...rules.providers.anthropic, lookbackBlocks: 1 } } } });
    narrow.account('anthropic', anthropic('claude-sonnet-4-6', 'tool one', [true, false]), '{}');
    const missed = narrow.account('anthropic', anthropic('claude-sonnet-4-6', text(500, 't'), [false, true]), '{}');
    expect(missed.cachedTokens).toBe(0);
  });

  it('makes a prefix readable only once its call is answered: parallel calls miss it', () => {
    const { prompt } = cache();
    const a = prompt.begin('anthropic', anthropic('claude-sonnet-4-6', 'tool one', [true, false]));
    const b = prompt.begin('anthropic', anthropic('claude-sonnet-4-6', 'tool two', [true, false]));
    prompt.finish(a, '{}');
    expect(prompt.finish(b, '{}')).toMatchObject({ cachedTokens: 0, cacheWriteTokens: a.usage.cacheWriteTokens });
    const c = prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'tool three', [true, false]), '{}');
    expect(c.cachedTokens).toBe(a.usage.cacheWriteTokens);
  });

  it('lets an entry expire after its 5-minute TTL without use', () => {
    const { prompt, advance } = cache();
    prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'one', [true, false]), '{}');
    advance(4 * 60_000);
    expect(prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'two', [true, false]), '{}').cachedTokens).toBeGreaterThan(0);
    // The read refreshed it; 5 minutes and a second of silence end it.
    advance(5 * 60_000 + 1000);
    expect(prompt.account('anthropic', anthropic('claude-sonnet-4-6', 'three', [true, false]), '{}').cachedTokens).toBe(0);
  });
});

describe('simulated cache: OpenAI automatic caching', () => {
  const shared = text(2000, 's');
  const openai = (tail: string, key?: string) => request('gpt-5.4-mini', [{ text: shared }, { text: tail }], key);

  it('caches prompts of 1,024 tokens or more, in 128-token steps', () => {
    const { prompt } = cache();
    prompt.account('openai', openai('one'), '{}');
    const hit = prompt.account('openai', openai('two'), '{}');
    expect(hit.cachedTokens % 128).toBe(0);
    expect(hit.cachedTokens).toBe(Math.floor(1999 / 128) * 128);
    const short = request('gpt-5.4-mini', [{ text: text(900, 'q') }, { text: 'x' }]);
    prompt.account('openai', short, '{}');
    expect(prompt.account('openai', short, '{}').cachedTokens).toBe(0);
  });

  it('routes by prompt_cache_key: a prefix written under one key is not read under another', () => {
    const { prompt } = cache();
    prompt.account('openai', openai('one', 'key-a'), '{}');
    expect(prompt.account('openai', openai('two', 'key-b'), '{}').cachedTokens).toBe(0);
    expect(prompt.account('openai', openai('three', 'key-a'), '{}').cachedTokens).toBeGreaterThan(0);
  });

  it('overflows past ~15 requests a minute on one key to a machine without the prefix', () => {
    const { prompt, advance } = cache();
    const overflow = cacheRules().providers.openai.overflowRequestsPerMinute;
    const cached = Array.from({ length: overflow + 1 }, (_, index) => prompt.account('openai', openai(`call ${index}`, 'k'), '{}').cachedTokens);
    expect(cached[0]).toBe(0);
    expect(cached.slice(1, overflow).every((tokens) => tokens > 0)).toBe(true);
    expect(cached[overflow]).toBe(0);
    // A minute later the first machine has room again, and still holds the prefix.
    advance(61_000);
    expect(prompt.account('openai', openai('later', 'k'), '{}').cachedTokens).toBeGreaterThan(0);
  });
});

describe('simulated cache: Gemini implicit caching', () => {
  it('needs 4,096 tokens on Gemini 3.5 Flash and 2,048 on 2.5 Flash', () => {
    const { prompt } = cache();
    const prefix = text(3000, 'g');
    const gemini = (model: string, tail: string) => request(model, [{ text: prefix }, { text: tail }]);
    prompt.account('gemini', gemini('gemini-3.5-flash', 'one'), '{}');
    expect(prompt.account('gemini', gemini('gemini-3.5-flash', 'two'), '{}').cachedTokens).toBe(0);
    prompt.account('gemini', gemini('gemini-2.5-flash', 'one'), '{}');
    expect(prompt.account('gemini', gemini('gemini-2.5-flash', 'two'), '{}').cachedTokens).toBe(3000);
  });
});
