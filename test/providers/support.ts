/** Shared pieces for the adapter tests: a request, fixtures, settings, nock set-up. */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';
import { z } from 'zod';
import type { ProviderSettings } from '../../src/config.js';
import { ProviderError } from '../../src/errors.js';
import type { ChatRequest } from '../../src/providers/model.js';
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
