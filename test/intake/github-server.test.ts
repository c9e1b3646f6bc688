/**
 * The same API flow over real sockets: a loopback server stands in for GITHUB_API_URL (as a
 * GitHub Enterprise host or a local mock would), so the pinned connection, gzip decoding and
 * the headers that reach the server are the real ones, not nock's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { TEST_TOKEN, body, deps } from './github-support.js';

const routes: Record<string, [number, Record<string, unknown>]> = {
  '/api/v3/repos/Aider-AI/aider': [200, body('aider-repo.json')],
  '/api/v3/repos/Aider-AI/aider/readme': [200, body('aider-readme.json')],
  '/api/v3/repos/Aider-AI/aider/releases/latest': [404, body('release-not-found.json')],
  '/api/v3/users/Aider-AI': [200, body('aider-owner.json')],
};
let seen: http.IncomingHttpHeaders[] = [];
const server = http.createServer((request, response) => {
  seen.push(request.headers);
  const [status, answer] = routes[request.url ?? ''] ?? [404, body('not-found.json')];
  // GitHub compresses its answers when asked to.
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' });
  response.end(zlib.gzipSync(JSON.stringify(answer)));
});
let apiUrl = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

it('reads a repository from a loopback API host when private URLs are allowed', async () => {
  const source = await intake('https://github.com/Aider-AI/aider', deps({ apiUrl, allowPrivateUrls: true, token: TEST_TOKEN }));
  expect(source.kind).toBe('github');
  expect(source.known.name).toBe('Aider');
  expect(source.text).toContain('Aider lets you pair program');
  expect(source.facts).not.toHaveProperty('github.latestRelease');
  expect(seen).toHaveLength(4);
  for (const headers of seen) {
    expect(headers).toMatchObject({
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      authorization: `Bearer ${TEST_TOKEN}`,
    });
  }
});

it('refuses the same host without PANEL_ALLOW_PRIVATE_URLS, and the server sees nothing', async () => {
  await expect(intake('https://github.com/Aider-AI/aider', deps({ apiUrl }))).rejects.toThrow(/loopback address/);
  expect(seen).toHaveLength(0);
});
