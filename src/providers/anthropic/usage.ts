/**
 * Messages usage → TokenUsage. Anthropic's `input_tokens` excludes cache reads and writes
 * ("total input = input_tokens + cache_creation_input_tokens + cache_read_input_tokens"), so
 * they are summed to match the other providers, where cached tokens are a subset of the input.
 * Cache writes (5-minute and 1-hour) are kept apart because they bill above the base rate;
 * `output_tokens` already includes thinking, whose share `output_tokens_details` reports.
 * @see https://platform.claude.com/docs/en/build-with-claude/prompt-caching#tracking-cache-performance
 */
import type { Usage } from '@anthropic-ai/sdk/resources/messages';
import type { TokenUsage } from '../model.js';

export function convertUsage(usage: Usage | null | undefined): TokenUsage {
  const cacheRead = usage?.cache_read_input_tokens ?? 0;
  // The scalar is the sum of the per-TTL breakdown; older answers (and some proxies) send only
  // one of the two.
  const byTtl = usage?.cache_creation;
  const cacheWrite =
    usage?.cache_creation_input_tokens ??
    (byTtl ? (byTtl.ephemeral_5m_input_tokens ?? 0) + (byTtl.ephemeral_1h_input_tokens ?? 0) : 0);
  return {
    inputTokens: (usage?.input_tokens ?? 0) + cacheRead + cacheWrite,
    outputTokens: usage?.output_tokens ?? 0,
    cachedInputTokens: cacheRead,
    cacheWriteInputTokens: cacheWrite,
    reasoningTokens: usage?.output_tokens_details?.thinking_tokens ?? 0,
  };
}
