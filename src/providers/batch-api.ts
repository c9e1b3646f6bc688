/**
 * The contract for a provider's batch interface (OpenAI Batch, Anthropic Message Batches, Gemini
 * batch mode): the same `ChatRequest`s as the online path, submitted together and collected
 * later at the provider's batch price. Adapters that have one expose it as `ChatModel.batch`;
 * the durable collector that decides what to submit, stores batch ids and polls lives above
 * them (in `batch/`), so an adapter stays "one HTTP exchange per method, SDK retries off".
 */
export type { BatchItemOutcome, BatchItemRequest, ProviderBatchApi, ProviderBatchStatus } from './model.js';
