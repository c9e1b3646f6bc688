/**
 * The one contract every provider adapter implements. Callers never see a vendor's shapes.
 * Adapters make exactly one HTTP attempt per `generate` (SDK retries off): retries, backoff,
 * re-asks and rate limiting live above them, in `retry.ts` and `ask.ts`.
 */
import type { ProviderName } from '../config.js';

/** One piece of a message. `cacheBreakpoint` marks the end of the prefix shared across calls. */
export interface MessagePart {
  text: string;
  cacheBreakpoint?: boolean;
}

export interface ChatMessage {
  role: 'user' | 'assistant';
  parts: MessagePart[];
}

/** A structured-output request: a JSON Schema derived from a zod schema, with a name. */
export interface StructuredOutput {
  /** Letters, digits, `_` and `-` only (OpenAI's and Anthropic's tool-name rule). */
  name: string;
  description: string;
  jsonSchema: Record<string, unknown>;
}

export interface ChatRequest {
  /** Instructions shared by every call of a panel; always part of the cached prefix. */
  system: string;
  messages: ChatMessage[];
  output: StructuredOutput;
  temperature: number | undefined;
  maxOutputTokens: number;
  /** Per attempt. Every adapter enforces it (the Google SDK has none of its own). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Same value for calls sharing a prefix; OpenAI uses it to route them to one cache. */
  cacheKey?: string;
}

/** Token counts in one convention for every provider. */
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

/**
 * Why the answer ended, mapped once per adapter; the provider's own value is kept beside it.
 * `length`: the output limit was hit (the caller re-asks once with more headroom).
 */
export type FinishReason = 'stop' | 'length' | 'filter' | 'refusal' | 'tool-calls' | 'other';

export interface ChatResult {
  /** The model's answer as JSON text (a forced tool call's input is serialised to text). */
  text: string;
  usage: TokenUsage;
  finishReason: { unified: FinishReason; raw: string | undefined };
  /** Settings the provider could not honour (e.g. temperature on a reasoning model). */
  warnings: string[];
  /** The provider's response id, for support tickets. */
  responseId: string | undefined;
  /** What the provider says this call cost (OpenRouter `usage.cost`); wins over the price table. */
  providerCostUsd?: number;
}

export interface ChatModel {
  readonly provider: ProviderName;
  /** The model id as the provider knows it, e.g. `gpt-5.4-mini`. */
  readonly modelId: string;
  /** `provider:modelId`, as stored with a review. */
  readonly spec: string;
  /** One attempt. Throws `ProviderError` (see `errors.ts`) on any failure. */
  generate(request: ChatRequest): Promise<ChatResult>;
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
