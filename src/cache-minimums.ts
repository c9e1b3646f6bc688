/**
 * The providers' prompt-cache rules, kept as data (`data/cache-minimums.json`, each value with
 * its source): the shortest cacheable prefix per model, Anthropic's breakpoint limits, OpenAI's
 * 128-token steps, routing prefix, overflow rate and key shards. The adapters read it to decide
 * which breakpoints are worth placing and which `prompt_cache_key` to send; the simulator reads
 * the same file, so what the bench measures follows the rules the adapters plan for. Read once
 * per process, synchronously: it is small, and an adapter building a request must not wait.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from './errors.js';
import { safeJsonParse } from './json-file.js';
import { PROJECT_ROOT } from './paths.js';

export const CACHE_MINIMUMS_FILE = path.join(PROJECT_ROOT, 'data', 'cache-minimums.json');

const Tokens = z.number().int().min(0);
const ModelTable = z.record(z.string(), Tokens);
const Common = { default: Tokens, models: ModelTable, notes: z.record(z.string(), z.string()).optional(), sources: z.array(z.string()).min(1) };

const CacheRulesFile = z.object({
  about: z.string().optional(),
  updated: z.string().optional(),
  providers: z.object({
    anthropic: z.object({ mode: z.literal('breakpoints'), maxBreakpoints: z.number().int().min(1), lookbackBlocks: z.number().int().min(1), ...Common }),
    openai: z.object({
      mode: z.literal('automatic'),
      stepTokens: z.number().int().min(1),
      routingPrefixTokens: z.number().int().min(1),
      overflowRequestsPerMinute: z.number().int().min(1),
      keyShards: z.number().int().min(1),
      ...Common,
    }),
    google: z.object({ mode: z.literal('implicit'), ...Common }),
  }),
});
export type CacheRules = z.infer<typeof CacheRulesFile>;
export type CachingProvider = keyof CacheRules['providers'];

let loaded: CacheRules | undefined;

/** The rules from `data/cache-minimums.json`; a broken file is a usage error naming it. */
export function cacheRules(): CacheRules {
  if (loaded) return loaded;
  let text: string;
  try {
    text = fs.readFileSync(CACHE_MINIMUMS_FILE, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${CACHE_MINIMUMS_FILE}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const json = safeJsonParse(text);
  if (!json.ok) throw new UsageError(`${CACHE_MINIMUMS_FILE} is not valid JSON: ${json.error}`);
  const parsed = CacheRulesFile.safeParse(json.value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${CACHE_MINIMUMS_FILE}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  loaded = parsed.data;
  return loaded;
}

/** An exact id wins; otherwise the longest `prefix*` key that matches; otherwise the default. */
export function lookupModel(table: Record<string, number>, fallback: number, modelId: string): number {
  const exact = table[modelId];
  if (exact !== undefined) return exact;
  let best: { length: number; value: number } | undefined;
  for (const [key, value] of Object.entries(table)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (modelId.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = { length: prefix.length, value };
  }
  return best?.value ?? fallback;
}

/** The shortest prefix `provider` caches for `modelId`, in estimated tokens. */
export function minCacheableTokens(provider: CachingProvider, modelId: string, rules: CacheRules = cacheRules()): number {
  const entry = rules.providers[provider];
  // OpenRouter-style ids carry a vendor prefix (`anthropic/claude-…`); the model is the last part.
  const bare = modelId.slice(modelId.lastIndexOf('/') + 1);
  return lookupModel(entry.models, entry.default, bare);
}

/**
 * Our token estimate, ceil(characters / 4): the simulator counts the same way, and a real
 * tokenizer is not worth loading to decide whether a breakpoint clears a minimum.
 */
export const tokensForChars = (chars: number): number => Math.ceil(chars / 4);
export const estimateTokens = (text: string): number => tokensForChars(text.length);
