/** The benchmark's floor for this SDK: see `../openai/floor.ts`. */
import Anthropic from '@anthropic-ai/sdk';
import type { ProviderSettings } from '../../config.js';
import type { ChatRequest } from '../model.js';
import { ANTHROPIC_BASE_URL, buildMessagesRequest } from './request.js';

export function rawAnthropicSender(modelId: string, settings: ProviderSettings, request: ChatRequest): () => Promise<unknown> {
  const client = new Anthropic({ apiKey: settings.apiKey ?? 'floor', baseURL: settings.baseUrl ?? ANTHROPIC_BASE_URL, maxRetries: 0 });
  const { body } = buildMessagesRequest(modelId, request);
  // A timeout, as the adapter gives: without one the SDK refuses a large max_tokens unstreamed.
  return () => client.messages.create(body, { timeout: 60_000 });
}
