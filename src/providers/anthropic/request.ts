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
import { cacheRules, minCacheableTokens, tokensForChars } from '../../cache-minimums.js';
import type { ChatRequest } from '../model.js';

/** Where requests go when settings name no base URL; also the host named in network errors. */
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';

export interface BuiltRequest {
  body: MessageCreateParamsNonStreaming;
  warnings: string[];
}

/**
 * Where `cache_control` goes. Candidates are the parts marked `cacheBreakpoint` (the panel
 * marks the end of the every-tool part and, when another call will read it, the end of the
 * tool's part), or the system block when no part is marked (a profile call's instructions
 * are the same for every tool). A candidate whose prefix is shorter than the model's minimum
 * (`data/cache-minimums.json`) is not placed: the API would ignore it, and it would take one
 * of the four places. Of more than four, the last ones are kept: they cover the longest prefixes.
 */
export function buildMessagesRequest(modelId: string, request: ChatRequest): BuiltRequest {
  const warnings: string[] = [];
  const rules = cacheRules().providers.anthropic;
  const minimum = minCacheableTokens('anthropic', modelId);
  const messages = request.messages.map((message) => ({
    role: message.role,
    // The API rejects empty text blocks; an empty part carries nothing worth caching either.
    parts: message.parts.filter((part) => part.text.length > 0),
  }));

  // Prefix lengths in the order the API caches (system, then each message's blocks), joined
  // by one character as the simulator joins them.
  let prefixChars = request.system.length;
  const clears = (chars: number) => tokensForChars(chars) >= minimum;
  const systemClears = clears(prefixChars);
  const marked: { message: number; part: number }[] = [];
  messages.forEach((message, messageIndex) =>
    message.parts.forEach((part, partIndex) => {
      prefixChars += 1 + part.text.length;
      if (part.cacheBreakpoint && clears(prefixChars)) marked.push({ message: messageIndex, part: partIndex });
    }),
  );
  const anyMarked = request.messages.some((message) => message.parts.some((part) => part.cacheBreakpoint));
  const kept = marked.slice(-rules.maxBreakpoints);
  if (marked.length > kept.length) {
    warnings.push(`${marked.length - kept.length} cache breakpoint(s) dropped: Anthropic allows ${rules.maxBreakpoints}`);
  }
  const isKept = (message: number, part: number) => kept.some((entry) => entry.message === message && entry.part === part);

  const body: MessageCreateParamsNonStreaming = {
    model: modelId,
    max_tokens: request.maxOutputTokens,
    system: [
      !anyMarked && systemClears
        ? { type: 'text', text: request.system, cache_control: { type: 'ephemeral' } }
        : { type: 'text', text: request.system },
    ],
    messages: messages.map((message, messageIndex): MessageParam => ({
      role: message.role,
      content: message.parts.map((part, partIndex): TextBlockParam =>
        isKept(messageIndex, partIndex)
          ? { type: 'text', text: part.text, cache_control: { type: 'ephemeral' } }
          : { type: 'text', text: part.text },
      ),
    })),
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
