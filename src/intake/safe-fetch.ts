/**
 * One GET through the SSRF guard: every hop is checked (address-check.ts) and connected to the
 * checked address, redirects are followed by hand, and the whole fetch shares one deadline and
 * one body-size cap that is enforced while the body streams in.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction as NetLookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { IntakeError } from '../errors.js';
import { bareHostname, checkHop, type LookupFunction, type ResolvedAddress } from './address-check.js';

export const USER_AGENT = 'ShipOrSkipBot/0.1 (+review engine)';

export interface SafeFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateUrls: boolean;
  lookup?: LookupFunction | undefined;
  /**
   * Extra request headers; they replace the default of the same name. `authorization` is sent
   * only to the origin of the first URL, never to a host a redirect leads to.
   */
  headers?: Record<string, string> | undefined;
  /**
   * Return 4xx/5xx answers (body read under the same cap) instead of throwing: for APIs whose
   * error answers carry what the caller needs (GitHub's 404 and rate-limit headers).
   */
  returnErrorStatus?: boolean | undefined;
  /** Ends the fetch early (a batch aborting its tools in flight); rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

export interface FetchedBody {
  /** The URL that answered, after redirects. */
  url: URL;
  status: number;
  /** The raw `content-type` header, or '' when the server sent none. */
  contentType: string;
  /** Decoded from any content-encoding; at most `maxBytes` long. */
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(start: URL, options: SafeFetchOptions): Promise<FetchedBody> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const onAbort = () => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let url = start;
  try {
    for (let redirects = 0; ; redirects += 1) {
      const pinned = await withDeadline(checkHop(url, options), controller.signal, start, options);
      const headers = hopHeaders(url, start, options.headers);
      const response = await request(url, pinned, headers, controller.signal, start, options);
      const location = response.headers.location;
      if (REDIRECTS.has(response.statusCode ?? 0) && location) {
        // Neither a redirect's body nor an error page is read; the connection is not reused.
        response.destroy();
        if (redirects >= options.maxRedirects) {
          throw new IntakeError(`${start.href} redirected more than ${options.maxRedirects} times`);
        }
        url = nextHop(url, location, start);
        continue;
      }
      const status = response.statusCode ?? 0;
      if ((status < 200 || status >= 300) && !(options.returnErrorStatus && status >= 400)) {
        response.destroy();
        const text = http.STATUS_CODES[status] ?? (response.statusMessage || '');
        throw new IntakeError(`${url.href} answered ${status} ${text}`.trim());
      }
      const body = await readCapped(response, url, controller.signal, start, options);
      return { url, status, contentType: response.headers['content-type'] ?? '', body, headers: response.headers };
    }
  } catch (error) {
    // The caller's abort is not a timeout, whatever the fetch machinery made of it.
    if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new IntakeError(`fetching ${start.href} was aborted`);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

const DEFAULT_HEADERS: Record<string, string> = {
  'user-agent': USER_AGENT,
  accept: 'text/html,application/xhtml+xml,text/markdown,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.5',
  'accept-encoding': 'gzip, deflate, br',
};

/** Credentials stay with the origin they were meant for, whatever a redirect says. */
function hopHeaders(url: URL, start: URL, extra: Record<string, string> = {}): Record<string, string> {
  const headers = { ...DEFAULT_HEADERS };
  for (const [name, value] of Object.entries(extra)) {
    const key = name.toLowerCase();
    if (key === 'authorization' && url.origin !== start.origin) continue;
    headers[key] = value;
  }
  return headers;
}

function nextHop(current: URL, location: string, start: URL): URL {
  try {
    return new URL(location, current);
  } catch (error) {
    throw new IntakeError(`${start.href} redirected to a malformed URL: ${location}`, { cause: error });
  }
}

function timeoutError(start: URL, options: SafeFetchOptions): IntakeError {
  return new IntakeError(`cannot fetch ${start.href}: no complete answer within ${seconds(options.timeoutMs)}`);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** DNS has no abort signal of its own; the deadline still has to cover it. */
async function withDeadline<T>(work: Promise<T>, signal: AbortSignal, start: URL, options: SafeFetchOptions): Promise<T> {
  if (signal.aborted) throw timeoutError(start, options);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timeoutError(start, options));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Connects to the checked address whatever the resolver would say now. The hostname stays in
 * the request, so the Host header and TLS SNI/certificate check still use the real name.
 */
function pinnedLookup(pinned: ResolvedAddress): NetLookupFunction {
  // Node 20 asks with `all: true` when happy-eyeballs (autoSelectFamily) is on; answer both shapes.
  return ((_hostname: string, lookupOptions: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (lookupOptions?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as unknown as NetLookupFunction; // the overloaded node type cannot be written as one arrow
}

function request(
  url: URL,
  pinned: ResolvedAddress,
  headers: Record<string, string>,
  signal: AbortSignal,
  start: URL,
  options: SafeFetchOptions,
): Promise<http.IncomingMessage> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(
      {
        protocol: url.protocol,
        hostname: bareHostname(url),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        lookup: pinnedLookup(pinned),
        // A fresh connection per hop: a pooled keep-alive socket would skip the pinned lookup.
        agent: false,
        signal,
        headers,
      },
      resolve,
    );
    outgoing.on('error', (error) => reject(signal.aborted ? timeoutError(start, options) : connectError(url, pinned, error)));
    outgoing.end();
  });
}

function connectError(url: URL, pinned: ResolvedAddress, error: Error): IntakeError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${pinned.address}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  const why =
    code === 'ECONNREFUSED'
      ? `connection refused by ${where}`
      : code === 'ECONNRESET'
        ? `connection reset by ${where}`
        : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
          ? `${where} is unreachable`
          : error.message.split('\n')[0];
  return new IntakeError(`cannot fetch ${url.href}: ${why}`, { cause: error });
}

/** Undoes content-encoding as a stream, so the size cap counts what we would actually hold. */
function decoded(response: http.IncomingMessage, url: URL): Readable {
  const encoding = (response.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return response;
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'br'
        ? zlib.createBrotliDecompress()
        : encoding === 'deflate'
          ? zlib.createInflate()
          : null;
  if (decoder == null) throw new IntakeError(`${url.href} sent an unsupported content-encoding "${encoding}"`);
  response.on('error', (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function readCapped(
  response: http.IncomingMessage,
  url: URL,
  signal: AbortSignal,
  start: URL,
  options: SafeFetchOptions,
): Promise<Buffer> {
  const tooLarge = () =>
    new IntakeError(`${url.href} is larger than ${options.maxBytes.toLocaleString('en-US')} bytes (PANEL_FETCH_MAX_BYTES)`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    let stream: Readable;
    try {
      stream = decoded(response, url);
    } catch (error) {
      response.destroy();
      reject(error);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: IntakeError) => {
      response.destroy();
      stream.destroy();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.maxBytes) fail(tooLarge());
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', (error) => {
      if (signal.aborted) fail(timeoutError(start, options));
      else fail(new IntakeError(`cannot read ${url.href}: ${error.message}`, { cause: error }));
    });
    // An abort after the headers arrived does not always surface as a stream error.
    signal.addEventListener('abort', () => fail(timeoutError(start, options)), { once: true });
  });
}
