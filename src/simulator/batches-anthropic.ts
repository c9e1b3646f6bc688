/**
 * Anthropic Message Batches on the simulator, as @anthropic-ai/sdk 1.12 calls them:
 * `POST /v1/messages/batches` (`{requests: [{custom_id, params}]}`), `GET …/:id` (a
 * `message_batch` whose `results_url` points back here once it has ended) and `GET …/:id/results`
 * (JSONL of `{custom_id, result}`: `succeeded` with the online message, `errored` with the
 * online error body, `expired` for what an expiry cut off).
 * @see https://platform.claude.com/docs/en/api/creating-message-batches
 */
import { anthropicWire } from './anthropic.js';
import { errorReply, jsonBody, type BatchReply, type BatchRoutes } from './batch-wire.js';
import type { BatchItem, StoredBatch } from './batches.js';
import { isRecord } from './types.js';

const BATCHES = '/v1/messages/batches';
const ONE = /^\/v1\/messages\/batches\/([^/]+)(\/results)?$/;

export function anthropicBatchRoutes(): BatchRoutes {
  return {
    wire: anthropicWire,
    matches: (method, path) => (method === 'POST' && path === BATCHES) || (method === 'GET' && ONE.test(path)),
    route(request, store) {
      const bad = (message: string) => errorReply(anthropicWire, 'badRequest', request.requestId, message);
      if (request.url.pathname === BATCHES) {
        const body = jsonBody(request.raw);
        if (!isRecord(body) || !Array.isArray(body.requests) || body.requests.length === 0) {
          return bad('requests: Field required');
        }
        const items = readRequests(body.requests);
        if (typeof items === 'string') return bad(items);
        return { status: 200, body: batchObject(store.create(anthropicWire, items), request.origin) };
      }
      const [, id = '', results] = ONE.exec(request.url.pathname) ?? [];
      const batch = store.get(decodeURIComponent(id).replace(/^msgbatch_/, ''));
      const notFound = () => errorReply(anthropicWire, 'notFound', request.requestId, `message batch ${id} not found`);
      if (batch === undefined) return notFound();
      if (results === undefined) return { status: 200, body: batchObject(batch, request.origin) };
      const outcomes = store.outcomes(batch);
      if (outcomes === undefined) return notFound();
      const lines = outcomes.map((outcome) =>
        JSON.stringify({
          custom_id: outcome.customId,
          result: !outcome.run
            ? { type: 'expired' }
            : outcome.status === 200
              ? { type: 'succeeded', message: outcome.body }
              : { type: 'errored', error: outcome.body },
        }),
      );
      return { status: 200, text: lines.map((line) => `${line}\n`).join(''), contentType: 'application/binary' } satisfies BatchReply;
    },
  };
}

function readRequests(requests: unknown[]): BatchItem[] | string {
  const seen = new Set<string>();
  const items: BatchItem[] = [];
  for (const [index, entry] of requests.entries()) {
    if (!isRecord(entry) || typeof entry.custom_id !== 'string' || !isRecord(entry.params)) {
      return `requests.${index}: custom_id and params are required`;
    }
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(entry.custom_id)) return `requests.${index}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    if (seen.has(entry.custom_id)) return `Duplicate custom_id: ${entry.custom_id}`;
    seen.add(entry.custom_id);
    items.push({ customId: entry.custom_id, body: entry.params });
  }
  return items;
}

function batchObject(batch: StoredBatch, origin: string): Record<string, unknown> {
  const outcomes = batch.outcomes ?? [];
  const count = (test: (outcome: (typeof outcomes)[number]) => boolean) => outcomes.filter(test).length;
  const ended = batch.state !== 'in_progress';
  return {
    id: `msgbatch_${batch.id}`,
    type: 'message_batch',
    processing_status: ended ? 'ended' : 'in_progress',
    request_counts: {
      processing: ended ? 0 : batch.customIds.length,
      succeeded: count((outcome) => outcome.run && outcome.status === 200),
      errored: count((outcome) => outcome.run && outcome.status !== 200),
      canceled: 0,
      expired: count((outcome) => !outcome.run),
    },
    ended_at: batch.endedAt === undefined ? null : new Date(batch.endedAt).toISOString(),
    created_at: new Date(batch.createdAt).toISOString(),
    expires_at: new Date(batch.createdAt + 24 * 3600 * 1000).toISOString(),
    archived_at: null,
    cancel_initiated_at: null,
    results_url: ended ? `${origin}${BATCHES}/msgbatch_${batch.id}/results` : null,
  };
}
