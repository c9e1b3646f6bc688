/**
 * The batch endpoints' entry: `server.ts` hands every request here first; a path that is not a
 * batch path is left to the online routes. Auth is checked as online, and every reply carries
 * the same headers (`sendJson`), JSONL downloads their own content type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicBatchRoutes } from './batches-anthropic.js';
import { geminiBatchRoutes } from './batches-gemini.js';
import { openaiBatchRoutes } from './batches-openai.js';
import { BatchStore, type BatchStoreOptions } from './batches.js';
import type { SimulatorBatches } from './batch-types.js';
import { apiKeyOf, sendJson } from './respond.js';
import { errorReply, type BatchRequest } from './batch-wire.js';

export interface BatchEndpoints {
  /** True when the request was a batch request and has been answered. */
  handle(request: IncomingMessage, response: ServerResponse, raw: string, requestId: string, origin: string): boolean;
  control: SimulatorBatches;
}

export function createBatchEndpoints(options: BatchStoreOptions & { apiKeys: string[] | undefined }): BatchEndpoints {
  const store = new BatchStore(options);
  const providers = [openaiBatchRoutes(), anthropicBatchRoutes(), geminiBatchRoutes()];
  return {
    control: store.control,
    handle(incoming, response, raw, requestId, origin) {
      const url = new URL(incoming.url ?? '/', 'http://simulator');
      const request: BatchRequest = { method: incoming.method ?? 'GET', url, headers: incoming.headers, raw, requestId, origin };
      const routes = providers.find((candidate) => candidate.matches(request.method, url.pathname));
      if (routes === undefined) return false;
      store.countRequest();
      // Checked before the route runs, so an unauthorised request changes nothing.
      const key = apiKeyOf(incoming.headers, url.searchParams);
      const unauthorised = options.apiKeys !== undefined && (key === undefined || !options.apiKeys.includes(key));
      const reply = unauthorised ? errorReply(routes.wire, 'unauthorized', requestId) : routes.route(request, store);
      if ('text' in reply) {
        response.writeHead(reply.status, {
          'content-type': reply.contentType,
          'content-length': Buffer.byteLength(reply.text),
          'x-request-id': requestId,
          'request-id': requestId,
        });
        response.end(reply.text);
      } else {
        sendJson(response, reply.status, reply.body, requestId);
      }
      return true;
    },
  };
}
