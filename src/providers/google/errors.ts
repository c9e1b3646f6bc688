/**
 * How `@google/genai`'s errors read, for the shared mapping in `../adapter-errors.ts`. The SDK
 * throws one `ApiError` for every 4xx/5xx, with the body JSON-encoded in `message` and no
 * headers; the adapter hands the SDK a `fetch` that keeps a failed response's headers (see
 * `recordFailedResponses`), so a 429's wait is read from both the `retry-after` header and the
 * body's `RetryInfo.retryDelay`. A bad key is a 400 with reason `API_KEY_INVALID`, not a 401.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting
 */
import { ApiError, type Fetch } from '@google/genai';
import { z } from 'zod';
import type { ProviderError } from '../../errors.js';
import { errorFromStatus, type AdapterIdentity, type SdkErrorReader } from '../adapter-errors.js';
import { parseRetryAfterMs } from '../retry-after.js';

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

/** The headers of the failed response behind an SDK error; a WeakMap leaves the error as is. */
const failedResponseHeaders = new WeakMap<object, Headers>();

/**
 * A `fetch` for one attempt that remembers the headers of a failed response, and `attach`, which
 * ties them to the error the SDK then throws so `googleErrors` can read them.
 */
export function recordFailedResponses(transport: Fetch = globalThis.fetch): { fetch: Fetch; attach: (error: unknown) => unknown } {
  let headers: Headers | undefined;
  return {
    // Through the client's own transport: a per-call `fetch` replaces the client's, and that
    // one carries the HTTP timeouts that follow ours (`http-timeouts.ts`).
    fetch: async (input, init) => {
      const response = await transport(input, init);
      if (!response.ok) headers = response.headers;
      return response;
    },
    attach: (error) => {
      if (headers != null && typeof error === 'object' && error != null) {
        failedResponseHeaders.set(error, headers);
      }
      return error;
    },
  };
}

export const googleErrors: SdkErrorReader = {
  // The SDK's default; settings name a base URL only to point it elsewhere.
  defaultBaseUrl: 'https://generativelanguage.googleapis.com',
  // The SDK's timeout and ours both abort the fetch; either way it is our deadline.
  timedOut: (error) =>
    error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'),
  fromResponse: (error, context) => (error instanceof ApiError ? fromStatus(error, context) : undefined),
  unreachable: isConnectionError,
};

function fromStatus(error: ApiError, identity: AdapterIdentity): ProviderError {
  const status = error.status;
  const body = parseBody(error.message);
  const message = body?.error?.message ?? undefined;
  const badKey = hasReason(body, 'API_KEY_INVALID') || /API key not valid/i.test(message ?? '');
  return errorFromStatus(status, identity, {
    message,
    // Gemini rejects a bad key with 400, not 401.
    keyRejected: status === 400 && badKey,
    // Read for quota (429) and availability (5xx) errors only: a 408 says our request was
    // slow, not that the server asked for a pause.
    retryAfterMs: status === 408 ? undefined : requestedWaitMs(error, body),
    cause: error,
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

/**
 * The longer of the `retry-after` header and the body's RetryInfo, when either is present. Both
 * are the server's own ask (the header from the front end, RetryInfo from the quota system), and
 * an attempt made before either has passed is only another 429 and a spent retry. The retry loop
 * caps whatever this returns.
 */
function requestedWaitMs(error: ApiError, body: ErrorBody | undefined): number | undefined {
  const header = parseRetryAfterMs(failedResponseHeaders.get(error));
  const retryInfo = retryDelayMs(body);
  if (header == null) return retryInfo;
  if (retryInfo == null) return header;
  return Math.max(header, retryInfo);
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
