/**
 * ChatRequest → Messages API parameters: native structured output (`output_config.format`),
 * `system` as a text block, and `cache_control` on the blocks that end a shared prefix.
 * @see https://platform.claude.com/docs/en/build-with-claude/structured-outputs
 * @see https://platform.claude.com/docs/en/build-with-claude/prompt-caching
 */
import type {
  MessageCreateParamsNonStreaming,
  MessageParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import { transformJSONSchema } from '@anthropic-ai/sdk/lib/transform-json-schema';
import type { ChatMessage, ChatRequest } from '../model.js';

/** Where requests go when settings name no base URL; also the host named in network errors. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

/** The API rejects a request with more than four `cache_control` breakpoints. */
const MAX_BREAKPOINTS = 4;

export interface BuiltRequest {
  body: MessageCreateParamsNonStreaming;
  warnings: string[];
}

export function buildMessagesRequest(modelId: string, request: ChatRequest): BuiltRequest {
  const warnings: string[] = [];
  const messages = request.messages.map(toMessage);
  // The system block is the first breakpoint; the parts keep the latest ones, which cover the
  // longest prefixes.
  const dropped = limitBreakpoints(messages, MAX_BREAKPOINTS - 1);
  if (dropped > 0) warnings.push(`${dropped} cache breakpoint(s) dropped: Anthropic allows 4`);

  const body: MessageCreateParamsNonStreaming = {
    model: modelId,
    max_tokens: request.maxOutputTokens,
    system: [{ type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }],
    messages,
    output_config: {
      // The SDK's own clean-up (what `jsonSchemaOutputFormat` does): drops `$schema`, adds
      // `additionalProperties: false`, moves unsupported constraints into descriptions.
      format: { type: 'json_schema', schema: transformJSONSchema(request.output.jsonSchema) },
    },
  };
  // API version 2026-10-21 (SDK 1.x) has no sampling parameters: `temperature` is gone from the
  // request type, so it is reported rather than sent.
  if (request.temperature != null) {
    warnings.push(`temperature ${request.temperature} not sent: the Anthropic API no longer takes it`);
  }
  return { body, warnings };
}

function toMessage(message: ChatMessage): MessageParam {
  // The API rejects empty text blocks; an empty part carries nothing worth caching either.
  const content: TextBlockParam[] = message.parts
    .filter((part) => part.text.length > 0)
    .map((part) =>
      part.cacheBreakpoint
        ? { type: 'text', text: part.text, cache_control: { type: 'ephemeral' } }
        : { type: 'text', text: part.text },
    );
  return { role: message.role, content };
}

/** Keeps the last `limit` breakpoints in the messages; returns how many were removed. */
function limitBreakpoints(messages: MessageParam[], limit: number): number {
  const marked = messages.flatMap((message) =>
    Array.isArray(message.content)
      ? message.content.filter((block) => 'cache_control' in block && block.cache_control != null)
      : [],
  );
  const excess = marked.slice(0, Math.max(0, marked.length - limit));
  for (const block of excess) {
    if ('cache_control' in block) delete block.cache_control;
  }
  return excess.length;
}
