/**
 * The fetch path against a real loopback server. Serving from 127.0.0.1 needs
 * allowPrivateUrls: true; the refusals themselves are shown with allowPrivateUrls: false (the
 * server must then see no request at all) and, per hop, in address-check.test.ts.
 */
import http from 'node:http';
import { errorExitCode } from '../../src/cli/error-line.js';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import type { LookupFunction } from '../../src/intake/address-check.js';
import { intake, type IntakeDeps } from '../../src/intake/index.js';
import { safeFetch, USER_AGENT } from '../../src/intake/safe-fetch.js';

const page = (body: string) => `<!doctype html><html><head><title>Test</title></head><body><p>${body}</p></body></html>`;
let requests: http.IncomingMessage[] = [];
let bigClosed: Promise<void> = Promise.resolve();

const server = http.createServer((request, response) => {
  requests.push(request);
  const path = request.url ?? '/';
  const redirect = /^\/redirect\/(\d+)$/.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    if (left === 0) return void response.writeHead(200, { 'content-type': 'text/html' }).end(page('arrived'));
    return void response.writeHead(302, { location: `/redirect/${left - 1}` }).end();
  }
  switch (path) {
    case '/echo':
      return void response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(page(`host=${request.headers.host} agent=${request.headers['user-agent']}`));
    case '/to-ftp':
      return void response.writeHead(301, { location: 'ftp://example.com/file' }).end();
    case '/big':
      // Streams without a content-length until the client hangs up.
      response.writeHead(200, { 'content-type': 'text/html' });
      bigClosed = new Promise((resolve) => {
        const timer = setInterval(() => response.write('x'.repeat(16_384)), 5);
        response.on('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
      return;
    case '/big-declared':
      response.writeHead(200, { 'content-type': 'text/html', 'content-length': '50000000' });
      return void response.write('<html>');
    case '/hang':
      return; // never answers
    case '/gzip':
      return void response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(zlib.gzipSync(page('squeezed with gzip')));
    case '/br':
      return void response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' })
        .end(zlib.brotliCompressSync(page('squeezed with brotli')));
    case '/deflate':
      return void response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' })
        .end(zlib.deflateSync(page('squeezed with deflate')));
    case '/gzip-bomb':
      return void response
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(zlib.gzipSync(Buffer.alloc(2_000_000, 0x41)));
    default: {
      const status = Number(path.slice(1));
      if (status >= 400) return void response.writeHead(status).end('error page');
      return void response.writeHead(404, { 'content-type': 'text/html' }).end('nothing here');
    }
  }
});

let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
});

const options = { timeoutMs: 3000, maxBytes: 200_000, maxRedirects: 5, allowPrivateUrls: true };
const deps = (overrides: Partial<IntakeDeps['config']['fetch']> = {}, allowPrivateUrls = true): IntakeDeps => ({
  config: { fetch: { ...options, ...overrides }, allowPrivateUrls, github: { apiUrl: 'https://api.github.com', token: undefined } },
});

/** Every intake error is one line; the exit code says whose fault it was. */
async function failure(promise: Promise<unknown>): Promise<IntakeError> {
  const error = await promise.then(
    () => expect.unreachable('expected a failure'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntakeError);
  expect((error as Error).message).not.toContain('\n');
  return error as IntakeError;
}

describe('safeFetch', () => {
  it('sends a real User-Agent and keeps the Host header when the connection is pinned', async () => {
    const lookup = vi.fn<LookupFunction>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const port = new URL(origin).port;
    // public.test does not exist in real DNS: reaching the server proves the pinned address was used.
    const fetched = await safeFetch(new URL(`http://public.test:${port}/echo`), { ...options, lookup });
    expect(fetched.body.toString()).toContain(`host=public.test:${port} agent=${USER_AGENT}`);
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('refuses a host resolving to loopback before any connection is made', async () => {
    const lookup: LookupFunction = async () => [{ address: '127.0.0.1', family: 4 }];
    const port = new URL(origin).port;
    const error = await failure(safeFetch(new URL(`http://public.test:${port}/echo`), { ...options, allowPrivateUrls: false, lookup }));
    expect(errorExitCode(error)).toBe(2);
    expect(error.message).toBe(
      `refusing to fetch http://public.test:${port}/echo: public.test resolves to 127.0.0.1, a loopback address (set PANEL_ALLOW_PRIVATE_URLS=1 for local testing)`,
    );
    expect(requests).toHaveLength(0);
  });

  it('refuses the loopback server itself when private URLs are not allowed', async () => {
    const error = await failure(intake(`${origin}/echo`, deps({}, false)));
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(requests).toHaveLength(0);
  });

  it('follows a redirect chain up to the limit', async () => {
    const fetched = await safeFetch(new URL(`${origin}/redirect/5`), options);
    expect(fetched.url.href).toBe(`${origin}/redirect/0`);
    expect(fetched.body.toString()).toContain('arrived');
    expect(requests).toHaveLength(6);
  });

  it('stops after maxRedirects', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/redirect/6`), options));
    expect(error.message).toBe(`${origin}/redirect/6 redirected more than 5 times`);
    expect(errorExitCode(error)).toBe(1);
    expect(requests).toHaveLength(6);
  });

  it('re-checks the scheme on every hop', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/to-ftp`), options));
    expect(error.message).toBe('refusing to fetch ftp://example.com/file: only http and https URLs are supported');
  });

  it('aborts a body that grows past maxBytes while it streams', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/big`), options));
    expect(error.message).toBe(`${origin}/big is larger than 200,000 bytes (PANEL_FETCH_MAX_BYTES)`);
    await bigClosed; // the server saw the connection dropped: we did not read on
  });

  it('refuses a declared content-length over the cap without reading', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/big-declared`), options));
    expect(error.message).toMatch(/is larger than 200,000 bytes/);
  });

  it('counts decompressed bytes against the cap (a gzip bomb)', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/gzip-bomb`), options));
    expect(error.message).toMatch(/gzip-bomb is larger than 200,000 bytes/);
  });

  it.each([
    ['/gzip', 'squeezed with gzip'],
    ['/br', 'squeezed with brotli'],
    ['/deflate', 'squeezed with deflate'],
  ])('decodes %s content-encoding', async (path, text) => {
    const source = await intake(`${origin}${path}`, deps());
    expect(source.text).toBe(text);
  });

  it('times out the whole fetch', async () => {
    const started = Date.now();
    const error = await failure(safeFetch(new URL(`${origin}/hang`), { ...options, timeoutMs: 300 }));
    expect(error.message).toBe(`cannot fetch ${origin}/hang: no complete answer within 0.3s`);
    expect(errorExitCode(error)).toBe(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('times out a body that never ends', async () => {
    const error = await failure(safeFetch(new URL(`${origin}/big`), { ...options, maxBytes: 100_000_000, timeoutMs: 300 }));
    expect(error.message).toMatch(/no complete answer within 0\.3s/);
  });

  it.each([
    [404, '404 Not Found'],
    [410, '410 Gone'],
    [500, '500 Internal Server Error'],
    [503, '503 Service Unavailable'],
  ])('reports HTTP %i as a failed fetch (exit 1)', async (status, words) => {
    const error = await failure(intake(`${origin}/${status}`, deps()));
    expect(error.message).toBe(`${origin}/${status} answered ${words}`);
    expect(errorExitCode(error)).toBe(1);
  });

  it('reports a refused connection in one line', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(intake(`http://127.0.0.1:${port}/`, deps()));
    expect(error.message).toBe(`cannot fetch http://127.0.0.1:${port}/: connection refused by 127.0.0.1:${port}`);
    expect(errorExitCode(error)).toBe(1);
  });

  it('reports a host that does not resolve', async () => {
    const lookup: LookupFunction = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const error = await failure(intake('https://no-such-host.test/', { ...deps(), lookup }));
    expect(error.message).toBe('cannot fetch https://no-such-host.test/: host no-such-host.test was not found');
  });
});
