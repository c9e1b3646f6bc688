/**
 * Writing the site's files: atomically (a temp file in the same folder, flushed, then renamed
 * over the old one, so a reader never sees half a file) and only when the content changed (so
 * re-publishing unchanged data leaves every file, and its modification time, alone).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PanelError } from '../errors.js';

/** The file's text, or null when it does not exist (or cannot be read as a file). */
async function currentText(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}

function failure(action: string, file: string, error: unknown): PanelError {
  const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
  return new PanelError(`cannot ${action} ${file}: ${code}`, { cause: error });
}

/** Writes `content` to `file` unless it already holds exactly that. */
export async function writeFileAtomic(file: string, content: string): Promise<'written' | 'unchanged'> {
  if ((await currentText(file)) === content) return 'unchanged';
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    return 'written';
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw failure('write', file, error);
  }
}

/** Removes a file we wrote before; one already gone is fine. */
export async function removeFile(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw failure('remove', file, error);
  }
}

/** JSON as the site gets it: two-space indent, a final newline, keys in schema order. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
