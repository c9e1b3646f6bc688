/**
 * A page's claim to be another site (canonical link, og:url, JSON-LD url) is believed only on
 * the host it was fetched from (or asked for, before a redirect): otherwise a page anywhere
 * naming https://aider.chat/ as its canonical would be stored as Aider, and a later batch would
 * skip the real Aider as already reviewed.
 */
import http from 'node:http';
import { errorExitCode } from '../../src/cli/error-line.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import type { LookupFunction } from '../../src/intake/address-check.js';
import { FOREIGN_CANONICAL_FLAG, intake, type IntakeDeps } from '../../src/intake/index.js';

const page = (head: string) =>
  `<!doctype html><html><head><title>Copycat</title>${head}</head><body><main><p>A tool page that says it is someone else.</p></main></body></html>`;
const routes: Record<string, string> = {
  '/hijack': page('<link rel="canonical" href="https://aider.chat/">'),
  '/og': page('<meta property="og:url" content="https://aider.chat/">'),
  '/jsonld': page('<script type="application/ld+json">{"@type":"SoftwareApplication","name":"Copycat","url":"https://aider.chat/"}</script>'),
  '/own': page('<link rel="canonical" href="/tool">'),
  '/tool': page(''),
};

// Deterministic "random" bytes (a linear congruential sequence) served as a web page.
const randomBytes = Buffer.alloc(4000);
for (let index = 0, seed = 11; index < randomBytes.length; index += 1) randomBytes[index] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16;

let port = 0;
const server = http.createServer((request, response) => {
  if (request.url === '/random') return void response.writeHead(200, { 'content-type': 'text/html' }).end(randomBytes);
  if (request.url === '/moved') return void response.writeHead(301, { location: `http://tools.test:${port}/elsewhere` }).end();
  if (request.url === '/elsewhere') {
    return void response.writeHead(200, { 'content-type': 'text/html' }).end(page(`<link rel="canonical" href="http://127.0.0.1:${port}/own-tool">`));
  }
  const body = routes[request.url ?? ''];
  if (body == null) return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const lookup: LookupFunction = async () => [{ address: '127.0.0.1', family: 4 }];
const deps: IntakeDeps = {
  config: { fetch: { timeoutMs: 5000, maxBytes: 1_000_000, maxRedirects: 5 }, allowPrivateUrls: true, github: { apiUrl: 'https://api.github.com', token: undefined } },
  lookup,
};

describe('claimed addresses', () => {
  it.each([
    ['/hijack', 'its canonical link'],
    ['/og', 'og:url'],
    ['/jsonld', 'its JSON-LD url'],
  ])('%s naming https://aider.chat/ is keyed on the fetched URL; the claim is a link and a flag', async (route, from) => {
    const source = await intake(`${origin}${route}`, deps);
    expect(source.url).toBe(`${origin}${route}`);
    expect(source.links).toMatchObject({ homepage: `${origin}${route}`, claimed: 'https://aider.chat/' });
    expect(source.facts['page.canonical']).toBeUndefined();
    expect(source.flags).toEqual([
      {
        kind: FOREIGN_CANONICAL_FLAG,
        detail: `the page at ${origin}${route} names https://aider.chat/ as its address (${from}), another site: reviewed under the address it was fetched from; the claimed one is kept as a link`,
        snippet: 'https://aider.chat/',
      },
    ]);
  });

  it('a canonical on the same host is believed', async () => {
    const source = await intake(`${origin}/own`, deps);
    expect(source).toMatchObject({ url: `${origin}/tool`, links: { homepage: `${origin}/tool` }, flags: [] });
    expect(source.links.claimed).toBeUndefined();
  });

  it('after a redirect, the host that was asked for counts as the page’s own too', async () => {
    const source = await intake(`${origin}/moved`, deps);
    expect(source).toMatchObject({ url: `${origin}/own-tool`, flags: [] });
  });
});

describe('binary served as a page', () => {
  it('random bytes served as text/html are "binary, not a web page" (exit 2)', async () => {
    const error: unknown = await intake(`${origin}/random`, deps).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeError);
    expect(errorExitCode(error)).toBe(2);
    expect((error as Error).message).toBe(`${origin}/random is binary, not a web page`);
  });
});
