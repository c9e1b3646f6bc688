/**
 * Transient-error retries for one provider call. The SDKs' own retries are switched off in
 * every adapter: the OpenAI SDK obeys any `retry-after` (even an hour) and the Google SDK does
 * not retry at all, so one loop here gives every provider the same, capped behaviour.
 */
import { ProviderError } from '../errors.js';

export interface RetryPolicy {
  maxRetries: number;
  /** Longest server-requested wait we honour. */
  retryAfterCapMs: number;
  /** First backoff step; doubles per retry up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface RetryHooks {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  /** Called before each wait, e.g. so a shared limiter can slow everyone down. */
  onRetry?: (event: { attempt: number; delayMs: number; error: ProviderError }) => void;
  signal?: AbortSignal;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/** Delay before retry number `retry` (0-based): the server's wish if it gave one, capped. */
export function retryDelayMs(
  error: ProviderError,
  retry: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (error.retryAfterMs != null && error.retryAfterMs > 0) {
    return Math.min(error.retryAfterMs, policy.retryAfterCapMs);
  }
  const base = policy.baseBackoffMs ?? 500;
  const exponential = Math.min(base * 2 ** retry, policy.maxBackoffMs ?? 8_000);
  // Up to 25% jitter so parallel persona calls that failed together don't retry together.
  return Math.round(exponential * (1 - 0.25 * random()));
}

/** Runs `attempt` until it succeeds, fails permanently, or the retries are spent. */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const wait = hooks.sleep ?? sleep;
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry + 1);
    } catch (error) {
      const retryable = error instanceof ProviderError && error.retryable;
      if (!retryable || retry >= policy.maxRetries || hooks.signal?.aborted) throw error;
      const delayMs = retryDelayMs(error, retry, policy, hooks.random);
      hooks.onRetry?.({ attempt: retry + 1, delayMs, error });
      await wait(delayMs, hooks.signal);
    }
  }
}
