/**
 * How the `openai` SDK's errors read, for the shared mapping in `../adapter-errors.ts`, plus
 * OpenAI's own quirk: an exhausted quota. The SDK errors hold response headers only, never ours.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ProviderError } from '../../errors.js';
import { billingHint, errorFromStatus, type AdapterIdentity } from '../adapter-errors.js';
import type { SdkErrorReader, StatusFacts } from '../adapter-errors.js';
import { parseRetryAfterMs } from '../retry-after.js';

export const openAIErrors: SdkErrorReader = {
  // What the adapter sends to when settings name no base URL (OpenRouter and Ollama always do).
  defaultBaseUrl: 'https://api.openai.com/v1',
  timedOut: (error, context) => context.timedOut || error instanceof APIConnectionTimeoutError,
  fromResponse(error, context) {
    if (!(error instanceof APIError) || error.status == null) return undefined;
    const body = error.error as { message?: unknown; code?: unknown } | undefined;
    return fromStatus(error.status, context, {
      message: typeof body?.message === 'string' ? body.message : undefined,
      code: typeof body?.code === 'string' ? body.code : undefined,
      retryAfterMs: parseRetryAfterMs(error.headers),
      cause: error,
    });
  },
  unreachable: (error) => error instanceof APIConnectionError,
};

/**
 * Status → ProviderError. Also used for the error objects OpenRouter puts in a 200 body.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
export function fromStatus(
  status: number,
  identity: AdapterIdentity,
  facts: StatusFacts & { code?: string | undefined },
): ProviderError {
  // An exhausted quota is a 429 too, but waiting will not fix it.
  const quota = status === 429 && facts.code === 'insufficient_quota';
  const quirk = quota
    ? { reason: 'quota exhausted', retryable: false, hint: billingHint(identity.settings) }
    : {};
  return errorFromStatus(status, identity, { ...facts, ...quirk });
}
