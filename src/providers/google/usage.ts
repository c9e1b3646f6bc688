/**
 * usageMetadata → TokenUsage, as billed. `promptTokenCount` already includes
 * `cachedContentTokenCount`; tool-use prompt tokens (grounding, code execution) are counted
 * outside it and are input too (`totalTokenCount` = prompt + tool-use prompt + candidates +
 * thoughts). Thoughts are billed at the output rate, so they are output, and reported as the
 * reasoning share of it.
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 * @see https://ai.google.dev/gemini-api/docs/caching
 */
import type { GenerateContentResponseUsageMetadata } from '@google/genai';
import type { TokenUsage } from '../model.js';

export function convertUsage(usage: GenerateContentResponseUsageMetadata | undefined): TokenUsage {
  const thoughts = usage?.thoughtsTokenCount ?? 0;
  return {
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage?.candidatesTokenCount ?? 0) + thoughts,
    cachedInputTokens: usage?.cachedContentTokenCount ?? 0,
    // Implicit caching has no write charge.
    cacheWriteInputTokens: 0,
    reasoningTokens: thoughts,
  };
}
