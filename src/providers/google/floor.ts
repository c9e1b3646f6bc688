/** The benchmark's floor for this SDK: see `../openai/floor.ts`. */
import { GoogleGenAI } from '@google/genai';
import type { ProviderSettings } from '../../config.js';
import type { ChatRequest } from '../model.js';
import { buildGenerateContentRequest } from './request.js';

export function rawGoogleSender(modelId: string, settings: ProviderSettings, request: ChatRequest): () => Promise<unknown> {
  const client = new GoogleGenAI({ apiKey: settings.apiKey ?? 'floor', vertexai: false, ...(settings.baseUrl != null ? { httpOptions: { baseUrl: settings.baseUrl } } : {}) });
  const { parameters } = buildGenerateContentRequest(modelId, request, new AbortController().signal);
  return () => client.models.generateContent(parameters);
}
