import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileAnswer } from '../../src/schemas.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { isConsistentPersona, parseJson, personaSchema, personaTail, profilePrompt, profileSchema, sharedPrefix } from './fixtures.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function client(options: SimulatorOptions = {}) {
  simulator = await startSimulator(options);
  return new Anthropic({ apiKey: 'sk-ant-test', baseURL: simulator.baseUrls.anthropic, maxRetries: 0 });
}

/** The engine's shape: shared prefix in a cached system block, persona tail in the message. */
const askWithTool = (anthropic: Anthropic, tail: string, cache = true) =>
  anthropic.messages.create({
    model: 'claude-sim',
    max_tokens: 1024,
    system: [{ type: 'text', text: sharedPrefix, ...(cache ? { cache_control: { type: 'ephemeral' as const } } : {}) }],
    messages: [{ role: 'user', content: tail }],
    tools: [{ name: 'persona_answer', description: 'Record the verdict.', input_schema: personaSchema as Anthropic.Tool.InputSchema }],
    tool_choice: { type: 'tool', name: 'persona_answer' },
  });

const askWithFormat = (anthropic: Anthropic, system: string, user: string, schema: Record<string, unknown>) =>
  anthropic.messages.create({
    model: 'claude-sim',
    max_tokens: 1024,
    system,
    messages: [{ role: 'user', content: user }],
    output_config: { format: { type: 'json_schema', schema } },
  });

const textOf = (message: Anthropic.Message) => message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');

describe('simulator: Anthropic messages through @anthropic-ai/sdk', () => {
  it('answers a forced tool with a tool_use block holding a consistent persona answer', async () => {
    const anthropic = await client();
    const message = await askWithTool(anthropic, personaTail('Skeptic'));
    expect(message.stop_reason).toBe('tool_use');
    const block = message.content[0];
    expect(block?.type).toBe('tool_use');
    if (block?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(block.name).toBe('persona_answer');
    expect(isConsistentPersona(block.input)).toBe(true);
    expect((block.input as { quote: string }).quote).toContain('Skeptic');
    expect(message._request_id).toMatch(/^req_sim_/);
  });

  it('answers native structured output (output_config.format) as JSON text', async () => {
    const anthropic = await client();
    const message = await askWithFormat(anthropic, 'Profile this tool.', profilePrompt, profileSchema);
    expect(message.stop_reason).toBe('end_turn');
    expect(ProfileAnswer.parse(parseJson(textOf(message))).name).toBe('Cursor');
  });

  it('writes the cache on the first call and reads it on the next; input_tokens excludes both', async () => {
    const anthropic = await client();
    const first = await askWithTool(anthropic, personaTail('Builder'));
    const second = await askWithTool(anthropic, personaTail('Creator'));
    const prefixTokens = Math.ceil(sharedPrefix.length / 4);
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThanOrEqual(prefixTokens);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
    expect(second.usage.cache_creation?.ephemeral_5m_input_tokens).toBe(0);
    const total = (usage: Anthropic.Usage) =>
      usage.input_tokens + (usage.cache_read_input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0);
    // The tails are the same length, so both requests have the same total.
    expect(total(second.usage)).toBe(total(first.usage));
    expect(second.usage.input_tokens).toBeLessThan(total(second.usage) - 1024);
  });

  it('caches nothing without cache_control', async () => {
    const anthropic = await client();
    await askWithTool(anthropic, personaTail('Builder'), false);
    const second = await askWithTool(anthropic, personaTail('Builder'), false);
    expect(second.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });

  it('surfaces a scripted 429 with retry-after and a 529 as OverloadedError', async () => {
    const anthropic = await client({
      script: [
        { provider: 'anthropic', fault: 'rate429' },
        { provider: 'anthropic', fault: 'overloaded529' },
      ],
      retryAfterSeconds: 3,
    });
    const limited = await askWithTool(anthropic, 'x').catch((caught: unknown) => caught);
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect((limited as InstanceType<typeof Anthropic.RateLimitError>).headers.get('retry-after')).toBe('3');
    const overloaded = await askWithTool(anthropic, 'x').catch((caught: unknown) => caught);
    expect(overloaded).toBeInstanceOf(Anthropic.OverloadedError);
    const error = overloaded as InstanceType<typeof Anthropic.OverloadedError>;
    expect(error.status).toBe(529);
    expect(error.type).toBe('overloaded_error');
    expect(error.requestID).toMatch(/^req_sim_/);
  });

  it('malformedJson on the forced-tool path comes back as truncated text, not a tool call', async () => {
    const anthropic = await client({ script: [{ fault: 'malformedJson' }] });
    const message = await askWithTool(anthropic, personaTail('Builder'));
    expect(message.content[0]?.type).toBe('text');
    expect(parseJson(textOf(message))).toBeUndefined();
  });

  it('rejects a wrong key with 401 authentication_error, and accepts x-api-key too', async () => {
    const anthropic = await client({ apiKeys: ['sk-ant-right'] });
    const error = await askWithTool(anthropic, 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as InstanceType<typeof Anthropic.AuthenticationError>).type).toBe('authentication_error');
    const response = await fetch(`${simulator?.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-right', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sim', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_sim_/);
  });

  it('answers 400 invalid_request_error without max_tokens', async () => {
    simulator = await startSimulator();
    const response = await fetch(`${simulator.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sim', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });
});
