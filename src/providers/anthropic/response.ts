/**
 * Message → answer text and finish reason. With `output_config.format` the JSON comes back as a
 * text block; a forced tool call's `input` is serialised instead, so the caller always gets text.
 * @see https://platform.claude.com/docs/en/api/messages
 */
import type { Message, StopReason } from '@anthropic-ai/sdk/resources/messages';
import { ProviderError } from '../../errors.js';
import type { ChatResult, FinishReason } from '../model.js';

export function readAnswer(
  message: Message,
  label: string,
): Pick<ChatResult, 'text' | 'finishReason'> {
  const raw = message.stop_reason ?? undefined;
  if (raw === 'refusal') {
    const category = message.stop_details?.category;
    throw new ProviderError(`${label}: the model refused${category ? ` (${category})` : ''}`, {
      kind: 'refusal',
    });
  }
  const finishReason = { unified: mapStopReason(raw), raw };
  const blocks = message.content ?? [];
  const textBlock = blocks.find((block) => block.type === 'text');
  if (textBlock?.type === 'text') return { text: textBlock.text, finishReason };
  const toolBlock = blocks.find((block) => block.type === 'tool_use');
  if (toolBlock?.type === 'tool_use') return { text: JSON.stringify(toolBlock.input), finishReason };
  // E.g. `max_tokens` reached while thinking: no text, and the finish reason says why.
  return { text: '', finishReason };
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
      return 'other';
  }
}
