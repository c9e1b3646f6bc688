/**
 * Flag parsing on Node's own `util.parseArgs` (strict: an unknown flag is a usage error), plus
 * the flags several commands share. Errors become `UsageError`, so the CLI exits 2 with one line.
 * On top of parseArgs: a flag given twice, or a text flag given an empty value, is an error (not
 * "the last one wins", not "ignored"), and `--score -5` passes -5 on for the command to judge.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { quoteInput } from '../terminal-text.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const NEGATIVE_NUMBER = /^-\d/;

/** `--flag -5` → `--flag=-5` for text flags, so a negative number reaches the command's own check. */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === '--') return [...out, ...argv.slice(index)];
    const next = argv[index + 1];
    const name = token.startsWith('--') && !token.includes('=') ? token.slice(2) : undefined;
    if (name != null && options[name]?.type === 'string' && next != null && NEGATIVE_NUMBER.test(next)) {
      out.push(`${token}=${next}`);
      index++;
    } else out.push(token);
  }
  return out;
}

function parseError(error: unknown, command: string): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (/argument is ambiguous|argument missing/.test(message) && option != null) {
    return new UsageError(`${command}: ${option} needs a value (to give one that starts with "-", write ${option}=VALUE)`);
  }
  // Node's messages are long and mention internals; keep the useful first sentence.
  return new UsageError(`${command}: ${message.split('\n')[0]?.split('. ')[0] ?? ''} (see --help)`);
}

export function parseFlags<T extends Options>(argv: string[], options: T, command: string) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, all), options: all, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw parseError(error, command);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const option = all[token.name];
    if (option == null) continue;
    if (!option.multiple && seen.has(token.name)) throw new UsageError(`${command}: --${token.name} is given twice; give it once`);
    seen.add(token.name);
    if (option.type === 'string' && (token.value ?? '').trim() === '') {
      throw new UsageError(`${command}: --${token.name} needs a value, got ""`);
    }
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** `--persona-model skeptic=anthropic:claude-haiku-5-5`, repeatable → { skeptic: … }. */
export function parsePersonaModels(values: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const equals = value.indexOf('=');
    const persona = value.slice(0, equals).trim();
    const spec = value.slice(equals + 1).trim();
    if (equals <= 0 || persona === '' || spec === '') {
      throw new UsageError(`--persona-model ${quoteInput(value)} must look like persona=provider:model`);
    }
    if (Object.keys(result).some((known) => known.toLowerCase() === persona.toLowerCase())) {
      throw new UsageError(`--persona-model names ${quoteInput(persona)} twice; give one model per persona`);
    }
    result[persona] = spec;
  }
  return result;
}

export const MODEL_FLAGS = {
  model: { type: 'string' },
  'persona-model': { type: 'string', multiple: true },
} as const satisfies Options;

/** `--no-grounding`: the claims pass runs no model; only the free checks of numbers, dates and names. */
export const GROUNDING_FLAGS = {
  'no-grounding': { type: 'boolean' },
} as const satisfies Options;

/** `--repeat N` (issue 14): each persona asked N times, 1–9. */
export const REPEAT_FLAGS = {
  repeat: { type: 'string' },
} as const satisfies Options;

/** The `--repeat` value as a number, or undefined when not given; anything but 1–9 is bad usage. */
export function parseRepeat(raw: string | undefined, command: string): number | undefined {
  if (raw == null) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 9) {
    throw new UsageError(`${command}: --repeat must be a whole number from 1 to 9, got ${quoteInput(raw)}`);
  }
  return value;
}
