/**
 * Chat Completions usage → TokenUsage and the provider's own cost. The OpenAI-compatible servers
 * agree on `prompt_tokens`/`completion_tokens` and disagree on everything else; each branch
 * below is a shape seen in a recorded response (fixtures/recorded/providers/).
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../model.js';

/** xAI reports cost in ticks of 1e-10 USD (a recorded grok-3-mini call: 1,176,500 = $0.00011765). */
const USD_PER_XAI_TICK = 1e-10;

/** The fields other servers add to OpenAI's usage object. */
interface CompatibleUsage extends CompletionUsage {
  /** DeepSeek: input tokens read from its context cache. */
  prompt_cache_hit_tokens?: number;
  /** The Hugging Face router: cached tokens at the top level. */
  cached_tokens?: number;
  /** OpenRouter: what it charged, in USD. */
  cost?: number;
  /** OpenRouter with your own upstream key: `cost` is its fee, the upstream bills the rest. */
  is_byok?: boolean;
  cost_details?: { upstream_inference_cost?: number | null } | null;
  /** xAI: what the call cost, in 1e-10 USD. */
  cost_in_usd_ticks?: number;
}

export function convertUsage(usage: CompletionUsage | null | undefined): TokenUsage {
  const raw = (usage ?? {}) as Partial<CompatibleUsage>;
  const input = count(raw.prompt_tokens);
  const completion = count(raw.completion_tokens);
  const reasoning = count(raw.completion_tokens_details?.reasoning_tokens);
  return {
    inputTokens: input,
    outputTokens: completion + (reasoningOutsideCompletion(raw, reasoning) ? reasoning : 0),
    cachedInputTokens: count(
      raw.prompt_tokens_details?.cached_tokens ?? raw.prompt_cache_hit_tokens ?? raw.cached_tokens,
    ),
    cacheWriteInputTokens: count(raw.prompt_tokens_details?.cache_write_tokens),
    reasoningTokens: reasoning,
  };
}

/**
 * OpenAI counts reasoning inside `completion_tokens`; xAI counts it beside them (a recorded
 * grok-3-mini answer: 12 prompt + 1 completion + 228 reasoning = 241 total), and bills it as
 * output. The total tells the two apart; without a total, OpenAI's convention is assumed.
 */
function reasoningOutsideCompletion(raw: Partial<CompatibleUsage>, reasoning: number): boolean {
  if (reasoning === 0 || typeof raw.total_tokens !== 'number') return false;
  const prompt = count(raw.prompt_tokens);
  const completion = count(raw.completion_tokens);
  return raw.total_tokens === prompt + completion + reasoning;
}

/** What the provider says the call cost, when it says so; `undefined` otherwise. */
export function providerCostUsd(usage: CompletionUsage | null | undefined): number | undefined {
  const raw = (usage ?? {}) as Partial<CompatibleUsage>;
  if (isCost(raw.cost)) {
    // With BYOK, OpenRouter's `cost` is only its fee; the upstream's bill is in cost_details.
    const upstream = raw.is_byok === true ? raw.cost_details?.upstream_inference_cost : undefined;
    return raw.cost + (isCost(upstream) ? upstream : 0);
  }
  if (isCost(raw.cost_in_usd_ticks)) return raw.cost_in_usd_ticks * USD_PER_XAI_TICK;
  return undefined;
}

const isCost = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
