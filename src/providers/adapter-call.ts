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
 * two apart is what tells a timeout (retried) from an abort (not retried).
 *
 * The SDKs get a fresh signal per attempt, linked to the caller's by a listener we remove when
 * the attempt ends. Not `AbortSignal.any`: the OpenAI and Google SDKs leave an 'abort' listener
 * on the signal they are given, and on Node 20 a composite signal with listeners is kept alive
 * for as long as its source (a batch's run-long signal) is, so every call leaked its signals.
 */
export async function callWithDeadline<T>(
  identity: AdapterIdentity,
  request: Pick<ChatRequest, 'timeoutMs' | 'signal'>,
  sdk: SdkErrorReader,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const caller = request.signal;
  const onCallerAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onCallerAbort();
  else caller?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await attempt(controller.signal);
  } catch (error) {
    // Read now, not before: which signal has fired is only known once the attempt has failed.
    const aborted = caller?.aborted === true;
    throw toProviderError(error, { ...identity, aborted, timedOut }, sdk);
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onCallerAbort);
  }
}
