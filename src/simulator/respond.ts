/**
 * Routing and response writing: which wire module a path belongs to, and the headers every
 * response carries (JSON content type, request ids, retry hints).
 */
import type { ServerResponse } from 'node:http';
import { anthropicWire } from './anthropic.js';
import { geminiWire } from './gemini.js';
import { openaiWire } from './openai.js';
import type { WireModule } from './types.js';

export interface Route {
  wire: WireModule;
  /** Gemini carries the model in the path. */
  pathModel?: string;
  /** A path of a known provider that the simulator does not implement (streaming, counting…). */
  unsupported?: boolean;
}

const GEMINI_PATH = /^\/(?:v1beta|v1alpha|v1)\/(.+):([A-Za-z]+)$/;

export function routeOf(method: string, path: string): Route | undefined {
  if (path === '/v1/chat/completions') return method === 'POST' ? { wire: openaiWire } : undefined;
  if (path === '/v1/messages') return method === 'POST' ? { wire: anthropicWire } : undefined;
  // The model may itself contain ':' (tuned models), so the action is what follows the last one.
  const gemini = GEMINI_PATH.exec(path);
  if (gemini) {
    const [, model, action] = gemini;
    if (action === 'generateContent' && method === 'POST') return { wire: geminiWire, pathModel: model };
    return { wire: geminiWire, unsupported: true };
  }
  if (path.startsWith('/v1/messages')) return { wire: anthropicWire, unsupported: true };
  if (path.startsWith('/v1beta/') || path.startsWith('/v1alpha/')) return { wire: geminiWire, unsupported: true };
  return undefined;
}

/** Reads the key from any of the three auth styles the SDKs and curl examples use. */
export function apiKeyOf(
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): string | undefined {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const bearer = header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
  return bearer ?? header('x-api-key') ?? header('x-goog-api-key') ?? query.get('key') ?? undefined;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  retryAfterMs?: number,
): void {
  if (response.destroyed || response.headersSent) return;
  const payload = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': requestId,
    'request-id': requestId,
  };
  if (retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    // The OpenAI and Anthropic SDKs prefer the exact value.
    headers['retry-after-ms'] = String(retryAfterMs);
  }
  response.writeHead(status, headers);
  response.end(payload);
}
