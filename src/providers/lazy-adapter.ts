/**
 * Adapters loaded on their first call. Each adapter imports its vendor's SDK, which costs
 * 0.2–0.5 s of start-up; a command that never calls a model (`--help`, `drafts`, `publish`)
 * must not pay for it. `createModel` stays synchronous: the model it returns imports and builds
 * the adapter when `generate` (or a `batch` method) is first awaited, once, and reuses it after.
 */
import type { ProviderName, ProviderSettings } from '../config.js';
import { ProviderError } from '../errors.js';
import type { ProviderBatchApi } from './batch-api.js';
import { BATCH_MAX_REQUESTS } from './batch-limits.js';
import type { ChatModel, ChatRequest, ChatResult } from './model.js';

export interface AdapterOptions {
  provider: ProviderName;
  modelId: string;
  settings: ProviderSettings;
  callTimeoutMs: number | undefined;
}

async function loadAdapter(options: AdapterOptions): Promise<ChatModel> {
  const { provider, modelId, settings, callTimeoutMs } = options;
  switch (provider) {
    case 'openai':
    case 'openrouter':
    case 'ollama': {
      const { createOpenAIModel } = await import('./openai/index.js');
      return createOpenAIModel({ provider, modelId, settings, callTimeoutMs });
    }
    case 'anthropic': {
      const { createAnthropicModel } = await import('./anthropic/index.js');
      return createAnthropicModel({ modelId, settings, callTimeoutMs });
    }
    case 'google': {
      const { createGoogleModel } = await import('./google/index.js');
      return createGoogleModel({ modelId, settings, callTimeoutMs });
    }
  }
}

export function lazyAdapter(options: AdapterOptions): ChatModel {
  let adapter: Promise<ChatModel> | undefined;
  const load = () => (adapter ??= loadAdapter(options));
  const maxRequests = BATCH_MAX_REQUESTS[options.provider];
  const batch = maxRequests === undefined ? undefined : lazyBatch(options, maxRequests, load);
  return {
    provider: options.provider,
    modelId: options.modelId,
    spec: `${options.provider}:${options.modelId}`,
    async generate(request: ChatRequest): Promise<ChatResult> {
      return (await load()).generate(request);
    },
    ...(batch ? { batch } : {}),
  };
}

/** The adapter's batch interface, with the same methods, loading the adapter on first use. */
function lazyBatch(options: AdapterOptions, maxRequests: number, load: () => Promise<ChatModel>): ProviderBatchApi {
  const api = async (): Promise<ProviderBatchApi> => {
    const loaded = (await load()).batch;
    if (loaded) return loaded;
    // batch-limits.ts and the adapter disagree: a bug, said plainly rather than a crash.
    throw new ProviderError(`${options.provider} ${options.modelId}: no batch interface`, {
      kind: 'bad-request',
      retryable: false,
    });
  };
  return {
    maxRequests,
    submit: async (items, signal) => (await api()).submit(items, signal),
    status: async (batchId, signal) => (await api()).status(batchId, signal),
    results: async (batchId, signal, submitted) => (await api()).results(batchId, signal, submitted),
  };
}
