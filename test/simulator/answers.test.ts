import { describe, expect, it } from 'vitest';
import { ProfileAnswer } from '../../src/schemas.js';
import { generateAnswer, generateInvalidAnswer, generateMalformedAnswer } from '../../src/simulator/answers.js';
import { isConsistentPersona, parseJson, personaSchema, personaTail, profilePrompt, profileSchema, sharedPrefix } from './fixtures.js';

describe('schema-driven answers', () => {
  it('gives a persona a consistent score and verdict, and a quote naming persona and tool', () => {
    for (const persona of ['Builder', 'Skeptic', 'Futurist', 'Creator', 'Editor']) {
      const answer = generateAnswer(personaSchema, `${sharedPrefix}\n${personaTail(persona)}`);
      expect(isConsistentPersona(answer.value)).toBe(true);
      const { score, quote } = answer.value as { score: number; quote: string };
      expect(score).toBeGreaterThanOrEqual(30);
      expect(score).toBeLessThanOrEqual(92);
      expect(quote).toMatch(/^\(simulated\) /);
      expect(quote).toContain(persona);
      expect(quote).toContain('Cursor');
      expect(JSON.parse(answer.text)).toEqual(answer.value);
    }
  });

  it('spreads scores over both verdicts across prompts', () => {
    const verdicts = new Set(
      Array.from({ length: 40 }, (_, index) => (generateAnswer(personaSchema, `prompt ${index}`).value as { verdict: string }).verdict),
    );
    expect(verdicts).toEqual(new Set(['ship', 'skip']));
  });

  it('falls back to "this tool" without a Tool line', () => {
    const { quote } = generateAnswer(personaSchema, personaTail('Builder')).value as { quote: string };
    expect(quote).toContain('this tool');
  });

  it('is deterministic: the same prompt gives the same answer', () => {
    const prompt = `${sharedPrefix}\n${personaTail('Skeptic')}`;
    expect(generateAnswer(personaSchema, prompt)).toEqual(generateAnswer(personaSchema, prompt));
    expect(generateAnswer(personaSchema, `${prompt}!`).text).not.toEqual(generateAnswer(personaSchema, prompt).text);
  });

  it('builds a tool profile from Title and Description lines', () => {
    const profile = ProfileAnswer.parse(generateAnswer(profileSchema, profilePrompt).value);
    expect(profile.name).toBe('Cursor');
    expect(profile.tagline).toBe('(simulated) Cursor is an AI-first code editor.');
    expect(profile.description).toMatch(/^\(simulated\) Cursor is an AI-first code editor\. It predicts/);
    expect(profile.category).toBe('Developer Tools');
    expect(profile.pricing.entry).toBe('Unknown');
    expect(profile.vendor).toBeNull();
  });

  it('treats a "(none)" placeholder as no description', () => {
    const profile = ProfileAnswer.parse(generateAnswer(profileSchema, 'Title: Aider | AI pair programming\nDescription: (none)').value);
    expect(profile.name).toBe('Aider');
    expect(profile.tagline).not.toContain('(none)');
    expect(profile.description).not.toContain('(none)');
  });

  it('honours types, bounds, enums, nullables, refs and Gemini OpenAPI schemas', () => {
    const schema = {
      type: 'object',
      $defs: { tag: { type: 'string', enum: ['a', 'b'] } },
      properties: {
        count: { type: 'integer', minimum: 3, maximum: 5 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        short: { type: 'string', minLength: 2, maxLength: 8 },
        long: { type: 'string', minLength: 120 },
        maybe: { type: ['string', 'null'] },
        either: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
        tags: { type: 'array', items: { $ref: '#/$defs/tag' }, minItems: 1, maxItems: 4 },
        link: { type: 'string', format: 'uri' },
        gemini: { type: 'OBJECT', properties: { level: { type: 'INTEGER', minimum: 1, maximum: 1 }, note: { type: 'STRING', nullable: true } } },
      },
    };
    const value = generateAnswer(schema, 'anything').value as Record<string, unknown>;
    expect(value.count).toBeGreaterThanOrEqual(3);
    expect(value.count).toBeLessThanOrEqual(5);
    expect(Number.isInteger(value.count)).toBe(true);
    expect(value.ratio).toBeGreaterThan(0);
    expect(value.ratio).toBeLessThan(1);
    expect((value.short as string).length).toBeGreaterThanOrEqual(2);
    expect((value.short as string).length).toBeLessThanOrEqual(8);
    expect((value.long as string).length).toBeGreaterThanOrEqual(120);
    expect(typeof value.maybe).toBe('string');
    expect(typeof value.either).toBe('boolean');
    expect((value.tags as string[]).every((tag) => tag === 'a' || tag === 'b')).toBe(true);
    expect(value.link).toMatch(/^https:\/\//);
    expect(value.gemini).toMatchObject({ level: 1 });
  });

  it('answers free text when there is no schema', () => {
    const answer = generateAnswer(undefined, 'hello');
    expect(answer.text).toMatch(/^\(simulated\)/);
    expect(answer.value).toBeUndefined();
  });
});

describe('broken answers', () => {
  it('invalidAnswer is shaped like the schema but fails validation or consistency', () => {
    for (let index = 0; index < 6; index += 1) {
      const answer = generateInvalidAnswer(personaSchema, `${personaTail('Builder')} ${index}`);
      expect(Object.keys(answer.value as object).sort()).toEqual(['confidence', 'quote', 'score', 'verdict']);
      expect(isConsistentPersona(answer.value)).toBe(false);
    }
    expect(ProfileAnswer.safeParse(generateInvalidAnswer(profileSchema, profilePrompt).value).success).toBe(false);
  });

  it('malformedJson is a truncated, unparsable answer', () => {
    const answer = generateMalformedAnswer(personaSchema, personaTail('Creator'));
    expect(answer.text.startsWith('{"score":')).toBe(true);
    expect(parseJson(answer.text)).toBeUndefined();
    expect(answer.value).toBeUndefined();
  });
});
