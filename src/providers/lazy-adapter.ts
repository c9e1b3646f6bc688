/**
 * Adapters loaded on their first call. Each adapter imports its vendor's SDK, which costs
 * 0.2–0.5 s of start-up; a command that never calls a model (`--help`, `drafts`, `publish`)
 * must not pay for it. `createModel` stays synchronous: the model it returns imports and builds
 * the adapter when `generate` is first awaited, once, and reuses it after.
 */
import type { ProviderName, ProviderSettings } from '../config.js';
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
  return {
    provider: options.provider,
    modelId: options.modelId,
    spec: `${options.provider}:${options.modelId}`,
    async generate(request: ChatRequest): Promise<ChatResult> {
      adapter ??= loadAdapter(options);
      return (await adapter).generate(request);
    },
  };
}
