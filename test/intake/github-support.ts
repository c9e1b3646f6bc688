/**
 * Shared pieces for the GitHub intake tests: recorded API bodies, a nock scope for the API with
 * a fixed DNS answer (no real DNS, no network), and deps built the way the CLI builds them.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import type { LookupFunction } from '../../src/intake/address-check.js';
import type { IntakeDeps } from '../../src/intake/index.js';

/** Looks like a token but is not one; tests check it never reaches an error message. */
export const TEST_TOKEN = 'ghp_testDoNotLeak0123456789abcdefABCDEF';
export const API = 'https://api.github.com';
/** 2026-05-22 13:53:00 UTC: the clock the rate-limit messages are computed against. */
export const NOW = Date.UTC(2026, 4, 22, 13, 53, 0);

export function body(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/github/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** api.github.com resolves to a public GitHub address; `*.internal.test` to a private one. */
export const lookup: LookupFunction = async (hostname) =>
  hostname.endsWith('.internal.test') ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '140.82.112.6', family: 4 }];

export function deps(options: { token?: string; apiUrl?: string; allowPrivateUrls?: boolean } = {}): IntakeDeps {
  return {
    config: {
      fetch: { timeoutMs: 5000, maxBytes: 2_000_000, maxRedirects: 5 },
      allowPrivateUrls: options.allowPrivateUrls ?? false,
      github: { apiUrl: options.apiUrl ?? API, token: options.token },
    },
    lookup,
    now: () => NOW,
  };
}

export function useNock(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
    nock.enableNetConnect();
  });
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '57' };

/** The four calls of a repository intake answered from fixtures; `overrides` replace one. */
export function aiderScope(
  overrides: {
    readme?: [number, Record<string, unknown>];
    release?: [number, Record<string, unknown>];
    /** False when the test answers `GET /repos/Aider-AI/aider` itself. */
    repo?: boolean;
  } = {},
  base = API,
): nock.Scope {
  const [readmeStatus, readmeBody] = overrides.readme ?? [200, body('aider-readme.json')];
  const [releaseStatus, releaseBody] = overrides.release ?? [200, body('aider-release-latest.json')];
  const scope = nock(base);
  if (overrides.repo !== false) scope.get('/repos/Aider-AI/aider').reply(200, body('aider-repo.json'), JSON_HEADERS);
  return scope
    .get('/repos/Aider-AI/aider/readme')
    .reply(readmeStatus, readmeBody, JSON_HEADERS)
    .get('/repos/Aider-AI/aider/releases/latest')
    .reply(releaseStatus, releaseBody, JSON_HEADERS)
    .get('/users/Aider-AI')
    .reply(200, body('aider-owner.json'), JSON_HEADERS);
}

/** The rejection of `work`, failing the test if it resolved. */
export async function failure(work: Promise<unknown>): Promise<Error> {
  const error: unknown = await work.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}
