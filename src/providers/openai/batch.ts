/**
 * OpenAI Batch: the requests go up as one JSONL file (`purpose: "batch"`) of
 * `{custom_id, method, url, body}` lines whose body is exactly the online Chat Completions body,
 * the batch runs within 24 h at half price, and the answers come back as an output file and an
 * error file of `{custom_id, response: {status_code, body}, error}` lines. Each body goes
 * through the online mapper, so usage, finish reasons and refusals read the same. An error line
 * coded `batch_expired` / `batch_cancelled` never ran (`notRun`); so does a request of an
 * unfinished batch that is in neither file.
 * @see https://platform.openai.com/docs/guides/batch
 * @see https://platform.openai.com/docs/api-reference/batch
 */
import OpenAI, { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import { ProviderError } from '../../errors.js';
import { label, missingKeyError, type AdapterIdentity } from '../adapter-errors.js';
import type { BatchItemOutcome, ProviderBatchApi, ProviderBatchStatus } from '../batch-api.js';
import { BATCH_MAX_REQUESTS } from '../batch-limits.js';
import { asChatRequest, batchExchange, checkBatchItems, completeOutcomes, itemFailed, mapItem, notRun } from '../batch-call.js';
import { openAIErrors } from './errors.js';
import { buildChatCompletionRequest } from './request.js';
import { completionResult } from './response.js';

const MAX_REQUESTS = BATCH_MAX_REQUESTS.openai ?? 0;
const ENDPOINT = '/v1/chat/completions';

/** One line of a batch's output or error file. */
interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: unknown; body?: unknown } | null;
  error?: { code?: unknown; message?: unknown } | null;
}

export function openAIBatchApi(client: () => OpenAI | undefined, identity: AdapterIdentity): ProviderBatchApi {
  const sdk = () => client() ?? missingKey(identity);
  return {
    maxRequests: MAX_REQUESTS,

    async submit(items, signal) {
      checkBatchItems(identity, items, MAX_REQUESTS);
      const api = sdk();
      const jsonl = items
        .map((item) => {
          const { body } = buildChatCompletionRequest('openai', identity.modelId, asChatRequest(item));
          return JSON.stringify({ custom_id: item.customId, method: 'POST', url: ENDPOINT, body });
        })
        .join('\n');
      const file = await batchExchange(identity, openAIErrors, signal, async (attempt) =>
        api.files.create(
          { file: await toFile(Buffer.from(`${jsonl}\n`, 'utf8'), 'requests.jsonl', { type: 'application/jsonl' }), purpose: 'batch' },
          { signal: attempt, maxRetries: 0 },
        ),
      );
      const batch = await batchExchange(identity, openAIErrors, signal, (attempt) =>
        api.batches.create(
          { input_file_id: file.id, endpoint: ENDPOINT, completion_window: '24h' },
          { signal: attempt, maxRetries: 0 },
        ),
      );
      return batch.id;
    },

    async status(batchId, signal) {
      return batchStatus(await retrieve(sdk(), identity, batchId, signal));
    },

    async results(batchId, signal, submitted) {
      const api = sdk();
      const batch = await retrieve(api, identity, batchId, signal);
      const { state } = batchStatus(batch);
      if (state === 'in-progress') throw stillRunning(identity, batch);
      const outcomes = new Map<string, BatchItemOutcome>();
      for (const fileId of [batch.output_file_id, batch.error_file_id]) {
        if (fileId == null) continue;
        for (const line of await readJsonl(api, identity, fileId, signal)) {
          const outcome = outcomeOf(line as OutputLine, identity);
          if (outcome) outcomes.set(outcome.customId, outcome);
        }
      }
      // A batch that did not complete leaves some requests in neither file: they never ran.
      if (state !== 'ended' && batch.input_file_id) {
        for (const line of await readJsonl(api, identity, batch.input_file_id, signal)) {
          const customId = (line as OutputLine).custom_id;
          if (typeof customId === 'string' && !outcomes.has(customId)) {
            outcomes.set(customId, notRun(identity, customId, `batch ${batch.status}`));
          }
        }
      }
      return completeOutcomes(identity, [...outcomes.values()], submitted, `batch ${batch.status}, no answer`);
    },
  };
}

function retrieve(api: OpenAI, identity: AdapterIdentity, batchId: string, signal: AbortSignal | undefined): Promise<Batch> {
  return batchExchange(identity, openAIErrors, signal, (attempt) =>
    api.batches.retrieve(batchId, { signal: attempt, maxRetries: 0 }),
  );
}

export function batchStatus(batch: Pick<Batch, 'status' | 'request_counts'>): ProviderBatchStatus {
  const counts = batch.request_counts;
  return {
    state: mapBatchStatus(batch.status),
    raw: batch.status,
    ...(counts ? { counts: { total: counts.total, succeeded: counts.completed, failed: counts.failed } } : {}),
  };
}

function mapBatchStatus(raw: string): ProviderBatchStatus['state'] {
  switch (raw) {
    case 'completed':
      return 'ended';
    case 'expired':
      return 'expired';
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return 'failed';
    default:
      // validating, in_progress, finalizing, cancelling: results are not final yet.
      return 'in-progress';
  }
}

/** One output or error line → the item's outcome; undefined for a line without our id. */
export function outcomeOf(line: OutputLine, identity: AdapterIdentity): BatchItemOutcome | undefined {
  const customId = line.custom_id;
  if (typeof customId !== 'string') return undefined;
  if (line.error != null) {
    const code = typeof line.error.code === 'string' ? line.error.code : undefined;
    // The error file lists what the window or a cancel cut off under these two codes.
    if (code === 'batch_expired' || code === 'batch_cancelled') return notRun(identity, customId, code);
    const message = typeof line.error.message === 'string' ? line.error.message : 'no message';
    return itemFailed(identity, customId, undefined, code ? `${code}: ${message}` : message);
  }
  const status = typeof line.response?.status_code === 'number' ? line.response.status_code : undefined;
  const body = line.response?.body;
  if (status !== 200 || body == null || typeof body !== 'object') {
    const embedded = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    return itemFailed(identity, customId, status, typeof embedded === 'string' ? embedded : undefined);
  }
  return mapItem(customId, () => ({
    customId,
    ok: true,
    result: { ...completionResult(body as ChatCompletion, identity, []), batch: true },
  }));
}

async function readJsonl(
  api: OpenAI,
  identity: AdapterIdentity,
  fileId: string,
  signal: AbortSignal | undefined,
): Promise<unknown[]> {
  const text = await batchExchange(identity, openAIErrors, signal, async (attempt) => {
    const response = await api.files.content(fileId, { signal: attempt, maxRetries: 0 });
    return response.text();
  });
  return parseJsonl(text, identity, fileId);
}

/** Lines of a JSONL file; a line that is not JSON makes the whole file unreadable (one line error). */
export function parseJsonl(text: string, identity: AdapterIdentity, source: string): unknown[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, index) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw new ProviderError(`${label(identity)}: ${source} line ${index + 1} is not JSON`, { kind: 'overloaded' });
    }
  });
}

function stillRunning(identity: AdapterIdentity, batch: Batch): ProviderError {
  return new ProviderError(`${label(identity)}: batch ${batch.id} is still ${batch.status}; no results yet`, {
    kind: 'bad-request',
    retryable: false,
  });
}

function missingKey(identity: AdapterIdentity): never {
  throw missingKeyError(identity);
}
