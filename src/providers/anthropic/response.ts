/**
 * Message → answer text and finish reason. An answer can hold many blocks: a preamble before a
 * server tool call (`[text, server_tool_use, web_search_tool_result, text]`), a forced tool call
 * after a sentence (`[text, tool_use]`), thinking blocks. The answer is, in order: the input of
 * the tool named after our structured output; else the last text block that is a JSON value
 * (with `output_config.format` the JSON comes back as text); else the last text block. Thinking
 * and redacted thinking are never part of it.
 * @see https://platform.claude.com/docs/en/api/messages
 * @see https://platform.claude.com/docs/en/api/handling-stop-reasons
 */
import type { ContentBlock, Message, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError } from '../../errors.js';
import type { ChatResult, FinishReason, TokenUsage } from '../model.js';
import { convertUsage } from './usage.js';

export interface AnswerContext {
  /** `<provider> <model>`, the prefix of every error message. */
  label: string;
  /** The structured output's name: a tool call by that name is the answer. */
  outputName: string;
  /** Billed usage of this message, kept on a refusal so its cost is not lost. */
  usage: TokenUsage;
}

/** A message → ChatResult, online and in a batch alike; throws for a refusal. */
export function messageResult(message: Message, label: string, outputName: string, warnings: string[]): ChatResult {
  const usage = convertUsage(message.usage);
  return {
    ...readAnswer(message, { label, outputName, usage }),
    usage,
    warnings,
    responseId: message.id || undefined,
  };
}

export function readAnswer(
  message: Message,
  context: AnswerContext,
): Pick<ChatResult, 'text' | 'finishReason'> {
  const raw = message.stop_reason ?? undefined;
  if (raw === 'refusal') {
    const category = message.stop_details?.category;
    throw new ProviderError(`${context.label}: the model refused${category ? ` (${category})` : ''}`, {
      kind: 'refusal',
      usage: context.usage,
    });
  }
  // A `max_tokens` stop returns what was written (maybe nothing, when thinking spent the
  // budget) with the length reason: the caller re-asks with more room.
  return {
    text: answerText(message.content ?? [], context.outputName),
    finishReason: { unified: mapStopReason(raw), raw },
  };
}

function answerText(blocks: ContentBlock[], outputName: string): string {
  for (const block of blocks) {
    if (block.type === 'tool_use' && block.name === outputName) return JSON.stringify(block.input);
  }
  const texts = blocks.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  for (let index = texts.length - 1; index >= 0; index -= 1) {
    const text = texts[index];
    if (text != null && isJsonValue(text)) return text;
  }
  return texts.at(-1) ?? '';
}

/** An object or array: a preamble that happens to be a bare number or word is not an answer. */
function isJsonValue(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** @see https://platform.claude.com/docs/en/api/handling-stop-reasons */
export function mapStopReason(raw: StopReason | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'refusal';
    default:
      // `pause_turn`: a server tool loop was paused; not a finished answer.
      return 'other';
  }
}
