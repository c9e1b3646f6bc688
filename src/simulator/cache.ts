/**
 * Token accounting and a simulated prompt cache, per provider and model. Tokens are estimated as
 * ceil(chars / 4): close enough for cost and cache-share figures, and identical across runs.
 * OpenAI and Gemini cache implicitly (longest prefix shared with an earlier request); Anthropic
 * caches only what ends at a `cache_control` breakpoint, as the real API does.
 */
import { createHash } from 'node:crypto';
import type { ParsedRequest, SimulatedProvider, SimulatedUsage } from './types.js';

/** The smallest cacheable prefix; the real minimums vary by model (1024–4096), 1024 is common. */
export const MIN_CACHED_TOKENS = 1024;
/** OpenAI reports hits in 128-token steps. */
const OPENAI_CACHE_STEP = 128;
/** Bounded like a real cache, so a 10,000-tool batch does not grow the simulator without end. */
const PROMPTS_PER_MODEL = 16;
const PREFIXES_PER_MODEL = 256;
const CHUNK = 1024;

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

export class PromptCache {
  private readonly prompts = new Map<string, string[]>();
  private readonly prefixes = new Map<string, Set<string>>();

  /** Usage of one answered request; also records the prompt for later requests to hit. */
  account(provider: SimulatedProvider, request: ParsedRequest, outputText: string): SimulatedUsage {
    const fullText = request.segments.map((segment) => segment.text).join('\n');
    const usage: SimulatedUsage = {
      promptTokens: estimateTokens(fullText),
      cachedTokens: 0,
      cacheWriteTokens: 0,
      cacheWriteTtl: '5m',
      outputTokens: Math.max(1, estimateTokens(outputText)),
    };
    const key = `${provider}:${request.model}`;
    if (provider === 'anthropic') this.accountBreakpoints(key, request, usage);
    else this.accountImplicit(key, fullText, usage, provider === 'openai' ? OPENAI_CACHE_STEP : 1);
    return usage;
  }

  private accountImplicit(key: string, text: string, usage: SimulatedUsage, step: number): void {
    const earlier = this.prompts.get(key) ?? [];
    let longest = 0;
    for (const prompt of earlier) longest = Math.max(longest, commonPrefixLength(prompt, text));
    const shared = Math.min(Math.floor(longest / 4), usage.promptTokens);
    if (shared >= MIN_CACHED_TOKENS) usage.cachedTokens = Math.floor(shared / step) * step;
    earlier.push(text);
    if (earlier.length > PROMPTS_PER_MODEL) earlier.shift();
    this.prompts.set(key, earlier);
  }

  private accountBreakpoints(key: string, request: ParsedRequest, usage: SimulatedUsage): void {
    const written = this.prefixes.get(key) ?? new Set<string>();
    this.prefixes.set(key, written);
    const eligible: { digest: string; tokens: number; ttl: '5m' | '1h' }[] = [];
    let prefix = '';
    for (const [index, segment] of request.segments.entries()) {
      prefix = index === 0 ? segment.text : `${prefix}\n${segment.text}`;
      const tokens = estimateTokens(prefix);
      // Below the minimum a breakpoint is silently ignored, as the real API does.
      if (!segment.breakpoint || tokens < MIN_CACHED_TOKENS) continue;
      eligible.push({ digest: createHash('sha256').update(prefix).digest('hex'), tokens, ttl: segment.ttl ?? '5m' });
    }
    const last = eligible.at(-1);
    if (last === undefined) return;
    usage.cachedTokens = Math.max(0, ...eligible.filter((entry) => written.has(entry.digest)).map((entry) => entry.tokens));
    if (!written.has(last.digest)) {
      usage.cacheWriteTokens = last.tokens - usage.cachedTokens;
      usage.cacheWriteTtl = last.ttl;
    }
    for (const entry of eligible) {
      // Delete first so a hit or rewrite counts as recent use for eviction.
      written.delete(entry.digest);
      written.add(entry.digest);
    }
    while (written.size > PREFIXES_PER_MODEL) {
      const oldest = written.values().next().value;
      if (oldest === undefined) break;
      written.delete(oldest);
    }
  }
}

/** Chunked so long shared prefixes compare natively rather than one character at a time. */
export function commonPrefixLength(left: string, right: string): number {
  const limit = Math.min(left.length, right.length);
  let index = 0;
  while (index + CHUNK <= limit && left.slice(index, index + CHUNK) === right.slice(index, index + CHUNK)) {
    index += CHUNK;
  }
  while (index < limit && left.charCodeAt(index) === right.charCodeAt(index)) index += 1;
  return index;
}
