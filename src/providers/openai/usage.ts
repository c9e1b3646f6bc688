/**
 * Chat Completions usage → TokenUsage. OpenAI already counts cached tokens inside
 * `prompt_tokens`, which is our convention; OpenRouter and Ollama send the same shape (or none).
 * @see https://platform.openai.com/docs/guides/prompt-caching
 */
import type { CompletionUsage } from 'openai/resources/completions';
import type { TokenUsage } from '../model.js';

export function convertUsage(usage: CompletionUsage | null | undefined): TokenUsage {
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    // Includes reasoning tokens, which are billed as output.
    outputTokens: usage?.completion_tokens ?? 0,
    cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
    cacheWriteInputTokens: usage?.prompt_tokens_details?.cache_write_tokens ?? 0,
    reasoningTokens: 0,
  };
}
