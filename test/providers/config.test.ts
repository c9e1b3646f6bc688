import { describe, expect, it } from 'vitest';
import { availableProviders, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('reads every provider key and base URL from the given environment', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'o', OPENAI_BASE_URL: 'http://127.0.0.1:1/v1/',
      ANTHROPIC_API_KEY: 'a', ANTHROPIC_BASE_URL: 'http://127.0.0.1:2',
      GOOGLE_API_KEY: 'g1', GEMINI_API_KEY: 'g2', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:3',
      OPENROUTER_BASE_URL: 'http://127.0.0.1:4/api/v1', OLLAMA_BASE_URL: 'http://127.0.0.1:5/v1',
    });
    expect(config.providers.openai).toMatchObject({ apiKey: 'o', baseUrl: 'http://127.0.0.1:1/v1' });
    expect(config.providers.anthropic.baseUrl).toBe('http://127.0.0.1:2');
    expect(config.providers.google).toMatchObject({ apiKey: 'g1', baseUrl: 'http://127.0.0.1:3' });
    expect(config.providers.openrouter).toMatchObject({ apiKey: undefined, baseUrl: 'http://127.0.0.1:4/api/v1' });
    expect(config.providers.ollama.baseUrl).toBe('http://127.0.0.1:5/v1');
    expect(availableProviders(config)).toEqual(['openai', 'anthropic', 'google', 'ollama']);
  });

  it('has defaults: data/panel.db, threshold 50, private URLs refused', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ dbPath: 'data/panel.db', shipThreshold: 50, allowPrivateUrls: false });
    expect(config.providers.openrouter.baseUrl).toBe('https://openrouter.ai/api/v1');
    expect(config.providers.openai.baseUrl).toBeUndefined();
  });

  it('rejects a malformed number or base URL with one line naming the variable', () => {
    expect(() => loadConfig({ PANEL_SHIP_THRESHOLD: 'high' })).toThrow(/PANEL_SHIP_THRESHOLD must be an integer/);
    expect(() => loadConfig({ OPENAI_BASE_URL: 'ftp://x' })).toThrow(/OPENAI_BASE_URL must be an http\(s\) URL/);
  });
});
