/**
 * What the batch endpoints of each provider share: the request they see, the reply they give,
 * and the provider-shaped error reply.
 */
import type { IncomingMessage } from 'node:http';
import type { BatchStore } from './batches.js';
import type { WireErrorKind, WireModule } from './types.js';

export interface BatchRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  raw: string;
  requestId: string;
  /** The simulator's own address, for URLs it hands out (Anthropic's `results_url`). */
  origin: string;
}

export type BatchReply = { status: number; body: unknown } | { status: number; text: string; contentType: string };

/** A provider's batch paths. */
export interface BatchRoutes {
  wire: WireModule;
  matches(method: string, path: string): boolean;
  route(request: BatchRequest, store: BatchStore): BatchReply;
}

/** The provider's error in its own shape. */
export function errorReply(wire: WireModule, kind: WireErrorKind, requestId: string, message?: string): BatchReply {
  const error = wire.error(kind, { requestId, ...(message === undefined ? {} : { message }) });
  return { status: error.status, body: error.body };
}

export function jsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
