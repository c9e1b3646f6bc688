/**
 * Chat completion → answer text and finish reason. The JSON is not parsed here: validation and
 * re-asks belong to the caller.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors.js';
import { label, oneLine, type AdapterIdentity } from '../adapter-errors.js';
import type { ChatResult, FinishReason } from '../model.js';
import { fromStatus } from './errors.js';

export type ReadAnswer = Pick<ChatResult, 'text' | 'finishReason'>;

export function readAnswer(completion: ChatCompletion, identity: AdapterIdentity): ReadAnswer {
  const prefix = label(identity);
  const choice = completion.choices?.[0];
  if (choice == null) throw emptyAnswerError(completion, identity);

  const raw = choice.finish_reason ?? undefined;
  const finishReason = { unified: mapFinishReason(raw), raw };
  const { content, refusal } = choice.message;

  if (refusal) {
    throw new ProviderError(`${prefix}: the model refused: ${oneLine(refusal, undefined, 200)}`, {
      kind: 'refusal',
    });
  }
  if (finishReason.unified === 'filter') {
    throw new ProviderError(`${prefix}: the answer was stopped by a content filter`, {
      kind: 'refusal',
    });
  }
  if (content == null) {
    // Reasoning can spend the whole budget before any text: that is a length stop, not a refusal.
    if (finishReason.unified === 'length') return { text: '', finishReason };
    throw new ProviderError(`${prefix}: the answer has no text (finish reason ${raw ?? 'none'})`, {
      kind: 'refusal',
    });
  }
  return { text: content, finishReason };
}

/**
 * OpenRouter reports some upstream failures as a 200 whose body is `{error:{code,message}}`
 * and has no choices; map the code like an HTTP status.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
function emptyAnswerError(completion: ChatCompletion, identity: AdapterIdentity): ProviderError {
  const embedded = (completion as { error?: { code?: unknown; message?: unknown } }).error;
  const message = typeof embedded?.message === 'string' ? embedded.message : undefined;
  if (typeof embedded?.code === 'number') return fromStatus(embedded.code, identity, { message });
  return new ProviderError(`${label(identity)}: the answer has no choices`, {
    kind: 'overloaded',
  });
}

/** @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices */
export function mapFinishReason(raw: string | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
