import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileAnswer } from '../../src/schemas.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { isConsistentPersona, parseJson, personaSchema, personaTail, profilePrompt, profileSchema, sharedPrefix } from './fixtures.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function client(options: SimulatorOptions = {}, timeout?: number) {
  simulator = await startSimulator(options);
  return new OpenAI({ apiKey: 'sk-test', baseURL: simulator.baseUrls.openai, maxRetries: 0, ...(timeout ? { timeout } : {}) });
}

const ask = (openai: OpenAI, system: string, user: string, schema = personaSchema) =>
  openai.chat.completions.create({
    model: 'gpt-sim',
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema } },
  });

describe('simulator: OpenAI chat completions through the openai SDK', () => {
  it('answers a persona schema with a consistent verdict and records the call', async () => {
    const openai = await client();
    const completion = await ask(openai, sharedPrefix, personaTail('Builder'));
    const content = completion.choices[0]?.message.content ?? '';
    expect(isConsistentPersona(parseJson(content))).toBe(true);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion._request_id).toMatch(/^req_sim_/);
    expect(simulator?.calls).toHaveLength(1);
    expect(simulator?.calls[0]).toMatchObject({ provider: 'openai', model: 'gpt-sim', path: '/v1/chat/completions', attempt: 1 });
    expect(simulator?.calls[0]?.promptText).toContain('Persona: Builder');
  });

  it('answers a profile schema', async () => {
    const openai = await client();
    const completion = await ask(openai, 'Profile this tool.', profilePrompt, profileSchema);
    const profile = ProfileAnswer.parse(parseJson(completion.choices[0]?.message.content ?? ''));
    expect(profile.name).toBe('Cursor');
  });

  it('reports cached tokens inside prompt_tokens on a repeated long prefix, in 128-token steps', async () => {
    const openai = await client();
    const first = await ask(openai, sharedPrefix, personaTail('Builder'));
    const second = await ask(openai, sharedPrefix, personaTail('Skeptic'));
    expect(first.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    const cached = second.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached % 128).toBe(0);
    expect(cached).toBeLessThanOrEqual(second.usage?.prompt_tokens ?? 0);
    expect(second.usage?.prompt_tokens).toBe(Math.ceil(`${sharedPrefix}\n${personaTail('Skeptic')}`.length / 4));
    expect(second.usage?.total_tokens).toBe((second.usage?.prompt_tokens ?? 0) + (second.usage?.completion_tokens ?? 0));
  });

  it('does not cache a short prompt', async () => {
    const openai = await client();
    await ask(openai, 'short', personaTail('Builder'));
    const second = await ask(openai, 'short', personaTail('Builder'));
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
  });

  it('is deterministic across simulators and counts retries of the same body as attempts', async () => {
    const openai = await client();
    const first = await ask(openai, sharedPrefix, personaTail('Futurist'));
    const again = await ask(openai, sharedPrefix, personaTail('Futurist'));
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    expect(simulator?.calls.map((call) => call.attempt)).toEqual([1, 2]);
    await simulator?.close();
    const other = await client();
    const third = await ask(other, sharedPrefix, personaTail('Futurist'));
    expect(third.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
  });

  it('surfaces a scripted 429 with retry-after headers on the SDK error', async () => {
    const openai = await client({ script: [{ provider: 'openai', fault: 'rate429', retryAfterSeconds: 2 }] });
    const error = await ask(openai, 'sys', personaTail('Builder')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.headers.get('retry-after')).toBe('2');
    expect(rateLimit.headers.get('retry-after-ms')).toBe('2000');
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    await expect(ask(openai, 'sys', personaTail('Builder'))).resolves.toBeDefined();
    expect(simulator?.stats().faults).toEqual({ rate429: 1 });
  });

  it('maps 500 and overload to the SDK server errors', async () => {
    const openai = await client({ script: [{ fault: 'server500' }, { fault: 'overloaded529' }] });
    const first = await ask(openai, 'sys', 'u').catch((caught: unknown) => caught);
    const second = await ask(openai, 'sys', 'u').catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(OpenAI.InternalServerError);
    expect((first as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((second as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
  });

  it('malformedJson returns unparsable answer text in a valid envelope', async () => {
    const openai = await client({ script: [{ fault: 'malformedJson' }] });
    const completion = await ask(openai, sharedPrefix, personaTail('Builder'));
    const content = completion.choices[0]?.message.content ?? '';
    expect(content.length).toBeGreaterThan(0);
    expect(parseJson(content)).toBeUndefined();
  });

  it('invalidAnswer returns JSON that the persona schema or consistency rule rejects', async () => {
    const openai = await client({ script: [{ fault: 'invalidAnswer' }] });
    const completion = await ask(openai, sharedPrefix, personaTail('Builder'));
    const value = parseJson(completion.choices[0]?.message.content ?? '');
    expect(value).toBeTypeOf('object');
    expect(isConsistentPersona(value)).toBe(false);
  });

  it('rejects a wrong key with 401 invalid_api_key when apiKeys is set', async () => {
    const openai = await client({ apiKeys: ['sk-right'] });
    const error = await ask(openai, 'sys', 'u').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    const right = new OpenAI({ apiKey: 'sk-right', baseURL: simulator?.baseUrls.openai, maxRetries: 0 });
    await expect(ask(right, 'sys', 'u')).resolves.toBeDefined();
  });

  it('answers 400 in OpenAI shape for a request without messages', async () => {
    const openai = await client();
    const error = await openai.chat.completions.create({ model: 'gpt-sim', messages: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
