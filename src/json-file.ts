/** One helper for reading a JSON data file through a zod schema, with a one-line error. */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { UsageError } from './errors.js';

/** Parses JSON text without throwing: untrusted text never reaches a bare `JSON.parse`. */
export function safeJsonParse(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function readJsonFile<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const parsed = safeJsonParse(text);
  if (!parsed.ok) throw new UsageError(`${file} is not valid JSON: ${parsed.error}`);
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${file}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}
