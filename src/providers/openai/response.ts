/**
 * Chat completion → answer text and finish reason. The JSON is not parsed here: validation and
 * re-asks belong to the caller. A length stop is returned, not thrown (the caller re-asks with
 * more headroom); a refusal or a content filter is thrown with the tokens it was billed for.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 */
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors.js';
import { label, oneLine, type AdapterIdentity } from '../adapter-errors.js';
import type { ChatResult, FinishReason, TokenUsage } from '../model.js';
import { readMessageContent } from './content.js';
import { fromStatus } from './errors.js';
import { convertUsage, providerCostUsd } from './usage.js';

export type ReadAnswer = Pick<ChatResult, 'text' | 'finishReason'>;

/** What the failed call was billed: attached to any error thrown for it. */
export interface Billed {
  usage: TokenUsage;
  providerCostUsd: number | undefined;
}

/** A completion → ChatResult, online and in a batch alike; throws for a refusal or a filter. */
export function completionResult(completion: ChatCompletion, identity: AdapterIdentity, warnings: string[]): ChatResult {
  const billed = { usage: convertUsage(completion.usage), providerCostUsd: providerCostUsd(completion.usage) };
  return {
    ...readAnswer(completion, identity, billed),
    usage: billed.usage,
    warnings,
    responseId: completion.id || undefined,
    ...(billed.providerCostUsd !== undefined ? { providerCostUsd: billed.providerCostUsd } : {}),
  };
}

export function readAnswer(completion: ChatCompletion, identity: AdapterIdentity, billed: Billed): ReadAnswer {
  const prefix = label(identity);
  const choice = completion.choices?.[0];
  if (choice == null) throw emptyAnswerError(completion, identity, billed);

  const raw = choice.finish_reason ?? undefined;
  const finishReason = { unified: mapFinishReason(raw), raw };
  const { text, refusal } = readMessageContent(choice.message);

  if (refusal) {
    throw new ProviderError(`${prefix}: the model refused: ${oneLine(refusal, undefined, 200)}`, {
      kind: 'refusal',
      ...billing(billed),
    });
  }
  if (finishReason.unified === 'filter') {
    throw new ProviderError(`${prefix}: the answer was stopped by a content filter (${raw})`, {
      kind: 'refusal',
      ...billing(billed),
    });
  }
  // An empty answer is returned as such: the caller re-asks it like any answer that is not JSON.
  return { text, finishReason };
}

/**
 * OpenRouter reports some upstream failures as a 200 whose body is `{error:{code,message}}`
 * and has no choices; map the code like an HTTP status.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
function emptyAnswerError(completion: ChatCompletion, identity: AdapterIdentity, billed: Billed): ProviderError {
  const embedded = (completion as { error?: { code?: unknown; message?: unknown } }).error;
  const message = typeof embedded?.message === 'string' ? embedded.message : undefined;
  if (typeof embedded?.code === 'number') return withBilling(fromStatus(embedded.code, identity, { message }), billed);
  return new ProviderError(`${label(identity)}: the answer has no choices`, {
    kind: 'overloaded',
    ...billing(billed),
  });
}

function billing(billed: Billed): { usage: TokenUsage; providerCostUsd?: number } {
  return {
    usage: billed.usage,
    ...(billed.providerCostUsd !== undefined ? { providerCostUsd: billed.providerCostUsd } : {}),
  };
}

/** The same error, carrying what the call was billed (ProviderError's fields are read-only). */
function withBilling(error: ProviderError, billed: Billed): ProviderError {
  return new ProviderError(error.message, {
    kind: error.kind,
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
    ...billing(billed),
  });
}

/**
 * Every value seen in the recordings (fixtures/recorded/providers/) and OpenAI's documented
 * ones; anything else is `other`, with the raw value kept beside it.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
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
