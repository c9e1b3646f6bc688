/**
 * One attempt of an adapter's call, shared by every adapter: our own deadline next to the
 * caller's signal, and every failure mapped through the adapter's `SdkErrorReader`.
 */
import { toProviderError, type AdapterIdentity, type SdkErrorReader } from './adapter-errors.js';
import type { ChatRequest } from './model.js';

/** The SDKs insist on a positive whole number of milliseconds. */
export function sdkTimeoutMs(request: Pick<ChatRequest, 'timeoutMs'>): number {
  return Math.max(1, Math.ceil(request.timeoutMs));
}

/**
 * Runs `attempt` under our own deadline as well as the caller's signal. Our deadline is needed
 * because the OpenAI and Anthropic SDKs' timeouts stop at the response headers, and keeping the
 * two signals apart is what tells a timeout (retried) from an abort (not retried).
 */
export async function callWithDeadline<T>(
  identity: AdapterIdentity,
  request: Pick<ChatRequest, 'timeoutMs' | 'signal'>,
  sdk: SdkErrorReader,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
  const signal = request.signal
    ? AbortSignal.any([request.signal, deadline.signal])
    : deadline.signal;
  try {
    return await attempt(signal);
  } catch (error) {
    // Read now, not before: which signal has fired is only known once the attempt has failed.
    const aborted = request.signal?.aborted === true;
    throw toProviderError(error, { ...identity, aborted, timedOut: deadline.signal.aborted }, sdk);
  } finally {
    clearTimeout(timer);
  }
}
