/**
 * Token counts in one convention for every provider. A module of its own, importing nothing, so
 * `errors.ts` can carry a failed call's usage without an import cycle through the provider contract.
 */

export interface TokenUsage {
  /** All input tokens, cached and cache-write included (Anthropic's are summed to match). */
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the provider's prompt cache (a subset of `inputTokens`). */
  cachedInputTokens: number;
  /** Input tokens written to the cache (Anthropic bills them above the base rate). */
  cacheWriteInputTokens: number;
  /**
   * Output tokens spent on hidden reasoning or thinking: a subset of `outputTokens`. Adapters
   * fold in providers that report them outside the completion count (xAI, Gemini's
   * `thoughtsTokenCount`), so `outputTokens` is always what is billed at the output rate.
   */
  reasoningTokens: number;
}

export const emptyTokenUsage = (): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
  reasoningTokens: 0,
});

export function addTokenUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens,
    cacheWriteInputTokens: a.cacheWriteInputTokens + b.cacheWriteInputTokens,
    reasoningTokens: a.reasoningTokens + b.reasoningTokens,
  };
}
