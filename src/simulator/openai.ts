/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`), as openai 6.49 sends and reads it.
 * Cached tokens are a subset of `prompt_tokens`.
 * @see /work/shared/research/provider-wire.md §2.1, §3.1, §4.1
 */
import { textOf } from './prompt-text.js';
import { BadRequest, isRecord, type JsonSchema, type WireModule } from './types.js';

/** `json_object` mode has no schema; any object will do, so give it one property. */
const JSON_OBJECT_SCHEMA: JsonSchema = { type: 'object', properties: { answer: { type: 'string' } } };

export const openaiWire: WireModule = {
  provider: 'openai',

  parse(body) {
    if (!isRecord(body) || typeof body.model !== 'string') throw new BadRequest('you must provide a model parameter');
    if (!Array.isArray(body.messages) || body.messages.length === 0) {
      throw new BadRequest("Missing required parameter: 'messages'.");
    }
    const segments = body.messages.map((message) => ({ text: textOf(isRecord(message) ? message.content : message) }));
    const format = isRecord(body.response_format) ? body.response_format : {};
    const declared = isRecord(format.json_schema) && isRecord(format.json_schema.schema) ? format.json_schema.schema : undefined;
    return {
      model: body.model,
      promptText: segments.map((segment) => segment.text).join('\n'),
      segments,
      schema: format.type === 'json_schema' ? declared : format.type === 'json_object' ? JSON_OBJECT_SCHEMA : undefined,
      ...(typeof body.prompt_cache_key === 'string' ? { cacheKey: body.prompt_cache_key } : {}),
    };
  },

  success(request, answer, usage, responseId) {
    return {
      id: `chatcmpl-${responseId}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: {
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.outputTokens,
        total_tokens: usage.promptTokens + usage.outputTokens,
        prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_simulated',
    };
  },

  error(kind, options) {
    const shaped = (status: number, message: string, type: string, code: string | null) => ({
      status,
      body: { error: { message: options.message ?? message, type, param: null, code } },
    });
    switch (kind) {
      case 'rate429':
        return shaped(429, 'Rate limit reached for requests (simulated).', 'requests', 'rate_limit_exceeded');
      case 'server500':
        return shaped(500, 'The server had an error while processing your request (simulated).', 'server_error', null);
      case 'overloaded529':
        // OpenAI has no 529; its overload signal is a 503.
        return shaped(503, 'The server is overloaded (simulated).', 'service_unavailable_error', 'server_is_overloaded');
      case 'unauthorized':
        return shaped(401, 'Incorrect API key provided (simulated).', 'invalid_request_error', 'invalid_api_key');
      case 'notFound':
        return shaped(404, 'Unknown request URL.', 'invalid_request_error', 'unknown_url');
      case 'badRequest':
        return shaped(400, 'Invalid request.', 'invalid_request_error', null);
    }
  },
};
