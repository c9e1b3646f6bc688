/** The collector's options and answers (provider-batches.ts), apart so its file stays one class. */
import type { ProviderError } from '../errors.js';
import type { ProviderBatchApi } from '../providers/batch-api.js';
import type { ChatResult } from '../providers/index.js';
import type { ProviderBatchQueries } from '../store/index.js';
import type { BatchPrice } from './batch-codec.js';
import type { EmitEvent } from './events.js';

/** What a queued call gets back: the batch's answer, the item's own error, or "ask online". */
export type BatchAnswer = { kind: 'ok'; result: ChatResult } | { kind: 'error'; error: ProviderError } | { kind: 'online'; reason: string };

export interface CollectorOptions {
  runId: number;
  spec: string;
  api: ProviderBatchApi;
  queries: ProviderBatchQueries;
  emit: EmitEvent;
  /** Between status checks of a submitted batch. */
  pollMs: number;
  /** A queue that has not grown for this long is submitted. */
  flushMs: number;
  /** The batch price of a result's usage (undefined: unpriced). */
  price: BatchPrice;
  now?: () => Date;
}
