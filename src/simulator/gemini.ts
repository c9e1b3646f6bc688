/**
 * Gemini generateContent (`POST /v1beta/models/{model}:generateContent`), as @google/genai 2.32
 * sends and reads it. `cachedContentTokenCount` is a subset of `promptTokenCount` and, as on the
 * real API, absent when nothing was cached. Never emits `continuationToken` (the SDK would
 * re-POST forever).
 * @see /work/shared/research/provider-wire.md §0.8, §2.4, §3.4, §4.1
 */
import { textOf } from './prompt-text.js';
import { BadRequest, isRecord, type JsonSchema, type WireModule } from './types.js';

const JSON_OBJECT_SCHEMA: JsonSchema = { type: 'object', properties: { answer: { type: 'string' } } };

export const geminiWire: WireModule = {
  provider: 'gemini',

  parse(body, pathModel) {
    if (!isRecord(body) || !Array.isArray(body.contents) || body.contents.length === 0) {
      throw new BadRequest('* GenerateContentRequest.contents: contents is not specified');
    }
    if (pathModel === undefined || pathModel.length === 0) {
      throw new BadRequest('* GenerateContentRequest.model: unexpected model name format');
    }
    const system = body.systemInstruction === undefined ? [] : [{ text: textOf(body.systemInstruction) }];
    const segments = [...system, ...body.contents.map((content) => ({ text: textOf(content) }))];
    const config = isRecord(body.generationConfig) ? body.generationConfig : {};
    const declared = isRecord(config.responseJsonSchema) ? config.responseJsonSchema
      : isRecord(config.responseSchema) ? config.responseSchema
      : undefined;
    return {
      model: pathModel.replace(/^models\//, ''),
      promptText: segments.map((segment) => segment.text).join('\n'),
      segments,
      schema: declared ?? (config.responseMimeType === 'application/json' ? JSON_OBJECT_SCHEMA : undefined),
    };
  },

  success(request, answer, usage, responseId) {
    const cached = usage.cachedTokens > 0;
    return {
      candidates: [{ content: { role: 'model', parts: [{ text: answer.text }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: {
        promptTokenCount: usage.promptTokens,
        ...(cached ? { cachedContentTokenCount: usage.cachedTokens } : {}),
        candidatesTokenCount: usage.outputTokens,
        totalTokenCount: usage.promptTokens + usage.outputTokens,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.promptTokens }],
        ...(cached ? { cacheTokensDetails: [{ modality: 'TEXT', tokenCount: usage.cachedTokens }] } : {}),
      },
      modelVersion: request.model,
      responseId,
    };
  },

  error(kind, options) {
    const shaped = (code: number, status: string, message: string, details?: unknown[]) => ({
      status: code,
      body: { error: { code, message: options.message ?? message, status, ...(details ? { details } : {}) } },
    });
    switch (kind) {
      case 'rate429':
        return shaped(429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota (simulated).', [
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              { description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' },
            ],
          },
          // Real 429s carry RetryInfo; the SDK ignores it, but an adapter can read it.
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${options.retryAfterSeconds ?? 1}s` },
        ]);
      case 'server500':
        return shaped(500, 'INTERNAL', 'An internal error has occurred (simulated).');
      case 'overloaded529':
        return shaped(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later. (simulated)');
      case 'unauthorized':
        return shaped(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key. (simulated)', [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'generativelanguage.googleapis.com' },
          },
        ]);
      case 'notFound':
        return shaped(404, 'NOT_FOUND', 'Requested entity was not found.');
      case 'badRequest':
        return shaped(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
  },
};
