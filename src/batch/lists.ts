/**
 * The two hand-written source formats, parsed from text (pure): a list of URLs or files, one a
 * line, and a JSON list of strings or `{url, name?}` objects. Entries are checked with the
 * review's own `parseTarget`, so a line the review command would refuse is refused here, by
 * line or index, before anything runs.
 */
import path from 'node:path';
import { z } from 'zod';
import { PanelError, UsageError } from '../errors.js';
import { parseTarget } from '../intake/index.js';
import { safeJsonParse } from '../json-file.js';

/** One tool as a source lists it. `target` is what `runReview` will be given. */
export interface SourceEntry {
  target: string;
  name: string | null;
  /** Where the source listed the tool, when that is not the tool's own page (a feed's launch page). */
  links?: Record<string, string>;
}

export interface ParseContext {
  /** For messages: the file path or URL the text came from. */
  label: string;
  /** Relative file paths in the list resolve against this folder; undefined: files are refused. */
  baseDir: string | undefined;
}

/**
 * A list entry as `runReview` should receive it: URLs as written, file paths made absolute
 * (relative to the list's folder, not to wherever cron started the process).
 */
function resolveEntry(raw: string, where: string, context: ParseContext): string {
  let parsed;
  try {
    parsed = parseTarget(raw);
  } catch (error) {
    throw new UsageError(`${where}: ${error instanceof PanelError ? error.message : String(error)}`);
  }
  if (parsed.kind === 'url') return raw;
  if (context.baseDir == null) throw new UsageError(`${where}: "${raw}" is a file path, but the list came from a URL`);
  return path.resolve(context.baseDir, raw);
}

/** `# comment` lines, trailing ` # comments`, blank lines; a `#` inside a URL is a fragment. */
export function parseTextList(text: string, context: ParseContext): SourceEntry[] {
  const entries: SourceEntry[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/(^|\s)#.*$/, '').trim();
    if (content === '') return;
    entries.push({ target: resolveEntry(content, `${context.label} line ${index + 1}`, context), name: null });
  });
  return entries;
}

const JsonEntry = z.union([
  z.string().trim().min(1),
  z.object({ url: z.string().trim().min(1), name: z.string().trim().min(1).optional() }),
]);
const JsonList = z.array(z.unknown());

export function parseJsonList(text: string, context: ParseContext): SourceEntry[] {
  const parsed = safeJsonParse(text);
  if (!parsed.ok) throw new UsageError(`${context.label} is not valid JSON: ${parsed.error}`);
  const list = JsonList.safeParse(parsed.value);
  if (!list.success) throw new UsageError(`${context.label} must be a JSON array of URLs or {"url", "name"} objects`);
  return list.data.map((value, index) => {
    const entry = JsonEntry.safeParse(value);
    const where = `${context.label} [${index}]`;
    if (!entry.success) throw new UsageError(`${where}: expected a URL string or an object with a "url" string`);
    const { url, name } = typeof entry.data === 'string' ? { url: entry.data, name: undefined } : entry.data;
    return { target: resolveEntry(url, where, context), name: name ?? null };
  });
}
