/**
 * Anthropic Messages (`POST /v1/messages`), as @anthropic-ai/sdk 1.12 sends and reads it.
 * `input_tokens` excludes cache reads and writes, unlike OpenAI and Gemini.
 * @see /work/shared/research/provider-wire.md §0, §2.3, §3.3, §4.1, §5
 */
import { textOf } from './prompt-text.js';
import { BadRequest, isRecord, type JsonSchema, type PromptSegment, type WireModule } from './types.js';

export const anthropicWire: WireModule = {
  provider: 'anthropic',

  parse(body) {
    if (!isRecord(body) || typeof body.model !== 'string') throw new BadRequest('model: Field required');
    if (typeof body.max_tokens !== 'number') throw new BadRequest('max_tokens: Field required');
    if (!Array.isArray(body.messages) || body.messages.length === 0) throw new BadRequest('messages: Field required');
    const tools = Array.isArray(body.tools) ? body.tools.filter(isRecord) : [];
    // Prefix order is tools → system → messages; a breakpoint caches everything before it.
    const toolSegments = tools.map((tool) =>
      segment(JSON.stringify({ ...tool, cache_control: undefined }), tool.cache_control),
    );
    const messageSegments = body.messages.flatMap((message) => blocksOf(isRecord(message) ? message.content : message));
    const textSegments = [...blocksOf(body.system), ...messageSegments];
    const segments = [...toolSegments, ...textSegments];
    const last = segments.at(-1);
    if (isRecord(body.cache_control) && last !== undefined) Object.assign(last, segment(last.text, body.cache_control));
    const forced = forcedTool(body.tool_choice, tools);
    const format = isRecord(body.output_config) && isRecord(body.output_config.format) ? body.output_config.format : {};
    const formatSchema = format.type === 'json_schema' && isRecord(format.schema) ? format.schema : undefined;
    return {
      model: body.model,
      promptText: textSegments.map((entry) => entry.text).join('\n'),
      segments,
      schema: forced?.schema ?? formatSchema,
      ...(forced ? { toolName: forced.name } : {}),
    };
  },

  success(request, answer, usage, responseId) {
    const toolUse = request.toolName !== undefined && answer.value !== undefined;
    return {
      id: `msg_sim_${responseId}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: toolUse
        ? [
            {
              type: 'tool_use',
              id: `toolu_sim_${responseId}`,
              name: request.toolName,
              input: answer.value,
              caller: { type: 'direct' },
            },
          ]
        : [{ type: 'text', text: answer.text, citations: null }],
      stop_reason: toolUse ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      stop_details: null,
      container: null,
      usage: {
        input_tokens: usage.promptTokens - usage.cachedTokens - usage.cacheWriteTokens,
        cache_creation_input_tokens: usage.cacheWriteTokens,
        cache_read_input_tokens: usage.cachedTokens,
        cache_creation: {
          ephemeral_5m_input_tokens: usage.cacheWriteTtl === '5m' ? usage.cacheWriteTokens : 0,
          ephemeral_1h_input_tokens: usage.cacheWriteTtl === '1h' ? usage.cacheWriteTokens : 0,
        },
        output_tokens: usage.outputTokens,
        server_tool_use: null,
        service_tier: 'standard',
      },
    };
  },

  error(kind, options) {
    const shaped = (status: number, type: string, message: string) => ({
      status,
      body: { type: 'error', error: { type, message: options.message ?? message }, request_id: options.requestId },
    });
    switch (kind) {
      case 'rate429':
        return shaped(429, 'rate_limit_error', 'Number of requests has exceeded your rate limit (simulated).');
      case 'server500':
        return shaped(500, 'api_error', 'Internal server error (simulated).');
      case 'overloaded529':
        return shaped(529, 'overloaded_error', 'Overloaded (simulated)');
      case 'unauthorized':
        return shaped(401, 'authentication_error', 'invalid x-api-key (simulated)');
      case 'notFound':
        return shaped(404, 'not_found_error', 'Not found');
      case 'badRequest':
        return shaped(400, 'invalid_request_error', 'Invalid request');
    }
  },
};

function segment(text: string, cacheControl: unknown): PromptSegment {
  if (!isRecord(cacheControl)) return { text };
  return { text, breakpoint: true, ttl: cacheControl.ttl === '1h' ? '1h' : '5m' };
}

/** One segment per content block, so a `cache_control` on a block marks exactly its end. */
function blocksOf(content: unknown): PromptSegment[] {
  if (content === undefined || content === null) return [];
  if (!Array.isArray(content)) return [{ text: textOf(content) }];
  return content.map((block) => segment(textOf(block), isRecord(block) ? block.cache_control : undefined));
}

function forcedTool(
  choice: unknown,
  tools: Record<string, unknown>[],
): { name: string; schema: JsonSchema } | undefined {
  if (!isRecord(choice)) return undefined;
  const tool =
    choice.type === 'tool' ? tools.find((candidate) => candidate.name === choice.name)
    : choice.type === 'any' && tools.length === 1 ? tools[0]
    : undefined;
  if (choice.type === 'tool' && tool === undefined) {
    throw new BadRequest(`tool_choice: no tool named ${String(choice.name)}`);
  }
  if (tool === undefined || typeof tool.name !== 'string') return undefined;
  return { name: tool.name, schema: isRecord(tool.input_schema) ? tool.input_schema : { type: 'object' } };
}
