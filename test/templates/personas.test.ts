import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { projectPaths } from '../../src/paths.js';
import { loadPersonas, parsePersona, personaVersions } from '../../src/templates/index.js';

const front = {
  id: 'skeptic',
  name: 'Skeptic',
  order: '2',
  defaultModel: 'anthropic:claude-haiku-5-5',
  temperature: '0.7',
  description: 'The hype detector.',
};

function personaText(fields: Record<string, string | undefined> = {}, body = 'Checks claims against evidence.'): string {
  const lines = Object.entries({ ...front, ...fields })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}`);
  return `---\n${lines.join('\n')}\n---\n${body}\n`;
}

function expectUsageError(run: () => unknown, ...fragments: string[]): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(UsageError);
  for (const fragment of fragments) expect((caught as Error).message).toContain(fragment);
}

describe('parsePersona', () => {
  it('parses a valid file, with a content-hash version', () => {
    const persona = parsePersona(personaText(), 'personas/skeptic.md');
    expect(persona).toMatchObject({
      id: 'skeptic',
      name: 'Skeptic',
      order: 2,
      defaultModel: 'anthropic:claude-haiku-5-5',
      temperature: 0.7,
      description: 'The hype detector.',
      body: 'Checks claims against evidence.',
    });
    expect(persona.version).toMatch(/^[0-9a-f]{12}$/);
    expect(parsePersona(personaText({}, 'Other body.'), 'skeptic.md').version).not.toBe(persona.version);
  });

  it('accepts CRLF line endings and no description', () => {
    const persona = parsePersona(personaText({ description: undefined }).replace(/\n/g, '\r\n'), 'skeptic.md');
    expect(persona.description).toBeUndefined();
    expect(persona.body).toBe('Checks claims against evidence.');
  });

  it.each([
    ['a missing field', { name: undefined }, 'name'],
    ['a bad id', { id: 'Skeptic_1' }, 'id'],
    ['an id that is not the file name', { id: 'cynic' }, 'id'],
    ['a temperature above 2', { temperature: '2.5' }, 'temperature'],
    ['a negative temperature', { temperature: '-0.1' }, 'temperature'],
    ['a model spec without a provider', { defaultModel: 'claude-haiku-5-5' }, 'defaultModel'],
    ['an unknown provider', { defaultModel: 'acme:big-model' }, 'defaultModel'],
    ['a fractional order', { order: '1.5' }, 'order'],
    ['a misspelt key', { temprature: '0.7' }, 'temprature'],
  ])('rejects %s, naming the file and the field', (_case, fields, field) => {
    expectUsageError(() => parsePersona(personaText(fields), 'personas/skeptic.md'), 'personas/skeptic.md', field);
  });

  it('rejects a file without front matter, invalid YAML or an empty body', () => {
    expectUsageError(() => parsePersona('Just text', 'skeptic.md'), 'skeptic.md', '---');
    expectUsageError(() => parsePersona('---\nid: [unclosed\n---\nbody', 'skeptic.md'), 'not valid YAML');
    expectUsageError(() => parsePersona(personaText({}, '   '), 'skeptic.md'), 'no body');
  });
});

describe('loadPersonas', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'personas-'));
    dirs.push(dir);
    return dir;
  }

  it('loads the four shipped personas in panel order, across three providers', async () => {
    const personas = await loadPersonas(projectPaths.personas);
    expect(personas.map((persona) => persona.name)).toEqual(['Builder', 'Skeptic', 'Futurist', 'Creator']);
    const providers = new Set(personas.map((persona) => persona.defaultModel.split(':')[0]));
    expect(providers).toEqual(new Set(['openai', 'anthropic', 'google']));
    for (const persona of personas) {
      // Every persona defines the scale points the prompts rely on.
      for (const point of ['90', '80', '65', '50', '45', '30', '10']) expect(persona.body).toContain(`- ${point}:`);
    }
    expect(Object.keys(personaVersions(personas))).toEqual(['builder', 'skeptic', 'futurist', 'creator']);
  });

  it('lets a fifth persona file join the panel, ignoring README.md and _drafts', async () => {
    const dir = await tempDir();
    for (const id of ['builder', 'skeptic', 'futurist', 'creator']) {
      await writeFile(path.join(dir, `${id}.md`), await readFile(path.join(projectPaths.personas, `${id}.md`), 'utf8'));
    }
    await writeFile(
      path.join(dir, 'lawyer.md'),
      personaText({ id: 'lawyer', name: 'Lawyer', order: '5', defaultModel: 'google:gemini-3.5-flash' }),
    );
    await writeFile(path.join(dir, 'README.md'), 'How to write a persona.');
    await writeFile(path.join(dir, '_draft.md'), 'not a persona yet');
    const personas = await loadPersonas(dir);
    expect(personas.map((persona) => persona.id)).toEqual(['builder', 'skeptic', 'futurist', 'creator', 'lawyer']);
  });

  it('breaks order ties by id', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'zed.md'), personaText({ id: 'zed', name: 'Zed', order: '1' }));
    await writeFile(path.join(dir, 'amy.md'), personaText({ id: 'amy', name: 'Amy', order: '1' }));
    expect((await loadPersonas(dir)).map((persona) => persona.id)).toEqual(['amy', 'zed']);
  });

  it('refuses an empty or missing directory and duplicate names', async () => {
    const dir = await tempDir();
    await expect(loadPersonas(dir)).rejects.toThrow(UsageError);
    await expect(loadPersonas(path.join(dir, 'missing'))).rejects.toThrow(/cannot read personas directory/);
    await writeFile(path.join(dir, 'one.md'), personaText({ id: 'one', name: 'Twin' }));
    await writeFile(path.join(dir, 'two.md'), personaText({ id: 'two', name: 'Twin' }));
    await expect(loadPersonas(dir)).rejects.toThrow(/share the name/);
  });
});
