/**
 * Anthropic Message Batches: `{custom_id, params}` requests whose params are exactly the online
 * Messages body, collected as a JSONL stream of `{custom_id, result}` where `succeeded` carries
 * the online message (mapped by the online mapper: usage, stop reasons, refusals), `errored` an
 * error body, and `canceled` / `expired` requests never ran.
 * @see https://platform.claude.com/docs/en/build-with-claude/batch-processing
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageBatch, MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import { ProviderError } from '../../errors.js';
import { label, missingKeyError, type AdapterIdentity } from '../adapter-errors.js';
import type { BatchItemOutcome, ProviderBatchApi, ProviderBatchStatus } from '../batch-api.js';
import { asChatRequest, batchExchange, checkBatchItems, completeOutcomes, itemFailed, mapItem, notRun } from '../batch-call.js';
import { BATCH_MAX_REQUESTS } from '../batch-limits.js';
import { anthropicErrors } from './errors.js';
import { buildMessagesRequest } from './request.js';
import { messageResult } from './response.js';

const MAX_REQUESTS = BATCH_MAX_REQUESTS.anthropic ?? 0;

/** The HTTP status each documented error type stands for, so an item's error reads like online. */
const STATUS_OF_ERROR_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export function anthropicBatchApi(client: () => Anthropic | undefined, identity: AdapterIdentity): ProviderBatchApi {
  const sdk = (): Anthropic => {
    const api = client();
    if (api == null) throw missingKeyError(identity);
    return api;
  };
  const retrieve = (batchId: string, signal: AbortSignal | undefined) =>
    batchExchange(identity, anthropicErrors, signal, (attempt) =>
      sdk().messages.batches.retrieve(batchId, {}, { signal: attempt, maxRetries: 0 }),
    );

  return {
    maxRequests: MAX_REQUESTS,

    async submit(items, signal) {
      checkBatchItems(identity, items, MAX_REQUESTS);
      const api = sdk();
      const requests = items.map((item) => ({
        custom_id: item.customId,
        params: buildMessagesRequest(identity.modelId, asChatRequest(item)).body,
      }));
      const batch = await batchExchange(identity, anthropicErrors, signal, (attempt) =>
        api.messages.batches.create({ requests }, { signal: attempt, maxRetries: 0 }),
      );
      return batch.id;
    },

    async status(batchId, signal) {
      return batchStatus(await retrieve(batchId, signal));
    },

    async results(batchId, signal, submitted) {
      const batch = await retrieve(batchId, signal);
      if (batch.processing_status !== 'ended') {
        throw new ProviderError(`${label(identity)}: batch ${batchId} is still ${batch.processing_status}; no results yet`, {
          kind: 'bad-request',
          retryable: false,
        });
      }
      const api = sdk();
      return batchExchange(identity, anthropicErrors, signal, async (attempt) => {
        const outcomes: BatchItemOutcome[] = [];
        const stream = await api.messages.batches.results(batchId, {}, { signal: attempt, maxRetries: 0 });
        for await (const line of stream) outcomes.push(outcomeOf(line, identity));
        return completeOutcomes(identity, outcomes, submitted, 'not in the results');
      });
    },
  };
}

export function batchStatus(batch: Pick<MessageBatch, 'processing_status' | 'request_counts'>): ProviderBatchStatus {
  const counts = batch.request_counts;
  return {
    // Anthropic has no expired batch: an ended batch lists its expired requests in the results.
    state: batch.processing_status === 'ended' ? 'ended' : 'in-progress',
    raw: batch.processing_status,
    ...(counts
      ? {
          counts: {
            total: counts.processing + counts.succeeded + counts.errored + counts.canceled + counts.expired,
            succeeded: counts.succeeded,
            failed: counts.errored,
          },
        }
      : {}),
  };
}

/** One results line → the item's outcome. */
export function outcomeOf(line: MessageBatchIndividualResponse, identity: AdapterIdentity): BatchItemOutcome {
  const customId = line.custom_id;
  const result = line.result;
  switch (result.type) {
    case 'succeeded':
      // The output's name is not on the line; ours is the only structured output we ask for,
      // and the text block path covers `output_config.format` answers.
      return mapItem(customId, () => ({
        customId,
        ok: true,
        result: { ...messageResult(result.message, label(identity), OUTPUT_NAME_UNKNOWN, []), batch: true },
      }));
    case 'errored': {
      const error = result.error?.error;
      return itemFailed(identity, customId, STATUS_OF_ERROR_TYPE[error?.type ?? ''], error?.message);
    }
    case 'canceled':
    case 'expired':
      return notRun(identity, customId, `request ${result.type}`);
    default:
      return itemFailed(identity, customId, undefined, `unknown result type ${(result as { type?: unknown }).type as string}`);
  }
}

/**
 * Requests are sent with `output_config.format`, whose answer is a text block; a tool named
 * after the output is only read online when one was forced, which batches never do.
 */
const OUTPUT_NAME_UNKNOWN = '';
