/**
 * What every adapter's batch interface shares: one exchange per method under our own deadline
 * (the SDKs' retries are off, as online), the checks on what is submitted, and the errors an
 * item gets when it never ran or failed inside the batch.
 */
import { ProviderError } from '../errors.js';
import { callWithDeadline } from './adapter-call.js';
import { errorFromStatus, label, oneLine, type AdapterIdentity, type SdkErrorReader } from './adapter-errors.js';
import type { BatchItemOutcome, BatchItemRequest } from './batch-api.js';
import type { ChatRequest } from './model.js';

/**
 * Per exchange. A submit uploads every request of the batch and a results call downloads
 * every answer, so they get longer than a chat call; still one attempt, retried above.
 */
export const BATCH_EXCHANGE_TIMEOUT_MS = 120_000;

/** The contract's rule for our ids (OpenAI's and Anthropic's custom_id limits). */
const CUSTOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** One exchange with a provider's batch interface: our deadline and the caller's signal. */
export function batchExchange<T>(
  identity: AdapterIdentity,
  sdk: SdkErrorReader,
  signal: AbortSignal | undefined,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return callWithDeadline(
    identity,
    { timeoutMs: BATCH_EXCHANGE_TIMEOUT_MS, ...(signal ? { signal } : {}) },
    sdk,
    attempt,
  );
}

/** A batch item's request as the online builders take it (they read neither field). */
export function asChatRequest(item: BatchItemRequest): ChatRequest {
  return { ...item.request, timeoutMs: BATCH_EXCHANGE_TIMEOUT_MS };
}

/** Refuses, before anything is uploaded, what the provider would reject for the whole batch. */
export function checkBatchItems(
  identity: AdapterIdentity,
  items: readonly BatchItemRequest[],
  maxRequests: number,
): void {
  const fail = (why: string) =>
    new ProviderError(`${label(identity)}: batch not submitted: ${why}`, { kind: 'bad-request', retryable: false });
  if (items.length === 0) throw fail('no requests');
  if (items.length > maxRequests) throw fail(`${items.length} requests, the limit is ${maxRequests}`);
  const seen = new Set<string>();
  for (const { customId } of items) {
    if (!CUSTOM_ID.test(customId)) throw fail(`custom id ${JSON.stringify(oneLine(customId, undefined, 80))} is not 1-64 of [A-Za-z0-9_-]`);
    if (seen.has(customId)) throw fail(`custom id ${customId} appears twice`);
    seen.add(customId);
  }
}

/** An item the provider never ran (batch expired, cancelled or failed): the online path may answer it. */
export function notRun(identity: AdapterIdentity, customId: string, why: string): BatchItemOutcome {
  return {
    customId,
    ok: false,
    notRun: true,
    error: new ProviderError(`${label(identity)}: batch request ${customId} did not run (${why})`, {
      kind: 'overloaded',
      retryable: true,
    }),
  };
}

/** An item that ran and failed inside the batch, with the status the provider gave it. */
export function itemFailed(
  identity: AdapterIdentity,
  customId: string,
  status: number | undefined,
  message: string | undefined,
): BatchItemOutcome {
  const error =
    status != null && status >= 400
      ? errorFromStatus(status, identity, { message })
      : new ProviderError(
          `${label(identity)}: batch request ${customId} failed${message ? `: ${oneLine(message, identity.settings.apiKey)}` : ''}`,
          { kind: 'overloaded' },
        );
  return { customId, ok: false, notRun: false, error };
}

/** A mapper's throw (refusal, filter) becomes the item's outcome instead of failing the whole read. */
export function mapItem(customId: string, map: () => BatchItemOutcome): BatchItemOutcome {
  try {
    return map();
  } catch (error) {
    if (error instanceof ProviderError) return { customId, ok: false, notRun: false, error };
    throw error;
  }
}

/** Adds a `notRun` outcome for every submitted id the provider did not report. */
export function completeOutcomes(
  identity: AdapterIdentity,
  outcomes: BatchItemOutcome[],
  submitted: readonly string[] | undefined,
  why: string,
): BatchItemOutcome[] {
  if (submitted === undefined) return outcomes;
  const reported = new Set(outcomes.map((outcome) => outcome.customId));
  const missing = submitted.filter((customId) => !reported.has(customId));
  return [...outcomes, ...missing.map((customId) => notRun(identity, customId, why))];
}
