/**
 * The benchmark's floor for this SDK (`src/bench/cpu-worker.ts`): the request body the adapter
 * builds, sent with a plain client (the SDK's own transport, retries off), built once and
 * reused. What the adapter adds on top — deadline, error mapping, answer reading — is what the
 * engine-cost figure compares against it.
 */
import OpenAI from 'openai';
import type { ProviderSettings } from '../../config.js';
import type { ChatRequest } from '../model.js';
import { buildChatCompletionRequest, type OpenAICompatibleProvider } from './request.js';

export function rawOpenAISender(provider: OpenAICompatibleProvider, modelId: string, settings: ProviderSettings, request: ChatRequest): () => Promise<unknown> {
  const client = new OpenAI({ apiKey: settings.apiKey ?? 'floor', baseURL: settings.baseUrl ?? null, maxRetries: 0 });
  const { body } = buildChatCompletionRequest(provider, modelId, request);
  return () => client.chat.completions.create(body);
}
