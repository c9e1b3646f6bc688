/**
 * A failed connection names what to fix: the provider, the URL tried and the variable that sets
 * it. Driven through each real SDK against loopback: a closed port, a server that drops every
 * connection, and https spoken to a plain-http server.
 */
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ProviderError } from '../../src/errors.js';
import { createModel } from '../../src/providers/index.js';
import { toProviderError } from '../../src/providers/adapter-errors.js';
import { openAIErrors } from '../../src/providers/openai/errors.js';
import { TEST_KEY, chatRequest, providerError } from './support.js';

const PROVIDERS = [
  { spec: 'openai:gpt-4.1-mini', variable: 'OPENAI_BASE_URL', path: '/v1' },
  { spec: 'anthropic:claude-haiku-4-5', variable: 'ANTHROPIC_BASE_URL', path: '' },
  { spec: 'google:gemini-2.5-flash', variable: 'GOOGLE_GEMINI_BASE_URL', path: '' },
  { spec: 'openrouter:openai/gpt-4.1-mini', variable: 'OPENROUTER_BASE_URL', path: '/api/v1' },
  { spec: 'ollama:llama3.2', variable: 'OLLAMA_BASE_URL', path: '/v1' },
] as const;

function configFor(origin: string) {
  const env: Record<string, string> = {
    OPENAI_API_KEY: TEST_KEY,
    ANTHROPIC_API_KEY: TEST_KEY,
    GEMINI_API_KEY: TEST_KEY,
    OPENROUTER_API_KEY: TEST_KEY,
  };
  for (const provider of PROVIDERS) env[provider.variable] = `${origin}${provider.path}`;
  return loadConfig(env);
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function failure(spec: string, origin: string): Promise<ProviderError> {
  return providerError(createModel(spec, configFor(origin)).generate(chatRequest()));
}

describe('a connection that fails names the provider, the URL and its variable', () => {
  let closedPort: number;
  let dropping: net.Server;
  let dropPort: number;
  let plain: http.Server;
  let plainPort: number;

  beforeAll(async () => {
    // A port that was just free and is closed again: nothing listens there.
    const probe = net.createServer();
    closedPort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    dropping = net.createServer((socket) => socket.destroy());
    dropPort = await listen(dropping);
    plain = http.createServer((_request, response) => response.end('plain http'));
    plainPort = await listen(plain);
  });

  afterAll(async () => {
    await new Promise((resolve) => dropping.close(resolve));
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  });

  for (const { spec, variable, path } of PROVIDERS) {
    const provider = spec.slice(0, spec.indexOf(':'));
    const model = spec.slice(spec.indexOf(':') + 1);

    it(`${provider}: a closed port`, async () => {
      const error = await failure(spec, `http://127.0.0.1:${closedPort}`);
      expect(error.kind).toBe('network');
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(
        `${provider} ${model}: cannot reach http://127.0.0.1:${closedPort}${path} (connection refused, ECONNREFUSED); check ${variable}`,
      );
      expect(error.hint).toContain(variable);
      expect(error.message).not.toContain(TEST_KEY);
    });

    it(`${provider}: the server drops the connection`, async () => {
      const error = await failure(spec, `http://127.0.0.1:${dropPort}`);
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(
        new RegExp(`^${provider} ${model.replace(/[.]/g, '\\.')}: cannot reach http://127\\.0\\.0\\.1:${dropPort}.* \\(connection reset, \\w+\\); check ${variable}$`),
      );
    });

    it(`${provider}: https to a plain-http server`, async () => {
      const error = await failure(spec, `https://127.0.0.1:${plainPort}`);
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(/\(TLS failed, \w+\); check /);
      expect(error.message).toContain(`https://127.0.0.1:${plainPort}${path}`);
      expect(error.message).toContain(variable);
    });
  }

  it('an unknown host is named, and the URL is shown without credentials or query', () => {
    const dns = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND llm.internal'), { code: 'ENOTFOUND' }),
    });
    const settings = {
      apiKey: TEST_KEY,
      baseUrl: 'https://user:s3cret@llm.internal:8443/v1?token=abc#x',
      keyVariable: 'OPENAI_API_KEY',
      baseUrlVariable: 'OPENAI_BASE_URL',
    };
    const error = toProviderError(
      dns,
      { provider: 'openai', modelId: 'gpt-4.1-mini', settings, aborted: false, timedOut: false },
      openAIErrors,
    );
    expect(error.message).toBe(
      'openai gpt-4.1-mini: cannot reach https://llm.internal:8443/v1 (host not found, ENOTFOUND); check OPENAI_BASE_URL',
    );
    expect(error.message).not.toMatch(/s3cret|token|abc/);
  });

  it("Node fetch's own headers timeout is reported as a timeout, not as an unreachable server", () => {
    const held = new TypeError('fetch failed', {
      cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }),
    });
    const settings = { apiKey: TEST_KEY, baseUrl: undefined, keyVariable: 'OPENAI_API_KEY', baseUrlVariable: 'OPENAI_BASE_URL' };
    const error = toProviderError(
      held,
      { provider: 'openai', modelId: 'gpt-4.1-mini', settings, aborted: false, timedOut: false },
      openAIErrors,
    );
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('openai gpt-4.1-mini: no answer within the call timeout');
  });
});
