/**
 * Gemini batch mode with inlined requests: each request is the online call's model, contents
 * and config (thinking bounds included), our custom id in `metadata.key`; the finished batch
 * carries `inlinedResponses` in which each answer goes through the online mapper (usage,
 * finish reasons, blocks), or an `error` status. Requests of a batch that expired, failed or
 * was cancelled have no entry: pass `submitted` to `results` to get them back as `notRun`.
 * @see https://ai.google.dev/gemini-api/docs/batch-mode
 */
import type { BatchJob, Fetch, GoogleGenAI, InlinedRequest, InlinedResponse } from '@google/genai';
import { ProviderError } from '../../errors.js';
import { sdkTimeoutMs } from '../adapter-call.js';
import { label, missingKeyError, type AdapterIdentity } from '../adapter-errors.js';
import type { BatchItemOutcome, ProviderBatchApi, ProviderBatchStatus } from '../batch-api.js';
import {
  asChatRequest,
  BATCH_EXCHANGE_TIMEOUT_MS,
  batchExchange,
  checkBatchItems,
  completeOutcomes,
  itemFailed,
  mapItem,
} from '../batch-call.js';
import { BATCH_MAX_REQUESTS } from '../batch-limits.js';
import { googleErrors, recordFailedResponses } from './errors.js';
import { buildGenerateContentBody } from './request.js';
import { responseResult } from './response.js';

const MAX_REQUESTS = BATCH_MAX_REQUESTS.google ?? 0;

/** google.rpc.Code → the HTTP status it stands for, so an item's error reads like online. */
const HTTP_OF_RPC_CODE: Record<number, number> = {
  1: 499, 2: 500, 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 10: 409, 11: 400, 12: 501, 13: 500, 14: 503, 15: 500, 16: 401,
};

export function googleBatchApi(client: () => GoogleGenAI | undefined, identity: AdapterIdentity, transport: Fetch): ProviderBatchApi {
  /** One SDK call with our deadline, its timeout and the failed response's headers read. */
  const exchange = <T>(signal: AbortSignal | undefined, call: (api: GoogleGenAI, config: ExchangeConfig) => Promise<T>) => {
    const api = client();
    if (api == null) throw missingKeyError(identity);
    return batchExchange(identity, googleErrors, signal, async (attempt) => {
      const failed = recordFailedResponses(transport);
      const config = { abortSignal: attempt, httpOptions: { timeout: sdkTimeoutMs({ timeoutMs: BATCH_EXCHANGE_TIMEOUT_MS }), fetch: failed.fetch } };
      return call(api, config).catch((error: unknown) => {
        throw failed.attach(error);
      });
    });
  };

  return {
    maxRequests: MAX_REQUESTS,

    async submit(items, signal) {
      checkBatchItems(identity, items, MAX_REQUESTS);
      const src: InlinedRequest[] = items.map((item) => {
        const { parameters } = buildGenerateContentBody(identity.modelId, asChatRequest(item));
        return { contents: parameters.contents, ...(parameters.config ? { config: parameters.config } : {}), metadata: { key: item.customId } };
      });
      const job = await exchange(signal, (api, config) =>
        api.batches.create({ model: identity.modelId, src, config: { ...config, displayName: `ship-or-skip ${items.length} requests` } }),
      );
      if (!job.name) throw new ProviderError(`${label(identity)}: the batch was created without a name`, { kind: 'overloaded' });
      return job.name;
    },

    async status(batchId, signal) {
      return batchStatus(await exchange(signal, (api, config) => api.batches.get({ name: batchId, config })));
    },

    async results(batchId, signal, submitted) {
      const job = await exchange(signal, (api, config) => api.batches.get({ name: batchId, config }));
      const status = batchStatus(job);
      if (status.state === 'in-progress') {
        throw new ProviderError(`${label(identity)}: batch ${batchId} is still ${status.raw}; no results yet`, {
          kind: 'bad-request',
          retryable: false,
        });
      }
      const outcomes = (job.dest?.inlinedResponses ?? []).flatMap((entry, index) => {
        const outcome = outcomeOf(entry, identity, submitted?.[index]);
        return outcome ? [outcome] : [];
      });
      return completeOutcomes(identity, outcomes, submitted, `batch ${status.raw}, no answer`);
    },
  };
}

interface ExchangeConfig {
  abortSignal: AbortSignal;
  httpOptions: { timeout: number; fetch: Fetch };
}

export function batchStatus(job: Pick<BatchJob, 'state'>): ProviderBatchStatus {
  const raw = job.state ?? 'JOB_STATE_UNSPECIFIED';
  return { state: mapJobState(raw), raw };
}

/** The SDK turns the API's BATCH_STATE_* into JOB_STATE_*; both are read. */
function mapJobState(raw: string): ProviderBatchStatus['state'] {
  switch (raw.replace(/^BATCH_STATE_/, 'JOB_STATE_')) {
    case 'JOB_STATE_SUCCEEDED':
    case 'JOB_STATE_PARTIALLY_SUCCEEDED':
      return 'ended';
    case 'JOB_STATE_FAILED':
      return 'failed';
    case 'JOB_STATE_CANCELLED':
      return 'cancelled';
    case 'JOB_STATE_EXPIRED':
      return 'expired';
    default:
      // PENDING, QUEUED, RUNNING, PAUSED, CANCELLING, UPDATING, UNSPECIFIED.
      return 'in-progress';
  }
}

/**
 * One inlined response → the item's outcome. Our id is the request's `metadata.key`; without
 * it (a response that lost its metadata), the position in the submitted list, when given.
 */
export function outcomeOf(entry: InlinedResponse, identity: AdapterIdentity, byPosition: string | undefined): BatchItemOutcome | undefined {
  const key = (entry.metadata as Record<string, unknown> | undefined)?.key;
  const customId = typeof key === 'string' ? key : byPosition;
  if (customId === undefined) return undefined;
  if (entry.error != null || entry.response == null) {
    const code = entry.error?.code;
    const status = code == null ? undefined : code >= 100 ? code : HTTP_OF_RPC_CODE[code];
    return itemFailed(identity, customId, status, entry.error?.message ?? 'no response');
  }
  const response = entry.response;
  return mapItem(customId, () => ({ customId, ok: true, result: { ...responseResult(response, label(identity), []), batch: true } }));
}
