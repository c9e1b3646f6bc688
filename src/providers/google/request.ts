/**
 * ChatRequest → `models.generateContent` parameters. The SDK moves `systemInstruction` to the
 * body's top level and the sampling/output fields under `generationConfig`.
 * @see https://ai.google.dev/gemini-api/docs/structured-output
 */
import type { Content, Fetch, GenerateContentParameters } from '@google/genai';
import { sdkTimeoutMs } from '../adapter-call.js';
import type { ChatMessage, ChatRequest } from '../model.js';
import { thinkingPlan } from './thinking.js';

export interface BuiltRequest {
  parameters: GenerateContentParameters;
  warnings: string[];
}

export function buildGenerateContentRequest(
  modelId: string,
  request: ChatRequest,
  signal: AbortSignal,
  fetch?: Fetch,
): BuiltRequest {
  const { parameters, warnings } = buildGenerateContentBody(modelId, request);
  parameters.config = {
    ...parameters.config,
    abortSignal: signal,
    // Per attempt; also sent as X-Server-Timeout. No retryOptions: the SDK would retry.
    // `fetch` lets the adapter read a failed response's headers, which ApiError drops.
    httpOptions: { timeout: sdkTimeoutMs(request), ...(fetch ? { fetch } : {}) },
    // Otherwise a `continuationToken` in the answer makes the SDK post again on its own.
    automaticContinuation: false,
  };
  return { parameters, warnings };
}

/**
 * What is sent to the model, online and in a batch alike (an inlined batch request carries
 * the same model, contents and config): the call's own transport settings are added online.
 */
export function buildGenerateContentBody(modelId: string, request: ChatRequest): BuiltRequest {
  const thinking = thinkingPlan(modelId);
  const parameters: GenerateContentParameters = {
    model: modelId,
    contents: request.messages.map(toContent),
    config: {
      systemInstruction: request.system,
      responseMimeType: 'application/json',
      // Passed through unchanged by the SDK; Gemini takes standard JSON Schema here.
      responseJsonSchema: request.output.jsonSchema,
      // Thoughts count against this limit: the headroom keeps them off the answer's share.
      maxOutputTokens: request.maxOutputTokens + thinking.headroom,
      ...(thinking.config ? { thinkingConfig: thinking.config } : {}),
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
