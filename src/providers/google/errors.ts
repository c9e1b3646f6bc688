/**
 * SDK errors → ProviderError. The SDK throws one `ApiError` for every 4xx/5xx, with the body
 * JSON-encoded in `message` and no headers, so the wait a 429 asks for comes from the body's
 * `RetryInfo.retryDelay`. A bad key is a 400 with reason `API_KEY_INVALID`, not a 401.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting
 */
import { ApiError } from '@google/genai';
import { z } from 'zod';
import type { ProviderSettings } from '../../config.js';
import { ProviderError } from '../../errors.js';

export interface ErrorContext {
  modelId: string;
  settings: ProviderSettings;
  /** The caller's signal fired: not retried, the caller has given up. */
  aborted: boolean;
}

export const label = (modelId: string): string => `google ${modelId}`;

/** google.rpc.Status, read tolerantly: every field may be missing. */
const ErrorBody = z.object({
  error: z
    .object({
      message: z.string().nullish(),
      status: z.string().nullish(),
      details: z.array(z.record(z.string(), z.unknown())).nullish(),
    })
    .nullish(),
});
type ErrorBody = z.infer<typeof ErrorBody>;

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
  // The SDK's timeout and ours both abort the fetch; either way it is our deadline.
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new ProviderError(`${prefix}: no answer within the call timeout`, {
      kind: 'timeout',
      cause: error,
    });
  }
  if (error instanceof ApiError) return fromStatus(error, context);
  const text = error instanceof Error ? error.message : String(error);
  const network = isConnectionError(error);
  return new ProviderError(
    `${prefix}: ${network ? `cannot reach ${host(context.settings)}` : oneLine(text, context.settings.apiKey)}`,
    { kind: network ? 'network' : 'bad-request', retryable: network, cause: error },
  );
}

function fromStatus(error: ApiError, context: ErrorContext): ProviderError {
  const status = error.status;
  const prefix = label(context.modelId);
  const variable = context.settings.keyVariable;
  const body = parseBody(error.message);
  const message = body?.error?.message;
  const detail = message ? `: ${oneLine(message, context.settings.apiKey)}` : '';
  const cause = error;

  const badKey = hasReason(body, 'API_KEY_INVALID') || /API key not valid/i.test(message ?? '');
  if (status === 401 || (status === 400 && badKey)) {
    return new ProviderError(`${prefix}: the key in ${variable} was rejected (${status})`, {
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
      retryAfterMs: retryDelayMs(body),
      cause,
    });
  }
  if (status === 408) {
    return new ProviderError(`${prefix}: the server timed out (408)`, { kind: 'timeout', status, cause });
  }
  if (status >= 500) {
    return new ProviderError(`${prefix}: server error or overloaded (${status})${detail}`, {
      kind: 'overloaded',
      status,
      retryAfterMs: retryDelayMs(body),
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

/**
 * Node's fetch reports refused connections, DNS failures and resets as `TypeError: fetch failed`
 * with the system error (`code: 'ECONNREFUSED'`, `UND_ERR_SOCKET`…) as its cause.
 */
function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current != null && depth < 4; depth += 1) {
    if (current instanceof TypeError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_\w+)$/.test(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function parseBody(text: string): ErrorBody | undefined {
  try {
    const result = ErrorBody.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function hasReason(body: ErrorBody | undefined, reason: string): boolean {
  return (body?.error?.details ?? []).some((detail) => detail['reason'] === reason);
}

/** `RetryInfo.retryDelay` is a protobuf Duration in JSON form, e.g. `"37s"` or `"0.5s"`. */
function retryDelayMs(body: ErrorBody | undefined): number | undefined {
  for (const detail of body?.error?.details ?? []) {
    const delay = detail['retryDelay'];
    const match = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay.trim()) : null;
    if (match?.[1] != null) return Math.ceil(Number(match[1]) * 1000);
  }
  return undefined;
}

function host(settings: ProviderSettings): string {
  try {
    return new URL(settings.baseUrl ?? 'https://generativelanguage.googleapis.com').host;
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
