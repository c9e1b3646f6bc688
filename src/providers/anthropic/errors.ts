/**
 * How `@anthropic-ai/sdk`'s errors read, for the shared mapping in `../adapter-errors.ts`, plus
 * Anthropic's own statuses (529 overloaded, 402 billing). SDK errors hold response headers only.
 * @see https://platform.claude.com/docs/en/api/errors
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { billingHint, errorFromStatus, type SdkErrorReader } from '../adapter-errors.js';
import { parseRetryAfterMs } from '../retry-after.js';
import { ANTHROPIC_BASE_URL } from './request.js';

export const anthropicErrors: SdkErrorReader = {
  defaultBaseUrl: ANTHROPIC_BASE_URL,
  timedOut: (error, context) => context.timedOut || error instanceof APIConnectionTimeoutError,
  fromResponse(error, context) {
    if (!(error instanceof APIError) || error.status == null) return undefined;
    const status = error.status;
    return errorFromStatus(status, context, {
      message: error.apiMessage ?? undefined,
      retryAfterMs: parseRetryAfterMs(error.headers),
      cause: error,
      // 529 is Anthropic's "overloaded"; the rest of 5xx are transient server errors.
      ...(status >= 500 ? { reason: status === 529 ? 'overloaded' : 'server error' } : {}),
      // 402: the organisation is out of credit.
      ...(status === 402 ? { hint: billingHint(context.settings) } : {}),
    });
  },
  unreachable: (error) => error instanceof APIConnectionError,
};
