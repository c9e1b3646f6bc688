/**
 * usageMetadata → TokenUsage. `promptTokenCount` already includes `cachedContentTokenCount`.
 * Thinking tokens are billed as output, so they are added to the candidates' tokens.
 * @see https://ai.google.dev/gemini-api/docs/caching
 */
import type { GenerateContentResponseUsageMetadata } from '@google/genai';
import type { TokenUsage } from '../model.js';

export function convertUsage(usage: GenerateContentResponseUsageMetadata | undefined): TokenUsage {
  return {
    inputTokens: usage?.promptTokenCount ?? 0,
    outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    cachedInputTokens: usage?.cachedContentTokenCount ?? 0,
    // Implicit caching has no write charge.
    cacheWriteInputTokens: 0,
    reasoningTokens: 0,
  };
}
