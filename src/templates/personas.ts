/**
 * Reviewer personas are markdown files in `personas/`: YAML front matter (id, name, order,
 * default model, temperature) and a body the models read as the persona's brief. Adding a
 * persona is dropping a file in the folder; nothing here knows the four default ones.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { PROVIDERS } from '../config.js';
import { UsageError } from '../errors.js';
import { contentVersion, parseFrontMatter, splitFrontMatter } from './front-matter.js';

export interface Persona {
  /** Lowercase slug, equal to the file name stem (`skeptic` for `skeptic.md`). */
  id: string;
  /** Display name on the scorecard and in prompts, e.g. `Skeptic`. */
  name: string;
  /** Panel position: lower first. Ties are broken by id. */
  order: number;
  /** `provider:model`, used unless `--model`, `PANEL_MODEL` or `--persona-model` say otherwise. */
  defaultModel: string;
  /** Sampling temperature, 0–2. */
  temperature: number;
  /** One line for `--help` and the editor; not sent to models. */
  description?: string;
  /** Front matter `repeat:` (1–9): runs per review unless `--repeat` says (issue 14). */
  repeat?: number;
  /** The markdown brief after the front matter, trimmed. */
  body: string;
  /** First 12 hex of the SHA-256 of the whole file text; stored with every review. */
  version: string;
}

const PERSONA_ID = /^[a-z][a-z0-9-]*$/;

const ModelSpec = z
  .string()
  .regex(/^[a-z][a-z0-9-]*:\S+$/, 'must be "provider:model", e.g. "openai:gpt-5.4-mini"')
  .refine((spec) => (PROVIDERS as readonly string[]).includes(spec.slice(0, spec.indexOf(':'))), {
    message: `provider must be one of ${PROVIDERS.join(', ')}`,
  });

// Strict: an unknown key is almost always a misspelt one (`temprature`), which would otherwise
// be dropped silently.
const PersonaFrontMatter = z.strictObject({
  id: z.string().regex(PERSONA_ID, 'must be lowercase letters, digits and "-", starting with a letter'),
  name: z.string().trim().min(1).max(40),
  order: z.number().int(),
  defaultModel: ModelSpec,
  temperature: z.number().min(0).max(2),
  description: z.string().trim().min(1).max(200).optional(),
  repeat: z.number().int().min(1).max(9).optional(),
});

/** Parses one persona file's text. Pure: `fileName` is only used for the id check and errors. */
export function parsePersona(text: string, fileName: string): Persona {
  const { data, body } = splitFrontMatter(text, fileName);
  const front = parseFrontMatter(data, PersonaFrontMatter, fileName);
  const stem = path.basename(fileName).replace(/\.md$/i, '');
  if (front.id !== stem) {
    throw new UsageError(`${fileName}: front matter field "id": "${front.id}" must match the file name "${stem}"`);
  }
  const trimmed = body.trim();
  if (trimmed === '') throw new UsageError(`${fileName}: the persona has no body text after the front matter`);
  const persona: Persona = {
    id: front.id,
    name: front.name,
    order: front.order,
    defaultModel: front.defaultModel,
    temperature: front.temperature,
    body: trimmed,
    version: contentVersion(text),
  };
  if (front.description != null) persona.description = front.description;
  if (front.repeat != null) persona.repeat = front.repeat;
  return persona;
}

/** Files that are personas: `*.md`, except README.md and drafts or partials starting with `_`. */
function isPersonaFile(name: string): boolean {
  return /\.md$/i.test(name) && name.toLowerCase() !== 'readme.md' && !name.startsWith('_') && !name.startsWith('.');
}

/** Loads every persona in `dir`, in panel order (order, then id). */
export async function loadPersonas(dir: string): Promise<Persona[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isPersonaFile).sort();
  } catch (error) {
    throw new UsageError(`cannot read personas directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if (names.length === 0) throw new UsageError(`no persona files (*.md) in ${dir}`);
  const personas = await Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
      }
      return parsePersona(text, file);
    }),
  );
  assertUnique(personas, (persona) => persona.id, 'id', dir);
  // Two personas with one name would make the roster and the `Persona:` line ambiguous.
  assertUnique(personas, (persona) => persona.name.toLowerCase(), 'name', dir);
  return personas.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function assertUnique(personas: Persona[], key: (persona: Persona) => string, field: string, dir: string): void {
  const seen = new Set<string>();
  for (const persona of personas) {
    const value = key(persona);
    if (seen.has(value)) throw new UsageError(`two personas in ${dir} share the ${field} "${value}"`);
    seen.add(value);
  }
}

/** `{ id: version }` for a review's `versions.personas`. */
export function personaVersions(personas: readonly Persona[]): Record<string, string> {
  return Object.fromEntries(personas.map((persona) => [persona.id, persona.version]));
}
