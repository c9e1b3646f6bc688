/**
 * The HTTP layer's own timeouts follow ours. Node's fetch stops waiting for headers, and for a
 * paused body, after 300 s whatever the SDK was told; a call timeout above five minutes (a slow
 * local server) must reach undici as its `headersTimeout` and `bodyTimeout`. No test waits 300 s:
 * one reads what each SDK's request hands Node's dispatcher, one shows undici obeys the value.
 */
import http from 'node:http';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createModel, fetchWithTimeouts, timeoutDispatcher } from '../../src/providers/index.js';
import { HTTP_TIMEOUT_GRACE_MS } from '../../src/providers/http-timeouts.js';
import { TEST_KEY, chatRequest } from './support.js';

const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
type Dispatch = { dispatch(options: Record<string, unknown>, handler: object): boolean };
const holder = globalThis as unknown as Record<symbol, Dispatch | undefined>;

/** A server that answers nothing until the test lets go: a model still reading a long prompt. */
function holdingServer() {
  const arrived: Array<() => void> = [];
  const server = http.createServer(() => arrived.shift()?.());
  return {
    server,
    /** Resolves when the next request has reached the server. */
    nextRequest: () => new Promise<void>((resolve) => arrived.push(resolve)),
  };
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('the HTTP layer waits as long as the call timeout allows', () => {
  const held = holdingServer();
  let origin: string;
  let original: Dispatch;
  const seen: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    origin = `http://127.0.0.1:${await listen(held.server)}`;
    new Headers();
    original = holder[GLOBAL_DISPATCHER] as Dispatch;
    holder[GLOBAL_DISPATCHER] = {
      dispatch(options, handler) {
        seen.push(options);
        return original.dispatch(options, handler);
      },
    };
  });

  afterAll(async () => {
    holder[GLOBAL_DISPATCHER] = original;
    held.server.closeAllConnections();
    await new Promise((resolve) => held.server.close(resolve));
  });

  const config = () =>
    loadConfig({
      PANEL_CALL_TIMEOUT_MS: '600000',
      OPENAI_API_KEY: TEST_KEY,
      OPENAI_BASE_URL: `${origin}/v1`,
      ANTHROPIC_API_KEY: TEST_KEY,
      ANTHROPIC_BASE_URL: origin,
      GEMINI_API_KEY: TEST_KEY,
      GOOGLE_GEMINI_BASE_URL: origin,
      OLLAMA_BASE_URL: `${origin}/v1`,
    });

  for (const spec of ['openai:gpt-4.1-mini', 'anthropic:claude-haiku-4-5', 'google:gemini-2.5-flash', 'ollama:llama3.2']) {
    it(`${spec}: a 10-minute call timeout reaches undici as its headers and body timeouts`, async () => {
      seen.length = 0;
      const caller = new AbortController();
      const arrived = held.nextRequest();
      const call = createModel(spec, config())
        .generate(chatRequest({ timeoutMs: 600_000, signal: caller.signal }))
        .catch((error: unknown) => error);
      await arrived;
      caller.abort();
      await call;
      const sent = seen.find((options) => String(options['path']).length > 1);
      expect(sent).toBeDefined();
      expect(sent?.['headersTimeout']).toBe(600_000 + HTTP_TIMEOUT_GRACE_MS);
      expect(sent?.['bodyTimeout']).toBe(600_000 + HTTP_TIMEOUT_GRACE_MS);
    });
  }

  it("undici obeys the dispatcher's timeout: a held answer fails with its headers timeout", async () => {
    expect(timeoutDispatcher(300_000).timeouts).toEqual({
      headersTimeoutMs: 300_000 + HTTP_TIMEOUT_GRACE_MS,
      bodyTimeoutMs: 300_000 + HTTP_TIMEOUT_GRACE_MS,
    });
    const arrived = held.nextRequest();
    const dispatcher = timeoutDispatcher(200, 0);
    const failed = fetch(`${origin}/held`, { dispatcher } as unknown as RequestInit).then(
      () => undefined,
      (error: unknown) => error as Error & { cause?: { code?: string } },
    );
    await arrived;
    const error = await failed;
    expect(error?.cause?.code).toBe('UND_ERR_HEADERS_TIMEOUT');
  });

  it('the fetch given to the SDKs sends through the timed dispatcher', async () => {
    seen.length = 0;
    const arrived = held.nextRequest();
    const caller = new AbortController();
    const call = fetchWithTimeouts(1_000_000)(`${origin}/via-fetch`, { signal: caller.signal }).catch(() => undefined);
    await arrived;
    caller.abort();
    await call;
    expect(seen.at(-1)?.['headersTimeout']).toBe(1_000_000 + HTTP_TIMEOUT_GRACE_MS);
  });
});
