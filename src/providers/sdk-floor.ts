/**
 * The raw-SDK floor of one model call, for the engine-cost benchmark: a function that sends the
 * request the adapter would build through that provider's official SDK (a plain client, made
 * once), without our deadline, retry, concurrency gate or answer reading. Loaded on demand, like
 * the adapters, so nothing else pays for the SDKs.
 */
import type { ModelConfig } from './registry.js';
import { parseModelSpec } from './registry.js';
import type { ChatRequest } from './model.js';

export async function rawSdkSender(spec: string, config: ModelConfig, request: ChatRequest): Promise<() => Promise<unknown>> {
  const { provider, modelId } = parseModelSpec(spec);
  const settings = config.providers[provider];
  switch (provider) {
    case 'openai':
    case 'openrouter':
    case 'ollama':
      return (await import('./openai/floor.js')).rawOpenAISender(provider, modelId, settings, request);
    case 'anthropic':
      return (await import('./anthropic/floor.js')).rawAnthropicSender(modelId, settings, request);
    case 'google':
      return (await import('./google/floor.js')).rawGoogleSender(modelId, settings, request);
  }
}
