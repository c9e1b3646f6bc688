/**
 * Shared pieces for the adapter tests: a request, fixtures, settings, nock set-up, and the cases
 * every adapter must pass alike (deadline, caller abort, missing key), written once so the
 * adapters are held to the same contract.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import type { ProviderSettings } from '../../src/config.js';
import { ProviderError } from '../../src/errors.js';
import type { ChatModel, ChatRequest } from '../../src/providers/model.js';
import { PersonaAnswer } from '../../src/schemas.js';

/** Looks like a key but is not one; the tests check it never reaches an error message. */
export const TEST_KEY = 'sk-test-do-not-leak-0123456789abcdef';

export function fixture(name: string): Record<string, unknown> {
  const url = new URL(`../../fixtures/providers/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

export function settings(overrides: Partial<ProviderSettings> & { keyVariable: string }): ProviderSettings {
  return { apiKey: TEST_KEY, baseUrl: undefined, baseUrlVariable: 'UNUSED_BASE_URL', ...overrides };
}

/** An adapter's settings against `baseUrl`; `apiKey: null` for no key (undefined means the test key). */
export function keyedSettings(
  keyVariable: string,
  baseUrl: string,
  apiKey: string | null = TEST_KEY,
): ProviderSettings {
  return settings({ keyVariable, apiKey: apiKey ?? undefined, baseUrl });
}

/** A persona call as the panel makes it: shared prefix (breakpoint), then the persona's tail. */
export function chatRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    system: 'You are one reviewer on a panel. Answer with JSON only.',
    messages: [
      {
        role: 'user',
        parts: [
          { text: '<page>Acme Notes: a note-taking app.</page>', cacheBreakpoint: true },
          { text: 'Persona: the Skeptic. Judge it.' },
        ],
      },
    ],
    output: {
      name: 'persona_answer',
      description: 'One persona verdict',
      jsonSchema: z.toJSONSchema(PersonaAnswer, { target: 'draft-7' }) as Record<string, unknown>,
    },
    temperature: 0.3,
    maxOutputTokens: 800,
    timeoutMs: 5_000,
    cacheKey: 'panel-abc',
    ...overrides,
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

/** No real network in these tests, and no interceptor leaks from one test to the next. */
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

export async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

/** Asserts the error names the key variable and carries no trace of the key itself. */
export function expectKeySafe(error: ProviderError, variable: string): void {
  expect(`${error.message} ${error.hint ?? ''}`).toContain(variable);
  expect(error.message).not.toContain(TEST_KEY);
  expect(error.hint ?? '').not.toContain(TEST_KEY);
  expect(error.message).not.toMatch(/\n/);
}

/** Where an adapter posts, as nock sees it. */
export interface Endpoint {
  base: string;
  path: string;
}

/**
 * Answers every attempt (up to three) with `status` and the fixture `answer`, then asserts the
 * adapter made exactly one (retries live above the adapters). Returns the error it threw.
 */
export async function errorAfterOneAttempt(
  endpoint: Endpoint,
  model: ChatModel,
  status: number,
  answer: string,
  headers: Record<string, string> = {},
): Promise<ProviderError> {
  const counter = { attempts: 0 };
  nock(endpoint.base)
    .post(endpoint.path)
    .times(3)
    .reply(() => {
      counter.attempts += 1;
      return [status, fixture(answer), { ...JSON_HEADERS, ...headers }];
    });

  const error = await providerError(model.generate(chatRequest()));

  expect(counter.attempts).toBe(1);
  return error;
}

/** What an adapter sent, filled in when the request arrives; `scope` tells whether it did. */
export interface Captured<Body> {
  body: Body;
  headers: Record<string, unknown>;
  scope: nock.Scope;
}

/** Answers one request with `answer` (200) and keeps the body and headers the adapter sent. */
export function captureRequest<Body extends object = Record<string, unknown>>(
  endpoint: Endpoint,
  answer: unknown,
): Captured<Body> {
  // Empty until the request arrives; the tests read it only after `generate` has returned.
  const sent = { body: {} as Body, headers: {} as Record<string, unknown> };
  const scope = nock(endpoint.base)
    .post(endpoint.path)
    .reply(function (_uri, requestBody) {
      sent.body = requestBody as Body;
      sent.headers = this.req.headers;
      return [200, answer, JSON_HEADERS];
    });
  return Object.assign(sent, { scope });
}

/** The case every adapter shares: an answer slower than the call's timeout. */
export function itGivesUpOnASlowAnswer(endpoint: Endpoint, answer: string, model: () => ChatModel): void {
  it('gives up with a timeout error when the answer is slower than timeoutMs', async () => {
    nock(endpoint.base).post(endpoint.path).delay(2_000).reply(200, fixture(answer), JSON_HEADERS);

    const started = Date.now();
    const error = await providerError(model().generate(chatRequest({ timeoutMs: 100 })));

    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
}

/** The caller's abort, unlike our deadline, must not be retried; `message` when it is pinned. */
export function itReportsACallerAbort(
  endpoint: Endpoint,
  answer: string,
  model: () => ChatModel,
  message?: string,
): void {
  it('reports a caller abort as a non-retryable timeout', async () => {
    nock(endpoint.base).post(endpoint.path).delay(2_000).reply(200, fixture(answer), JSON_HEADERS);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    const error = await providerError(
      model().generate(chatRequest({ signal: controller.signal, timeoutMs: 5_000 })),
    );

    expect(error.kind).toBe('timeout');
    expect(error.retryable).toBe(false);
    if (message !== undefined) expect(error.message).toBe(message);
  });
}

/** A missing key fails before any request; `alsoCheck` holds an adapter's extra assertions. */
export function itRefusesToCallWithoutAKey(
  endpoint: Endpoint,
  answer: string,
  keylessModel: () => ChatModel,
  keyVariable: string,
  alsoCheck: (error: ProviderError) => void = () => undefined,
): void {
  it('throws an auth error without any request when the key is missing', async () => {
    const scope = nock(endpoint.base).post(endpoint.path).reply(200, fixture(answer), JSON_HEADERS);

    const error = await providerError(keylessModel().generate(chatRequest()));

    expect(error.kind).toBe('auth');
    alsoCheck(error);
    expect(error.hint).toBe(`set ${keyVariable}`);
    expect(scope.isDone()).toBe(false);
  });
}
