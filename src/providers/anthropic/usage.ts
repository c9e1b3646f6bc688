/**
 * Messages usage → TokenUsage. Anthropic's `input_tokens` excludes cache reads and writes
 * ("total input = input_tokens + cache_creation_input_tokens + cache_read_input_tokens"), so
 * they are summed to match the other providers, where cached tokens are a subset of the input.
 * @see https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance
 */
import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import type { TokenUsage } from '../model.js';

export function convertUsage(usage: Usage | null | undefined): TokenUsage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  const cacheWrite = usage?.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheWrite,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    reasoningTokens: 0,
  };
}
