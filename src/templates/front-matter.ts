/**
 * Splits a markdown file into its YAML front matter and body, and validates the front matter
 * with zod. Shared by persona files and prompt files, which are both edited by hand: every
 * problem becomes a UsageError naming the file and the field, so a typo exits 2 with one line.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../errors.js';

export interface FrontMatterFile {
  /** The YAML between the `---` fences, parsed but not yet validated. */
  data: unknown;
  /** Everything after the closing fence, line endings normalised to `\n`. */
  body: string;
}

/** First 12 hex digits of the SHA-256 of the text: short enough to show, long enough to differ. */
export function contentVersion(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 12);
}

export function splitFrontMatter(text: string, fileName: string): FrontMatterFile {
  // Editors on Windows save CRLF and some add a BOM; neither should change what the file means.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normalised.split('\n');
  if (lines[0]?.trim() !== '---') {
    throw new UsageError(`${fileName}: must start with a "---" line opening the YAML front matter`);
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close === -1) {
    throw new UsageError(`${fileName}: front matter has no closing "---" line`);
  }
  let data: unknown;
  try {
    data = parseYaml(lines.slice(1, close).join('\n')) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${fileName}: front matter is not valid YAML: ${reason}`);
  }
  return { data, body: lines.slice(close + 1).join('\n') };
}

/** Validates parsed front matter; the first issue is reported with its field name. */
export function parseFrontMatter<T extends z.ZodType>(
  data: unknown,
  schema: T,
  fileName: string,
): z.infer<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue == null) throw new UsageError(`${fileName}: front matter is invalid`);
  // Zod reports unknown keys at the object level; name them, since that is the field to fix.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
  const field = keys || issue.path.join('.') || '(front matter)';
  throw new UsageError(`${fileName}: front matter field "${field}": ${issue.message}`);
}
