/**
 * Flag parsing on Node's own `util.parseArgs` (strict: an unknown flag is a usage error), plus
 * the flags several commands share. Errors become `UsageError`, so the CLI exits 2 with one line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends Options>(argv: string[], options: T, command: string) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages are long and mention internals; keep the useful first sentence.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.split('. ')[0] ?? '';
    throw new UsageError(`${command}: ${message} (see --help)`);
  }
}

/** `--persona-model skeptic=anthropic:claude-haiku-5-5`, repeatable → { skeptic: … }. */
export function parsePersonaModels(values: string[] | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values ?? []) {
    const equals = value.indexOf('=');
    if (equals <= 0 || equals === value.length - 1) {
      throw new UsageError(`--persona-model "${value}" must look like persona=provider:model`);
    }
    result[value.slice(0, equals).trim()] = value.slice(equals + 1).trim();
  }
  return result;
}

export const MODEL_FLAGS = {
  model: { type: 'string' },
  'persona-model': { type: 'string', multiple: true },
} as const satisfies Options;
