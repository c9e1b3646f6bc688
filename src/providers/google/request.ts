/**
 * ChatRequest → `models.generateContent` parameters. The SDK moves `systemInstruction` to the
 * body's top level and the sampling/output fields under `generationConfig`.
 * @see https://ai.google.dev/gemini-api/docs/structured-output
 */
import type { Content, GenerateContentParameters } from '@google/genai';
import { sdkTimeoutMs } from '../adapter-call.js';
import type { ChatMessage, ChatRequest } from '../model.js';

export interface BuiltRequest {
  parameters: GenerateContentParameters;
  warnings: string[];
}

export function buildGenerateContentRequest(
  modelId: string,
  request: ChatRequest,
  signal: AbortSignal,
): BuiltRequest {
  const parameters: GenerateContentParameters = {
    model: modelId,
    contents: request.messages.map(toContent),
    config: {
      systemInstruction: request.system,
      responseMimeType: 'application/json',
      // Passed through unchanged by the SDK; Gemini takes standard JSON Schema here.
      responseJsonSchema: request.output.jsonSchema,
      maxOutputTokens: request.maxOutputTokens,
      abortSignal: signal,
      // Per attempt; also sent as X-Server-Timeout. No retryOptions: the SDK would retry.
      httpOptions: { timeout: sdkTimeoutMs(request) },
      // Otherwise a `continuationToken` in the answer makes the SDK post again on its own.
      automaticContinuation: false,
    },
  };
  if (request.temperature != null && parameters.config) {
    parameters.config.temperature = request.temperature;
  }
  // Gemini caches implicitly on a shared prefix; `cacheBreakpoint` and `cacheKey` need no field.
  return { parameters, warnings: [] };
}

function toContent(message: ChatMessage): Content {
  return {
    role: message.role === 'assistant' ? 'model' : 'user',
    parts: message.parts.map((part) => ({ text: part.text })),
  };
}
