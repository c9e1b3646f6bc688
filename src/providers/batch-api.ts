/**
 * The contract for a provider's batch interface (OpenAI Batch, Anthropic Message Batches, Gemini
 * batch mode): the same `ChatRequest`s as the online path, submitted together and collected
 * later at the provider's batch price. Adapters that have one expose it as `ChatModel.batch`;
 * the durable collector that decides what to submit, stores batch ids and polls lives above
 * them (in `batch/`), so an adapter stays "one HTTP exchange per method, SDK retries off".
 */
import type { ProviderError } from '../errors.js';
import type { ChatRequest, ChatResult } from './model.js';

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
  /** Outcomes of an ended (or expired/cancelled) batch, one per submitted item. */
  results(batchId: string, signal?: AbortSignal): Promise<BatchItemOutcome[]>;
}
