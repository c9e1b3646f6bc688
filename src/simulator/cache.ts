/**
 * Token accounting and a simulated prompt cache that follows each provider's documented rules
 * (`data/cache-minimums.json`, shared with the adapters). Tokens are estimated as
 * ceil(chars / 4): close enough for cost and cache-share figures, and identical across runs.
 *
 * A request is looked up when it arrives (`begin`) and its prefix becomes readable only when
 * its answer is sent (`finish`), as on the real APIs, where an entry is available once the
 * first response begins: calls sent in parallel on a cold cache miss each other's prefix.
 * - Anthropic: only prefixes ending at a `cache_control` breakpoint are written, and only when
 *   they clear the model's minimum; a breakpoint reads the longest written prefix ending at
 *   its own block or at one of the `lookbackBlocks` blocks before it. Writes are billed.
 * - OpenAI: automatic for prompts of ≥ 1024 tokens, hits in 128-token steps; requests are
 *   routed by the first ~256 tokens plus `prompt_cache_key`, and more than ~15 a minute on one
 *   route overflow to further machines, each with its own cache.
 * - Gemini: implicit, the longest prefix shared with an earlier answered request, when both
 *   the request and that prefix reach the model's minimum.
 * Every store is bounded like a real cache, so a 10,000-tool batch does not grow the simulator.
 */
import { createHash } from 'node:crypto';
import { cacheRules, minCacheableTokens, tokensForChars, type CacheRules } from '../cache-minimums.js';
import type { ParsedRequest, SimulatedProvider, SimulatedUsage } from './types.js';

export { estimateTokens } from '../cache-minimums.js';

const PROMPTS_PER_MACHINE = 16;
const PREFIXES_PER_MODEL = 256;
const ROUTES = 512;
const MACHINES_PER_ROUTE = 64;
const CHUNK = 1024;
const MINUTE_MS = 60_000;
/** OpenAI: "cached prefixes generally remain active for 5 to 10 minutes of inactivity". */
const OPENAI_IDLE_MS = 5 * MINUTE_MS;
const TTL_MS = { '5m': 5 * MINUTE_MS, '1h': 60 * MINUTE_MS } as const;

/** A request looked up on arrival; `finish` bills it and makes its prefix readable. */
export interface CacheTicket {
  usage: Omit<SimulatedUsage, 'outputTokens'>;
  commit: () => void;
}

interface Machine {
  arrivals: number[];
  prompts: { text: string; at: number }[];
}

export interface PromptCacheOptions {
  now?: () => number;
  rules?: CacheRules;
}

export class PromptCache {
  private readonly now: () => number;
  private readonly rules: CacheRules;
  /** Anthropic: per model, prefix digest → expiry time (insertion order = recency). */
  private readonly written = new Map<string, Map<string, number>>();
  /** OpenAI: per route (model + routing prefix + key), its machines. */
  private readonly routes = new Map<string, Machine[]>();
  /** Gemini: per model, one implicit cache. */
  private readonly implicit = new Map<string, Machine>();

  constructor(options: PromptCacheOptions = {}) {
    this.now = options.now ?? Date.now;
    this.rules = options.rules ?? cacheRules();
  }

  /** Looks a request up as it arrives; nothing is written until `finish`. */
  begin(provider: SimulatedProvider, request: ParsedRequest): CacheTicket {
    const fullText = request.segments.map((segment) => segment.text).join('\n');
    const usage = { promptTokens: tokensForChars(fullText.length), cachedTokens: 0, cacheWriteTokens: 0, cacheWriteTtl: '5m' as const };
    if (provider === 'anthropic') return this.beginBreakpoints(request, usage);
    if (provider === 'openai') return this.beginImplicit(this.openaiMachine(request, fullText), fullText, usage, 'openai', request.model);
    const machine = this.implicit.get(request.model) ?? { arrivals: [], prompts: [] };
    this.implicit.set(request.model, machine);
    return this.beginImplicit(machine, fullText, usage, 'google', request.model);
  }

  /** Usage of the answered request; its prefix is readable from now on. */
  finish(ticket: CacheTicket, outputText: string): SimulatedUsage {
    ticket.commit();
    return { ...ticket.usage, outputTokens: Math.max(1, tokensForChars(outputText.length)) };
  }

  /** Both at once: a request answered the moment it arrives. */
  account(provider: SimulatedProvider, request: ParsedRequest, outputText: string): SimulatedUsage {
    return this.finish(this.begin(provider, request), outputText);
  }

  private openaiMachine(request: ParsedRequest, fullText: string): Machine {
    const rules = this.rules.providers.openai;
    const routing = createHash('sha256').update(fullText.slice(0, rules.routingPrefixTokens * 4)).digest('hex');
    const key = `${request.model}\0${routing}\0${request.cacheKey ?? ''}`;
    const machines = this.routes.get(key) ?? [];
    this.routes.delete(key);
    this.routes.set(key, machines);
    if (this.routes.size > ROUTES) this.routes.delete(this.routes.keys().next().value ?? key);
    const now = this.now();
    for (const machine of machines) {
      while (machine.arrivals.length > 0 && (machine.arrivals[0] ?? 0) <= now - MINUTE_MS) machine.arrivals.shift();
    }
    // The first machine with room takes it; past the rate, requests overflow to the next one.
    let machine = machines.find((candidate) => candidate.arrivals.length < rules.overflowRequestsPerMinute);
    if (machine === undefined) {
      machine = machines.length < MACHINES_PER_ROUTE ? { arrivals: [], prompts: [] } : (machines.at(-1) as Machine);
      if (!machines.includes(machine)) machines.push(machine);
    }
    machine.arrivals.push(now);
    return machine;
  }

  private beginImplicit(
    machine: Machine,
    text: string,
    usage: CacheTicket['usage'],
    provider: 'openai' | 'google',
    model: string,
  ): CacheTicket {
    const minimum = minCacheableTokens(provider, model, this.rules);
    const step = provider === 'openai' ? this.rules.providers.openai.stepTokens : 1;
    const now = this.now();
    machine.prompts = machine.prompts.filter((prompt) => provider !== 'openai' || prompt.at > now - OPENAI_IDLE_MS);
    let longest = 0;
    for (const prompt of machine.prompts) longest = Math.max(longest, commonPrefixLength(prompt.text, text));
    const shared = Math.min(Math.floor(longest / 4), usage.promptTokens);
    if (usage.promptTokens >= minimum && shared >= minimum) usage.cachedTokens = Math.floor(shared / step) * step;
    return {
      usage,
      commit: () => {
        if (usage.promptTokens < minimum) return;
        machine.prompts.push({ text, at: this.now() });
        if (machine.prompts.length > PROMPTS_PER_MACHINE) machine.prompts.shift();
      },
    };
  }

  private beginBreakpoints(request: ParsedRequest, usage: CacheTicket['usage']): CacheTicket {
    const rules = this.rules.providers.anthropic;
    const minimum = minCacheableTokens('anthropic', request.model, this.rules);
    const written = this.written.get(request.model) ?? new Map<string, number>();
    this.written.set(request.model, written);
    const now = this.now();
    // The prefix ending at each block: its digest and estimated tokens.
    const hash = createHash('sha256');
    let chars = 0;
    const blocks = request.segments.map((segment, index) => {
      const text = index === 0 ? segment.text : `\n${segment.text}`;
      hash.update(text);
      chars += text.length;
      return { digest: hash.copy().digest('hex'), tokens: tokensForChars(chars), segment };
    });
    const isLive = (digest: string) => (written.get(digest) ?? 0) > now;
    // Below the minimum a breakpoint is silently ignored, as the real API does.
    const breakpoints = blocks.flatMap((block, index) => (block.segment.breakpoint && block.tokens >= minimum ? [index] : []));
    const last = breakpoints.at(-1);
    if (last === undefined) return { usage, commit: () => undefined };
    let cached = 0;
    for (const at of breakpoints) {
      for (let index = at; index >= 0 && index > at - rules.lookbackBlocks; index -= 1) {
        const block = blocks[index];
        if (block !== undefined && isLive(block.digest)) {
          cached = Math.max(cached, block.tokens);
          break;
        }
      }
    }
    usage.cachedTokens = cached;
    const lastBlock = blocks[last];
    if (lastBlock !== undefined && lastBlock.tokens > cached) {
      usage.cacheWriteTokens = lastBlock.tokens - cached;
      usage.cacheWriteTtl = lastBlock.segment.ttl ?? '5m';
    }
    const touched = blocks.filter((block, index) => breakpoints.includes(index) || (block.tokens === cached && cached > 0));
    return {
      usage,
      commit: () => {
        const at = this.now();
        for (const block of touched) {
          // Delete first so a hit or a rewrite counts as recent use for eviction; a read refreshes the TTL.
          written.delete(block.digest);
          written.set(block.digest, at + TTL_MS[block.segment.ttl ?? '5m']);
        }
        while (written.size > PREFIXES_PER_MODEL) {
          const oldest = written.keys().next().value;
          if (oldest === undefined) break;
          written.delete(oldest);
        }
      },
    };
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
