/** What intake does with each kind of answer: pages, READMEs, JSON, binaries, empty bodies. */
import { readFileSync } from 'node:fs';
import { errorExitCode } from '../../src/cli/error-line.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeError } from '../../src/errors.js';
import { intake, type IntakeDeps } from '../../src/intake/index.js';

const aiderPage = readFileSync('fixtures/pages/aider-landing/page.html');
const ollamaReadme = readFileSync('fixtures/pages/ollama/README.md');

const routes: Record<string, { type?: string; body: string | Buffer }> = {
  '/aider': { type: 'text/html; charset=utf-8', body: aiderPage },
  '/README.md': { type: 'text/plain; charset=utf-8', body: ollamaReadme },
  '/notes': { type: 'text/plain', body: 'Plain notes about a tool.\n\nSecond paragraph here.' },
  '/markdown': { type: 'text/markdown', body: '# Widget\n\nWidget turns prompts into widgets quickly.' },
  '/xhtml': { type: 'application/xhtml+xml', body: '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>X</title></head><body><p>xhtml body</p></body></html>' },
  '/latin1': {
    type: 'text/html; charset=ISO-8859-1',
    body: Buffer.from('<html><head><title>Caf\xe9</title></head><body><p>r\xe9sum\xe9 na\xefve</p></body></html>', 'latin1'),
  },
  '/meta-charset': {
    type: 'text/html',
    body: Buffer.from('<html><head><meta charset="windows-1252"><title>Price</title></head><body><p>10\x80 per seat</p></body></html>', 'latin1'),
  },
  '/http-equiv': {
    type: 'text/html',
    body: Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><title>T</title></head><body><p>\xfcber</p></body></html>',
      'latin1',
    ),
  },
  '/utf8-default': { type: 'text/html', body: Buffer.from('<html><body><p>naïve — “quoted”</p></body></html>', 'utf8') },
  '/profile.json': {
    type: 'application/json',
    body: JSON.stringify({ name: 'Widget', tagline: 'Widgets from prompts', pricing: { entry: 'Free', detail: 'Free forever' } }),
  },
  '/api.json': { type: 'application/json; charset=utf-8', body: JSON.stringify({ data: [1, 2, 3] }) },
  '/broken.json': { type: 'application/json', body: '{"name": ' },
  '/doc.pdf': { type: 'application/pdf', body: '%PDF-1.7 ...' },
  '/logo.png': { type: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  '/clip.mp4': { type: 'video/mp4', body: 'xxxx' },
  '/blob': { type: 'application/octet-stream', body: Buffer.from([0, 1, 2]) },
  '/archive': { type: 'application/zip', body: 'PK..' },
  '/no-type-pdf': { body: '%PDF-1.4 binary' },
  '/no-type-html': { body: '<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>sniffed</p></body></html>' },
  '/empty': { type: 'text/html', body: '' },
  '/blank': { type: 'text/html', body: '   \n\t ' },
  '/script-only': { type: 'text/html', body: '<html><body><div id="root"></div><script>render()</script></body></html>' },
};

const server = http.createServer((request, response) => {
  const route = routes[request.url ?? ''];
  if (route == null) return void response.writeHead(404).end();
  response.writeHead(200, route.type ? { 'content-type': route.type } : {}).end(route.body);
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

const deps: IntakeDeps = { config: { fetch: { timeoutMs: 5000, maxBytes: 1_000_000, maxRedirects: 5 }, allowPrivateUrls: true, github: { apiUrl: 'https://api.github.com', token: undefined } } };

async function failure(path: string): Promise<IntakeError> {
  const error: unknown = await intake(`${origin}${path}`, deps).then(
    () => expect.unreachable(`${path} should fail`),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IntakeError);
  expect((error as Error).message).not.toContain('\n');
  return error as IntakeError;
}

describe('intake over HTTP', () => {
  it('extracts a served landing page and resolves its relative links against the final URL', async () => {
    const source = await intake(`${origin}/aider`, deps);
    expect(source).toMatchObject({
      kind: 'html',
      target: `${origin}/aider`,
      url: `${origin}/aider`,
      title: 'Aider - AI Pair Programming in Your Terminal',
      links: { homepage: `${origin}/aider`, github: 'https://github.com/Aider-AI/aider', docs: `${origin}/docs/` },
      flags: [],
    });
    expect(source.text).toContain('Aider makes a map of your entire codebase');
  });

  it('reads a README served as text/plain from a .md path as Markdown', async () => {
    const source = await intake(`${origin}/README.md`, deps);
    expect(source).toMatchObject({ kind: 'markdown', title: 'Ollama', description: 'Start building with open models.' });
  });

  it.each([
    ['/notes', 'text', null],
    ['/markdown', 'markdown', 'Widget'],
    ['/xhtml', 'html', 'X'],
  ])('%s is read as %s', async (path, kind, title) => {
    const source = await intake(`${origin}${path}`, deps);
    expect(source.kind).toBe(kind);
    expect(source.title).toBe(title);
  });

  it.each([
    ['/latin1', 'résumé naïve', 'Café'],
    ['/meta-charset', '10€ per seat', 'Price'],
    ['/http-equiv', 'über', 'T'],
    ['/utf8-default', 'naïve — “quoted”', null],
  ])('decodes %s with the declared charset', async (path, text, title) => {
    const source = await intake(`${origin}${path}`, deps);
    expect(source.text).toBe(text);
    expect(source.title).toBe(title);
  });

  it('uses a profile-shaped JSON answer as a profile', async () => {
    const source = await intake(`${origin}/profile.json`, deps);
    expect(source).toMatchObject({
      kind: 'profile-json',
      url: `${origin}/profile.json`,
      title: 'Widget',
      known: { name: 'Widget', tagline: 'Widgets from prompts', pricing: { entry: 'Free', detail: 'Free forever' } },
    });
  });

  it.each([
    ['/api.json', 'is JSON, not a tool page'],
    ['/broken.json', 'is JSON, not a tool page'],
    ['/doc.pdf', 'is a PDF (application/pdf), not a web page'],
    ['/logo.png', 'is an image (image/png), not a web page'],
    ['/clip.mp4', 'is a video (video/mp4), not a web page'],
    ['/blob', 'is a binary file (application/octet-stream), not a web page'],
    ['/archive', 'is application/zip content, not a web page'],
    ['/no-type-pdf', 'is a PDF (no content-type), not a web page'],
  ])('refuses %s as bad input (exit 2)', async (path, words) => {
    const error = await failure(path);
    expect(error.message).toBe(`${origin}${path} ${words}`);
    expect(errorExitCode(error)).toBe(2);
  });

  it('sniffs HTML when the server sends no content-type', async () => {
    const source = await intake(`${origin}/no-type-html`, deps);
    expect(source).toMatchObject({ kind: 'html', title: 'Sniffed', text: 'sniffed' });
  });

  it.each(['/empty', '/blank'])('reports %s as an empty page (exit 1)', async (path) => {
    const error = await failure(path);
    expect(error.message).toBe(`${origin}${path} returned an empty page`);
    expect(errorExitCode(error)).toBe(1);
  });

  it('reports a page with nothing readable (built by JavaScript)', async () => {
    const error = await failure('/script-only');
    expect(error.message).toBe(`${origin}/script-only has no readable text, title or description`);
  });
});
