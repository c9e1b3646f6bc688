/**
 * ChatRequest → Chat Completions parameters. One builder serves OpenAI proper and the
 * OpenAI-compatible servers (OpenRouter, Ollama); their differences are the few branches below.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest } from '../model.js';

/** Extra completion budget for a reasoning model's hidden tokens (billed only if used). */
const REASONING_HEADROOM_TOKENS = 4000;

export type OpenAICompatibleProvider = 'openai' | 'openrouter' | 'ollama';

export interface BuiltRequest {
  body: ChatCompletionCreateParamsNonStreaming;
  warnings: string[];
}

export function buildChatCompletionRequest(
  provider: OpenAICompatibleProvider,
  modelId: string,
  request: ChatRequest,
): BuiltRequest {
  const warnings: string[] = [];
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: modelId,
    // `system`, not `developer`: OpenAI maps it for reasoning models, and the compatible servers
    // only know `system`.
    messages: [{ role: 'system', content: request.system }, ...request.messages.map(toMessage)],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: request.output.name,
        description: request.output.description,
        schema: request.output.jsonSchema,
        strict: true,
      },
    },
  };

  // OpenAI deprecated `max_tokens` (reasoning models reject it); Ollama documents only
  // `max_tokens`, and OpenRouter translates `max_tokens` for every upstream.
  if (provider === 'openai') body.max_completion_tokens = request.maxOutputTokens;
  else body.max_tokens = request.maxOutputTokens;

  if (provider === 'openai' && !acceptsTemperature(modelId)) {
    // A reasoning model spends hidden reasoning tokens from the same budget; a short review
    // needs little reasoning, and an exhausted budget returns no answer at all.
    body.reasoning_effort = 'low';
    body.max_completion_tokens = request.maxOutputTokens + REASONING_HEADROOM_TOKENS;
  }

  if (request.temperature != null) {
    if (acceptsTemperature(modelId)) {
      body.temperature = request.temperature;
    } else {
      warnings.push(
        `temperature ${request.temperature} not sent: ${modelId} only accepts its default`,
      );
    }
  }

  // Only OpenAI routes on it; OpenRouter and Ollama would ignore it or reject an unknown field.
  if (provider === 'openai' && request.cacheKey != null) body.prompt_cache_key = request.cacheKey;

  return { body, warnings };
}

function toMessage(message: ChatMessage): ChatCompletionMessageParam {
  if (message.role === 'assistant') {
    // An earlier answer, replayed for a re-ask; a plain string is what every server accepts.
    return { role: 'assistant', content: message.parts.map((part) => part.text).join('') };
  }
  // Parts stay in order so the shared prefix is byte-identical across calls (OpenAI caches on it).
  return {
    role: 'user',
    content: message.parts.map((part) => ({ type: 'text' as const, text: part.text })),
  };
}

/**
 * Reasoning models (o-series, gpt-5 except the chat variants) reject any temperature but the
 * default. OpenRouter ids carry a vendor prefix (`openai/gpt-5-mini`), so only the last segment
 * is checked.
 */
export function acceptsTemperature(modelId: string): boolean {
  const name = modelId.slice(modelId.lastIndexOf('/') + 1).toLowerCase();
  const reasoning = /^o\d/.test(name) || (name.startsWith('gpt-5') && !name.includes('chat'));
  return !reasoning;
}
