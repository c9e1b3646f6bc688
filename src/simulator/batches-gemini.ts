/**
 * Gemini batch mode on the simulator, as @google/genai 2.32 calls it with inlined requests:
 * `POST /v1beta/models/{model}:batchGenerateContent` (`{batch: {inputConfig: {requests:
 * {requests: [{request, metadata}]}}}}`) answers a long-running operation named `batches/…`;
 * `GET /v1beta/batches/{id}` shows its state (`BATCH_STATE_*`) and, once it has ended, the
 * inlined responses in request order, each with the request's metadata, as a
 * `GenerateContentResponse` or an `error` status.
 * @see https://ai.google.dev/gemini-api/docs/batch-mode
 */
import { errorReply, jsonBody, type BatchRoutes } from './batch-wire.js';
import type { BatchItem, ItemOutcome, StoredBatch } from './batches.js';
import { geminiWire } from './gemini.js';
import { isRecord } from './types.js';

const CREATE = /^\/(v1beta|v1alpha|v1)\/(.+):batchGenerateContent$/;
const GET = /^\/(v1beta|v1alpha|v1)\/batches\/([^/:]+)$/;
const RPC_OF_HTTP: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 429: 8, 500: 13, 503: 14, 504: 4 };
const TYPE = 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch';

export function geminiBatchRoutes(): BatchRoutes {
  return {
    wire: geminiWire,
    matches: (method, path) => (method === 'POST' && CREATE.test(path)) || (method === 'GET' && GET.test(path)),
    route(request, store) {
      const bad = (message: string) => errorReply(geminiWire, 'badRequest', request.requestId, message);
      const create = CREATE.exec(request.url.pathname);
      if (create) {
        const model = decodeURIComponent(create[2] ?? '');
        const body = jsonBody(request.raw);
        const batch = isRecord(body) && isRecord(body.batch) ? body.batch : undefined;
        const config = batch && isRecord(batch.inputConfig) ? batch.inputConfig : undefined;
        const wrapper = config && isRecord(config.requests) ? config.requests : undefined;
        const requests = wrapper && Array.isArray(wrapper.requests) ? wrapper.requests : undefined;
        if (requests === undefined || requests.length === 0) {
          return bad('* BatchGenerateContentRequest.batch.input_config: input_config is required (inlined requests only)');
        }
        const items = readRequests(requests, model);
        if (typeof items === 'string') return bad(items);
        const displayName = typeof batch?.displayName === 'string' ? batch.displayName : 'batch';
        const stored = store.create(geminiWire, items, { model, displayName, metadata: requests.map(metadataOf) });
        return { status: 200, body: operation(stored, undefined) };
      }
      const id = decodeURIComponent(GET.exec(request.url.pathname)?.[2] ?? '');
      const batch = store.get(id);
      if (batch === undefined) return errorReply(geminiWire, 'notFound', request.requestId, `Batch batches/${id} not found.`);
      // Reading the answers marks them fetched; a poll before the end reads nothing.
      const outcomes = batch.state === 'in_progress' ? undefined : store.outcomes(batch);
      return { status: 200, body: operation(batch, outcomes) };
    },
  };
}

function readRequests(requests: unknown[], model: string): BatchItem[] | string {
  const items: BatchItem[] = [];
  for (const [index, entry] of requests.entries()) {
    if (!isRecord(entry) || !isRecord(entry.request)) return `* requests[${index}].request: request is required`;
    const key = metadataOf(entry).key;
    const itemModel = typeof entry.request.model === 'string' ? entry.request.model : model;
    // Gemini needs no id; ours rides in `metadata.key`, or the position stands in for it.
    items.push({ customId: typeof key === 'string' ? key : String(index), body: entry.request, pathModel: itemModel });
  }
  return items;
}

const metadataOf = (entry: unknown): Record<string, unknown> =>
  isRecord(entry) && isRecord(entry.metadata) ? entry.metadata : {};

function operation(batch: StoredBatch, outcomes: ItemOutcome[] | undefined): Record<string, unknown> {
  const ended = batch.state !== 'in_progress';
  const state = !ended ? 'BATCH_STATE_RUNNING' : batch.state === 'expired' ? 'BATCH_STATE_EXPIRED' : 'BATCH_STATE_SUCCEEDED';
  const metadata = (batch.extra.metadata as Record<string, unknown>[] | undefined) ?? [];
  const responses = (outcomes ?? []).flatMap((outcome, index): Record<string, unknown>[] => {
    if (!outcome.run) return [];
    const meta = metadata[index] ?? {};
    if (outcome.status === 200) return [{ response: outcome.body, metadata: meta }];
    // An item's error is a google.rpc.Status: the gRPC code, not the HTTP one.
    const error = isRecord(outcome.body) && isRecord(outcome.body.error) ? outcome.body.error : {};
    return [{ error: { code: RPC_OF_HTTP[outcome.status] ?? 2, message: error.message }, metadata: meta }];
  });
  const now = new Date(batch.endedAt ?? batch.createdAt).toISOString();
  const succeeded = responses.filter((entry) => 'response' in entry).length;
  const body: Record<string, unknown> = {
    '@type': TYPE,
    model: `models/${String(batch.extra.model).replace(/^models\//, '')}`,
    displayName: batch.extra.displayName,
    createTime: new Date(batch.createdAt).toISOString(),
    updateTime: now,
    ...(ended ? { endTime: now } : {}),
    batchStats: {
      requestCount: String(batch.customIds.length),
      ...(ended
        ? { successfulRequestCount: String(succeeded), failedRequestCount: String(responses.length - succeeded) }
        : { pendingRequestCount: String(batch.customIds.length) }),
    },
    state,
    name: `batches/${batch.id}`,
    ...(ended ? { output: { inlinedResponses: { inlinedResponses: responses } } } : {}),
  };
  return {
    name: `batches/${batch.id}`,
    metadata: body,
    ...(ended ? { done: true, response: { '@type': `${TYPE}Output`, inlinedResponses: { inlinedResponses: responses } } } : {}),
  };
}
