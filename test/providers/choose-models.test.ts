import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { chooseModels, parseModelSpec } from '../../src/providers/index.js';
import { loadReviewContext } from '../../src/review/index.js';

const context = await loadReviewContext();
const choose = (env: Record<string, string>, extra: { model?: string; personaModels?: Record<string, string>; requireKeys?: boolean } = {}) =>
  chooseModels({ personas: context.personas, config: loadConfig(env), defaults: context.modelDefaults, ...extra });

describe('model choice', () => {
  const allKeys = { OPENAI_API_KEY: 'a', ANTHROPIC_API_KEY: 'b', GEMINI_API_KEY: 'c' };

  it('uses each persona default when its provider has a key', () => {
    expect(Object.fromEntries(choose(allKeys).models)).toEqual({
      builder: 'openai:gpt-5.4-mini', skeptic: 'anthropic:claude-haiku-5-5',
      futurist: 'google:gemini-3.5-flash', creator: 'openai:gpt-5.4-mini',
    });
  });

  it.each([
    ['OPENAI_API_KEY', 'openai:gpt-5.4-mini'],
    ['ANTHROPIC_API_KEY', 'anthropic:claude-haiku-5-5'],
    ['GEMINI_API_KEY', 'google:gemini-3.5-flash'],
    ['GOOGLE_API_KEY', 'google:gemini-3.5-flash'],
    ['OPENROUTER_API_KEY', 'openrouter:anthropic/claude-haiku-5-5'],
  ])('with only %s the whole default panel runs on that provider', (variable, spec) => {
    const choice = choose({ [variable]: 'key' });
    expect(new Set(choice.models.values())).toEqual(new Set([spec]));
    expect(choice.profileModel).toBe(spec);
  });

  it('OLLAMA_BASE_URL alone makes ollama available', () => {
    expect(choose({ OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1' }).profileModel).toBe('ollama:llama3.1');
  });

  it('ranks --persona-model over --model over PANEL_MODEL over defaults', () => {
    const choice = choose({ ...allKeys, PANEL_MODEL: 'google:gemini-3.5-flash' }, {
      model: 'anthropic:claude-haiku-5-5', personaModels: { creator: 'openai:gpt-5.4' },
    });
    expect(choice.models.get('builder')).toBe('anthropic:claude-haiku-5-5');
    expect(choice.models.get('creator')).toBe('openai:gpt-5.4');
    expect(choose({ ...allKeys, PANEL_MODEL: 'google:gemini-3.5-flash' }).models.get('builder')).toBe('google:gemini-3.5-flash');
  });

  it('refuses an explicit model whose key is missing, naming the variable', () => {
    expect(() => choose({ OPENAI_API_KEY: 'a' }, { model: 'google:gemini-3.5-flash' })).toThrow(/GEMINI_API_KEY/);
  });

  it('plans without keys for --dry-run and lists what is missing', () => {
    const choice = choose({}, { requireKeys: false });
    expect(choice.models.get('skeptic')).toBe('anthropic:claude-haiku-5-5');
    expect(new Set(choice.missingKeys)).toEqual(new Set(['openai', 'anthropic', 'google']));
  });

  it('parses provider:model, keeping colons and slashes in the model id', () => {
    expect(parseModelSpec('openrouter:anthropic/claude-sonnet-5-5')).toEqual({ provider: 'openrouter', modelId: 'anthropic/claude-sonnet-5-5' });
    expect(parseModelSpec('ollama:llama3.1:8b')).toEqual({ provider: 'ollama', modelId: 'llama3.1:8b' });
    expect(() => parseModelSpec(':x')).toThrow(/provider:model/);
    expect(() => parseModelSpec('openai:')).toThrow(/provider:model/);
  });
});
