/**
 * GitHub API failures as one line each: not found, rate limits with their reset time, refusals,
 * a bad token, server errors; the token never appears in any of them; and the SSRF rules hold
 * for GITHUB_API_URL like for any page.
 */
import nock from 'nock';
import { errorExitCode } from '../../src/cli/error-line.js';
import { describe, expect, it } from 'vitest';
import { IntakeError, describeError } from '../../src/errors.js';
import { GitHubRateLimitError, waitWords } from '../../src/intake/github-errors.js';
import { intake } from '../../src/intake/index.js';
import { API, NOW, TEST_TOKEN, aiderScope, body, deps, failure, useNock } from './github-support.js';

useNock();

const AIDER = 'https://github.com/Aider-AI/aider';
const epochSeconds = (ms: number) => String(Math.floor(ms / 1000));
const primaryLimit = (resetMs: number) => ({
  'x-ratelimit-limit': '60',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-used': '60',
  'x-ratelimit-reset': epochSeconds(resetMs),
  'x-ratelimit-resource': 'core',
});

describe('the repository cannot be read', () => {
  it('404: not found, exit 1, one line', async () => {
    nock(API).get('/repos/nobody/nothing').reply(404, body('not-found.json'));
    const error = await failure(intake('https://github.com/nobody/nothing/tree/main', deps()));
    expect(error).toBeInstanceOf(IntakeError);
    expect(errorExitCode(error)).toBe(1);
    expect(error.message).toBe(
      'github.com/nobody/nothing was not found (404): no such repository, or a private one (set GITHUB_TOKEN to read it)',
    );
  });

  it('403 with no requests left: the reset time from x-ratelimit-reset, not a crash', async () => {
    const reset = NOW + 12 * 60_000;
    nock(API).get('/repos/Aider-AI/aider').reply(403, body('rate-limit.json'), primaryLimit(reset));
    const error = await failure(intake(AIDER, deps()));
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(errorExitCode(error)).toBe(1);
    expect((error as GitHubRateLimitError).resetAt?.getTime()).toBe(reset);
    expect(error.message).toBe(
      'GitHub API rate limit reached; resets at 14:05 UTC (in 12 min). Set GITHUB_TOKEN for a higher limit.',
    );
  });

  it('429 with retry-after: the wait from retry-after', async () => {
    nock(API).get('/repos/Aider-AI/aider').reply(429, body('secondary-rate-limit.json'), { 'retry-after': '90' });
    const error = await failure(intake(AIDER, deps()));
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error.message).toBe(
      'GitHub API rate limit reached; resets at 13:54 UTC (in 2 min). Set GITHUB_TOKEN for a higher limit.',
    );
  });

  it('403 secondary limit (retry-after, requests left) is a rate limit too', async () => {
    nock(API)
      .get('/repos/Aider-AI/aider')
      .reply(403, body('secondary-rate-limit.json'), { 'retry-after': '30', 'x-ratelimit-remaining': '4990' });
    const error = await failure(intake(AIDER, deps({ token: TEST_TOKEN })));
    expect(error.message).toBe('GitHub API rate limit reached; resets at 13:53 UTC (in 30 s). The limit applies to GITHUB_TOKEN; wait for the reset.');
  });

  it('a limit reached on the README call fails the intake the same way', async () => {
    const reset = NOW + 65 * 60_000;
    nock(API)
      .get('/repos/Aider-AI/aider')
      .reply(200, body('aider-repo.json'))
      .get('/repos/Aider-AI/aider/readme')
      .reply(403, body('rate-limit.json'), primaryLimit(reset))
      .get('/repos/Aider-AI/aider/releases/latest')
      .reply(403, body('rate-limit.json'), primaryLimit(reset))
      .get('/users/Aider-AI')
      .reply(403, body('rate-limit.json'), primaryLimit(reset));
    const error = await failure(intake(AIDER, deps()));
    expect(error.message).toBe(
      'GitHub API rate limit reached; resets at 14:58 UTC (in 1 h 5 min). Set GITHUB_TOKEN for a higher limit.',
    );
  });

  it('any other 403: GitHub refused, with its reason', async () => {
    nock(API).get('/repos/acme/secret').reply(403, body('forbidden.json'), { 'x-ratelimit-remaining': '4999' });
    const error = await failure(intake('https://github.com/acme/secret', deps({ token: TEST_TOKEN })));
    expect(error.message).toBe('GitHub refused access to github.com/acme/secret (403: Resource not accessible by personal access token)');
  });

  it('401: the token is named, never shown', async () => {
    nock(API).get('/repos/Aider-AI/aider').reply(401, body('bad-credentials.json'));
    const error = await failure(intake(AIDER, deps({ token: TEST_TOKEN })));
    expect(error.message).toBe('GitHub rejected GITHUB_TOKEN (401: Bad credentials): replace it or unset it');
  });

  it('5xx: try again later', async () => {
    nock(API).get('/repos/Aider-AI/aider').reply(503, { message: 'Service Unavailable' });
    const error = await failure(intake(AIDER, deps()));
    expect(error.message).toBe('GitHub API answered 503 for github.com/Aider-AI/aider: Service Unavailable; try again later');
  });

  it('an answer in an unexpected shape is an error, not a crash', async () => {
    nock(API).get('/repos/Aider-AI/aider').reply(200, '{"name": 42', { 'content-type': 'application/json' });
    const error = await failure(intake(AIDER, deps()));
    expect(error.message).toBe('GitHub API sent an unexpected answer for github.com/Aider-AI/aider');
  });
});

describe('the token never appears in an error', () => {
  const cases: Array<[string, (scope: nock.Scope) => nock.Scope]> = [
    ['404', (scope) => scope.get('/repos/Aider-AI/aider').reply(404, body('not-found.json'))],
    ['401', (scope) => scope.get('/repos/Aider-AI/aider').reply(401, body('bad-credentials.json'))],
    ['403 echoing the token', (scope) => scope.get('/repos/Aider-AI/aider').reply(403, { message: `token ${TEST_TOKEN} is blocked` })],
    ['429', (scope) => scope.get('/repos/Aider-AI/aider').reply(429, body('secondary-rate-limit.json'), { 'retry-after': '5' })],
    ['500', (scope) => scope.get('/repos/Aider-AI/aider').reply(500, { message: `internal error for ${TEST_TOKEN}` })],
    ['network', (scope) => scope.get('/repos/Aider-AI/aider').replyWithError('connect ECONNRESET')],
  ];
  it.each(cases)('%s', async (_name, answer) => {
    answer(nock(API));
    const error = await failure(intake(AIDER, deps({ token: TEST_TOKEN })));
    expect(describeError(error)).not.toContain(TEST_TOKEN);
    expect(describeError(error)).not.toMatch(/\n/);
    expect(String(error.stack)).not.toContain(TEST_TOKEN);
  });
});

describe('GITHUB_API_URL is fetched under the SSRF rules', () => {
  const PRIVATE_API = 'https://ghe.internal.test/api/v3';

  it('a private API host is refused before any request', async () => {
    const scope = nock('https://ghe.internal.test').get('/api/v3/repos/Aider-AI/aider').reply(200, body('aider-repo.json'));
    const error = await failure(intake(AIDER, deps({ apiUrl: PRIVATE_API, token: TEST_TOKEN })));
    expect(error).toBeInstanceOf(IntakeError);
    expect(error.message).toMatch(/^refusing to fetch https:\/\/ghe\.internal\.test\/api\/v3\/repos\/Aider-AI\/aider: .*private address/);
    expect(error.message).not.toContain(TEST_TOKEN);
    expect(scope.isDone()).toBe(false);
  });

  it('a loopback API URL is refused too', async () => {
    const error = await failure(intake(AIDER, deps({ apiUrl: 'http://127.0.0.1:9/' })));
    expect(error.message).toMatch(/^refusing to fetch http:\/\/127\.0\.0\.1:9\/repos\/Aider-AI\/aider: .*loopback/);
  });

  it('allowPrivateUrls lets a private API host (GitHub Enterprise, a test server) answer', async () => {
    const scope = aiderScope({}, PRIVATE_API);
    const source = await intake(AIDER, deps({ apiUrl: PRIVATE_API, allowPrivateUrls: true }));
    scope.done();
    expect(source.facts['github.stars']).toBe(38214);
  });
});

describe('waitWords', () => {
  it.each([
    [0, 'now'],
    [-5000, 'now'],
    [1, 'in 1 s'],
    [59_000, 'in 59 s'],
    [60_000, 'in 1 min'],
    [61_000, 'in 2 min'],
    [12 * 60_000, 'in 12 min'],
    [60 * 60_000, 'in 1 h'],
    [125 * 60_000, 'in 2 h 5 min'],
  ])('%i ms → %s', (ms, words) => {
    expect(waitWords(ms)).toBe(words);
  });
});
