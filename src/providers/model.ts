/**
 * The one contract every provider adapter implements. Callers never see a vendor's shapes.
 * Adapters make exactly one HTTP attempt per `generate` (SDK retries off): retries, backoff,
 * re-asks and rate limiting live above them, in `retry.ts` and `ask.ts`.
 */
import type { ProviderName } from '../config.js';
import type { ProviderError } from '../errors.js';
import type { TokenUsage } from './token-usage.js';

export { addTokenUsage, emptyTokenUsage, type TokenUsage } from './token-usage.js';

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
  /** Answered inside a provider batch: price it with `priceUsage(…, { batch })` (an extension). */
  batch?: true;
}

export interface ChatModel {
  readonly provider: ProviderName;
  /** The model id as the provider knows it, e.g. `gpt-5.4-mini`. */
  readonly modelId: string;
  /** `provider:modelId`, as stored with a review. */
  readonly spec: string;
  /** One attempt. Throws `ProviderError` (see `errors.ts`) on any failure. */
  generate(request: ChatRequest): Promise<ChatResult>;
  /** The provider's batch interface (half price, answers within hours), when it has one. */
  readonly batch?: ProviderBatchApi;
}

// The batch contract (documented in batch-api.ts, which re-exports it) lives here so that
// ChatModel can name it without an import cycle between the two files.

/** One request of a provider batch. `customId` is ours: unique in its batch, ≤ 64 chars of [A-Za-z0-9_-]. */
export interface BatchItemRequest {
  customId: string;
  request: Omit<ChatRequest, 'signal' | 'timeoutMs'>;
}

/** The provider's view of a submitted batch, mapped once per adapter; the raw status kept beside it. */
export interface ProviderBatchStatus {
  /** `ended`: results can be read (some items may still have failed or expired). */
  state: 'in-progress' | 'ended' | 'failed' | 'expired' | 'cancelled';
  raw: string;
  counts?: { total?: number; succeeded?: number; failed?: number };
}

export type BatchItemOutcome =
  | { customId: string; ok: true; result: ChatResult }
  | {
      customId: string;
      ok: false;
      error: ProviderError;
      /** The item never ran (expired, cancelled, batch failed): the online path may answer it. */
      notRun: boolean;
    };

export interface ProviderBatchApi {
  /** Provider-specific upper bound on requests per batch (OpenAI 50,000; Anthropic 100,000). */
  readonly maxRequests: number;
  /** Submits the items as one batch; returns the provider's batch id. */
  submit(items: readonly BatchItemRequest[], signal?: AbortSignal): Promise<string>;
  status(batchId: string, signal?: AbortSignal): Promise<ProviderBatchStatus>;
  /**
   * Outcomes of an ended (or expired/cancelled) batch, one per submitted item. `submitted`
   * (an extension of the first contract): the batch's custom ids; any the provider does not
   * report (Gemini lists no request of a batch that expired or failed) comes back `notRun`.
   */
  results(batchId: string, signal?: AbortSignal, submitted?: readonly string[]): Promise<BatchItemOutcome[]>;
}
