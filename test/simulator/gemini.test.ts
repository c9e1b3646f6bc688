import { ApiError, GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { ProfileAnswer } from '../../src/schemas.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { isConsistentPersona, parseJson, personaSchema, personaTail, profilePrompt, profileSchema, sharedPrefix } from './fixtures.js';

let simulator: Simulator | undefined;
afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

async function client(options: SimulatorOptions = {}, apiVersion?: string) {
  simulator = await startSimulator(options);
  return new GoogleGenAI({
    apiKey: 'AIza-test',
    ...(apiVersion ? { apiVersion } : {}),
    httpOptions: { baseUrl: simulator.baseUrls.google, timeout: 5_000 },
  });
}

const ask = (google: GoogleGenAI, system: string, user: string, schema = personaSchema, model = 'gemini-sim-1.5') =>
  google.models.generateContent({
    model,
    contents: user,
    config: { systemInstruction: system, responseMimeType: 'application/json', responseJsonSchema: schema },
  });

describe('simulator: Gemini generateContent through @google/genai', () => {
  it('answers a persona schema (responseJsonSchema) and parses the model from the path', async () => {
    const google = await client();
    const response = await ask(google, sharedPrefix, personaTail('Futurist'));
    expect(isConsistentPersona(parseJson(response.text ?? ''))).toBe(true);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(simulator?.calls[0]).toMatchObject({ provider: 'gemini', model: 'gemini-sim-1.5', path: '/v1beta/models/gemini-sim-1.5:generateContent' });
  });

  it('answers an OpenAPI responseSchema on the v1 path', async () => {
    const google = await client({}, 'v1');
    const response = await google.models.generateContent({
      model: 'gemini-sim',
      contents: profilePrompt,
      config: {
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { name: { type: 'STRING' }, tagline: { type: 'STRING' }, description: { type: 'STRING' } }, required: ['name'] },
      },
    });
    expect(parseJson(response.text ?? '')).toMatchObject({ name: 'Cursor' });
    expect(simulator?.calls[0]?.path).toBe('/v1/models/gemini-sim:generateContent');
  });

  it('answers a profile schema', async () => {
    const google = await client();
    const response = await ask(google, 'Profile this tool.', profilePrompt, profileSchema);
    expect(ProfileAnswer.parse(parseJson(response.text ?? '')).category).toBe('Developer Tools');
  });

  it('reports implicit cache hits inside promptTokenCount, and omits the field on a miss', async () => {
    const google = await client();
    const first = await ask(google, sharedPrefix, personaTail('Builder'));
    const second = await ask(google, sharedPrefix, personaTail('Creator'));
    expect(first.usageMetadata?.cachedContentTokenCount).toBeUndefined();
    const cached = second.usageMetadata?.cachedContentTokenCount ?? 0;
    expect(cached).toBeGreaterThanOrEqual(1024);
    expect(cached).toBeLessThanOrEqual(second.usageMetadata?.promptTokenCount ?? 0);
    expect(second.usageMetadata?.totalTokenCount).toBe(
      (second.usageMetadata?.promptTokenCount ?? 0) + (second.usageMetadata?.candidatesTokenCount ?? 0),
    );
  });

  it('returns RESOURCE_EXHAUSTED, INTERNAL and UNAVAILABLE as ApiError', async () => {
    const google = await client({ script: [{ fault: 'rate429' }, { fault: 'server500' }, { fault: 'overloaded529' }] });
    const errors = [];
    for (let index = 0; index < 3; index += 1) errors.push(await ask(google, 's', 'u').catch((caught: unknown) => caught));
    expect(errors.every((error) => error instanceof ApiError)).toBe(true);
    expect(errors.map((error) => (error as ApiError).status)).toEqual([429, 500, 503]);
    expect((errors[0] as ApiError).message).toContain('RESOURCE_EXHAUSTED');
    expect((errors[0] as ApiError).message).toContain('"retryDelay":"1s"');
    expect((errors[2] as ApiError).message).toContain('UNAVAILABLE');
  });

  it('rejects a wrong key with 400 API_KEY_INVALID when apiKeys is set', async () => {
    const google = await client({ apiKeys: ['AIza-right'] });
    const error = await ask(google, 's', 'u').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain('API_KEY_INVALID');
  });

  it('malformedJson gives text that does not parse', async () => {
    const google = await client({ script: [{ fault: 'malformedJson' }] });
    const response = await ask(google, sharedPrefix, personaTail('Builder'));
    expect(response.text?.length).toBeGreaterThan(0);
    expect(parseJson(response.text ?? '')).toBeUndefined();
  });

  it('never sends a continuationToken (the SDK would re-POST)', async () => {
    const google = await client();
    await ask(google, 's', 'u');
    expect(simulator?.stats().requests).toBe(1);
  });
});
