/**
 * SDK errors → ProviderError. Messages are one line, `anthropic <model>: <reason>`, and never
 * carry the key or request headers (SDK errors hold response headers only, and the provider's
 * text is redacted in case it echoes the key).
 * @see https://platform.claude.com/docs/en/api/errors
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import type { ProviderSettings } from '../../config.js';
import { ProviderError } from '../../errors.js';
import { parseRetryAfterMs } from '../retry-after.js';

export interface ErrorContext {
  modelId: string;
  settings: ProviderSettings;
  /** Our per-attempt deadline fired (it also covers reading the body, which the SDK's does not). */
  timedOut: boolean;
  /** The caller's signal fired: not retried, the caller has given up. */
  aborted: boolean;
}

export const label = (modelId: string): string => `anthropic ${modelId}`;

export function missingKeyError(modelId: string, settings: ProviderSettings): ProviderError {
  const variable = settings.keyVariable;
  return new ProviderError(`${label(modelId)}: no API key (${variable} is not set)`, {
    kind: 'auth',
    retryable: false,
    hint: `set ${variable}`,
  });
}

export function toProviderError(error: unknown, context: ErrorContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const prefix = label(context.modelId);
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
    return fromStatus(error.status, error, context);
  }
  const text = error instanceof Error ? error.message : String(error);
  // A body that broke off mid-read surfaces as a bare TypeError from fetch.
  const network = error instanceof TypeError && /fetch failed|terminated|socket|network/i.test(text);
  return new ProviderError(`${prefix}: ${oneLine(text, context.settings.apiKey)}`, {
    kind: network ? 'network' : 'bad-request',
    retryable: network,
    cause: error,
  });
}

function fromStatus(status: number, error: APIError, context: ErrorContext): ProviderError {
  const prefix = label(context.modelId);
  const variable = context.settings.keyVariable;
  const detail = error.apiMessage ? `: ${oneLine(error.apiMessage, context.settings.apiKey)}` : '';
  const retryAfterMs = parseRetryAfterMs(error.headers);
  const cause = error;

  if (status === 401) {
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
    return new ProviderError(`${prefix}: rate limited (429)`, {
      kind: 'rate-limit',
      status,
      retryAfterMs,
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
  // 529 is Anthropic's "overloaded"; the rest of 5xx are transient server errors.
  if (status >= 500) {
    const reason = status === 529 ? 'overloaded' : 'server error';
    return new ProviderError(`${prefix}: ${reason} (${status})${detail}`, {
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
    hint:
      status === 404
        ? 'check the model name'
        : status === 402
          ? `check the billing of the account behind ${variable}`
          : undefined,
    cause,
  });
}

function host(settings: ProviderSettings): string {
  try {
    return new URL(settings.baseUrl ?? 'https://api.anthropic.com').host;
  } catch {
    return 'the API';
  }
}

/** One short line, with the key masked in case the provider quoted it. */
function oneLine(text: string, apiKey: string | undefined, max = 300): string {
  let line = text.replace(/\s+/g, ' ').trim();
  if (apiKey && apiKey.length >= 4) line = line.split(apiKey).join('[key]');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
