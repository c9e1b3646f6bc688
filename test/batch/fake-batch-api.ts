/**
 * An in-test ProviderBatchApi: records every submitted item, keeps each batch in progress until
 * the test releases it, and answers its items with a function of the request. Batches end only
 * when released, so a test decides the order of events instead of racing a clock.
 */
import { ProviderError } from '../../src/errors.js';
import type { BatchItemOutcome, BatchItemRequest, ProviderBatchApi, ProviderBatchStatus } from '../../src/providers/batch-api.js';
import type { ChatModel, ChatRequest, ChatResult } from '../../src/providers/index.js';

export type FakeItemAnswer = { text: string } | { notRun: true } | { error: ProviderError };

export interface FakeBatchApi extends ProviderBatchApi {
  /** Every customId submitted, in order, over every batch. */
  submitted: string[];
  batches: Map<string, { items: BatchItemRequest[]; released: boolean; state: ProviderBatchStatus['state'] }>;
  release(batchId?: string, state?: ProviderBatchStatus['state']): void;
  /** Resolves when `count` batches have been submitted in all. */
  waitForBatches(count: number): Promise<void>;
}

export const USAGE = { inputTokens: 1000, outputTokens: 100, cachedInputTokens: 0, cacheWriteInputTokens: 0, reasoningTokens: 0 };

export function resultOf(text: string): ChatResult {
  return { text, usage: { ...USAGE }, finishReason: { unified: 'stop', raw: 'stop' }, warnings: [], responseId: 'batch-answer' };
}

export function fakeBatchApi(answer: (request: BatchItemRequest['request']) => FakeItemAnswer, options: { maxRequests?: number } = {}): FakeBatchApi {
  const batches: FakeBatchApi['batches'] = new Map();
  const submitted: string[] = [];
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  const notify = () => {
    for (const watcher of [...watchers]) if (batches.size >= watcher.count) watcher.resolve();
  };
  return {
    maxRequests: options.maxRequests ?? 1000,
    submitted,
    batches,
    async submit(items) {
      const batchId = `fake-batch-${batches.size + 1}`;
      batches.set(batchId, { items: [...items], released: false, state: 'ended' });
      submitted.push(...items.map((item) => item.customId));
      queueMicrotask(notify);
      return batchId;
    },
    async status(batchId) {
      const batch = batches.get(batchId);
      if (batch == null) throw new Error(`no batch ${batchId}`);
      return batch.released ? { state: batch.state, raw: batch.state } : { state: 'in-progress', raw: 'in_progress' };
    },
    async results(batchId) {
      const batch = batches.get(batchId);
      if (batch == null) throw new Error(`no batch ${batchId}`);
      return batch.items.map((item): BatchItemOutcome => {
        const expired = new ProviderError(`batch ${batch.state}`, { kind: 'timeout' });
        if (batch.state !== 'ended') return { customId: item.customId, ok: false, notRun: true, error: expired };
        const given = answer(item.request);
        if ('text' in given) return { customId: item.customId, ok: true, result: resultOf(given.text) };
        if ('notRun' in given) return { customId: item.customId, ok: false, notRun: true, error: expired };
        return { customId: item.customId, ok: false, notRun: false, error: given.error };
      });
    },
    release(batchId, state = 'ended') {
      for (const [id, batch] of batches) {
        if (batchId != null && id !== batchId) continue;
        batch.released = true;
        batch.state = state;
      }
    },
    waitForBatches(count) {
      return new Promise((resolve) => {
        watchers.push({ count, resolve });
        notify();
      });
    },
  };
}

/** A ChatModel with a batch interface; its online `generate` answers with `online` and records each request. */
export function batchModel(spec: string, api: ProviderBatchApi | undefined, online: (request: ChatRequest) => string): ChatModel & { onlineRequests: ChatRequest[] } {
  const [provider, ...rest] = spec.split(':');
  const onlineRequests: ChatRequest[] = [];
  return {
    provider: provider as ChatModel['provider'],
    modelId: rest.join(':'),
    spec,
    onlineRequests,
    ...(api ? { batch: api } : {}),
    async generate(request) {
      onlineRequests.push(request);
      return { ...resultOf(online(request)), responseId: 'online-answer' };
    },
  };
}
