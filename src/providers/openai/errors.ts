/**
 * SDK errors → ProviderError. Messages are one line, `<provider> <model>: <reason>`, and never
 * carry the key or request headers (the SDK errors hold response headers only, and the
 * provider's own message is redacted in case it echoes the key).
 * @see https://platform.openai.com/docs/guides/error-codes
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ProviderSettings } from '../../config.js';
import { ProviderError } from '../../errors.js';
import { parseRetryAfterMs } from '../retry-after.js';
import type { OpenAICompatibleProvider } from './request.js';

export interface ErrorContext {
  provider: OpenAICompatibleProvider;
  modelId: string;
  settings: ProviderSettings;
  /** Our per-attempt deadline fired (it also covers reading the body, which the SDK's does not). */
  timedOut: boolean;
  /** The caller's signal fired: not retried, the caller has given up. */
  aborted: boolean;
}

export function missingKeyError(
  context: Pick<ErrorContext, 'provider' | 'modelId' | 'settings'>,
): ProviderError {
  const variable = context.settings.keyVariable;
  return new ProviderError(`${label(context)}: no API key (${variable} is not set)`, {
    kind: 'auth',
    retryable: false,
    hint: `set ${variable}`,
  });
}

export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const prefix = label(context);
  if (context.aborted) {
    return new ProviderError(`${prefix}: request aborted`, {
      kind: 'timeout',
      retryable: false,
      cause: error,
    });
  }
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    return new ProviderError(`${prefix}: no answer within the call timeout`, {
      kind: 'timeout',
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    return new ProviderError(`${prefix}: cannot reach ${host(context.settings)}`, {
      kind: 'network',
      cause: error,
    });
  }
  if (error instanceof APIError && error.status != null) {
    const body = error.error as { message?: unknown; code?: unknown } | undefined;
    return fromStatus(error.status, {
      context,
      detail: typeof body?.message === 'string' ? body.message : undefined,
      code: typeof body?.code === 'string' ? body.code : undefined,
      retryAfterMs: parseRetryAfterMs(error.headers),
      cause: error,
    });
  }
  return unknownError(error, context);
}

/**
 * Status → kind. Also used for the error objects OpenRouter puts in a 200 body.
 * @see https://openrouter.ai/docs/api-reference/errors
 */
export function fromStatus(
  status: number,
  options: {
    context: ErrorContext;
    detail: string | undefined;
    code?: string | undefined;
    retryAfterMs?: number | undefined;
    cause?: unknown;
  },
): ProviderError {
  const { context, cause, retryAfterMs } = options;
  const prefix = label(context);
  const variable = context.settings.keyVariable;
  const detail = options.detail ? `: ${oneLine(options.detail, context.settings.apiKey)}` : '';

  if (status === 401) {
    // The provider's text is left out: OpenAI's echoes part of the rejected key.
    return new ProviderError(`${prefix}: the key in ${variable} was rejected (401)`, {
      kind: 'auth',
      status,
      retryable: false,
      hint: `set ${variable} to a valid key`,
      cause,
    });
  }
  if (status === 403) {
    return new ProviderError(`${prefix}: permission denied (403)${detail}`, {
      kind: 'auth',
      status,
      retryable: false,
      hint: `check that the key in ${variable} may use ${context.modelId}`,
      cause,
    });
  }
  if (status === 429) {
    // An exhausted quota is a 429 too, but waiting will not fix it.
    const quota = options.code === 'insufficient_quota';
    return new ProviderError(`${prefix}: ${quota ? 'quota exhausted' : 'rate limited'} (429)`, {
      kind: 'rate-limit',
      status,
      retryable: !quota,
      retryAfterMs,
      hint: quota ? 'check the billing of the account behind ' + variable : undefined,
      cause,
    });
  }
  if (status === 408) {
    return new ProviderError(`${prefix}: the server timed out (408)`, {
      kind: 'timeout',
      status,
      retryAfterMs,
      cause,
    });
  }
  if (status >= 500) {
    return new ProviderError(`${prefix}: server error or overloaded (${status})${detail}`, {
      kind: 'overloaded',
      status,
      retryAfterMs,
      cause,
    });
  }
  return new ProviderError(`${prefix}: request rejected (${status})${detail}`, {
    kind: 'bad-request',
    status,
    retryable: false,
    hint: status === 404 ? 'check the model name' : undefined,
    cause,
  });
}

/** Anything without a status: a body that broke off mid-read is a network failure; the rest is ours. */
function unknownError(error: unknown, context: ErrorContext): ProviderError {
  const text = error instanceof Error ? error.message : String(error);
  const network = error instanceof TypeError && /fetch failed|terminated|socket|network/i.test(text);
  return new ProviderError(`${label(context)}: ${oneLine(text, context.settings.apiKey)}`, {
    kind: network ? 'network' : 'bad-request',
    retryable: network,
    cause: error,
  });
}

function label(context: Pick<ErrorContext, 'provider' | 'modelId'>): string {
  return `${context.provider} ${context.modelId}`;
}

function host(settings: ProviderSettings): string {
  try {
    return settings.baseUrl ? new URL(settings.baseUrl).host : 'the API';
  } catch {
    return 'the API';
  }
}

/** One short line, with the key masked in case the provider quoted it. */
export function oneLine(text: string, apiKey: string | undefined, max = 300): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (apiKey && apiKey.length >= 4) line = line.split(apiKey).join('[key]');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
