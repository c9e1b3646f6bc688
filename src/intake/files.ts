/**
 * Local files as review targets: saved pages, READMEs, docs sources and hand-written JSON
 * profiles. A file the user named but we cannot use is a usage problem (exit 2).
 */
import { safeJsonParse } from '../json-file.js';
import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { HtmlLimits } from '../config.js';
import { UsageError } from '../errors.js';
import type { IntakeSource } from '../schemas.js';
import { decodeText, looksBinary, sniffHtmlCharset } from './decode.js';
import { extractHtmlBounded } from './html.js';
import { extractMarkdown, titleFromLocation } from './markdown.js';
import { describeIssue, ProfileFile, profileToSource } from './profile-file.js';
import { toSource } from './source.js';

type FileKind = 'html' | 'markdown' | 'text' | 'json';

const FILE_KINDS: Record<string, FileKind> = {
  '.html': 'html',
  '.htm': 'html',
  '.md': 'markdown',
  '.mdx': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.json': 'json',
};
const SUPPORTED = '.html, .htm, .md, .mdx, .markdown, .txt or a .json profile';

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a parent is not a directory',
};

/** A special file (a pipe, `/dev/stdin`) reports size 0: read it in chunks of this size. */
const UNSIZED_CHUNK = 64 * 1024;

/**
 * Reads at most `maxBytes`. The file's size bounds the buffer (allocating the whole cap for a
 * 30 kB page cost more than parsing it), but is not trusted to bound the read: a file that
 * grows while read, or a special file with no size, is read until `maxBytes` + 1 and refused.
 */
export async function readLocalFile(path: string, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new UsageError(`cannot read file ${path}: larger than ${maxBytes.toLocaleString('en-US')} bytes`);
  try {
    const handle = await open(path, 'r');
    try {
      const { size: statSize } = await handle.stat();
      if (statSize > maxBytes) throw tooLarge();
      // One byte beyond the size, so a file that grew is noticed on the first read.
      let buffer = Buffer.allocUnsafe((statSize > 0 ? statSize : Math.min(UNSIZED_CHUNK, maxBytes)) + 1);
      let size = 0;
      for (;;) {
        if (size === buffer.length) {
          const grown = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
          buffer.copy(grown, 0, 0, size);
          buffer = grown;
        }
        const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
        if (bytesRead === 0) break;
        size += bytesRead;
        if (size > maxBytes) throw tooLarge();
      }
      return buffer.subarray(0, size);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot read file ${path}: ${ERRNO_WORDS[code] ?? (code || 'unreadable')}`, { cause: error });
  }
}

function parseProfile(path: string, text: string): ProfileFile {
  const parsed = safeJsonParse(text);
  if (!parsed.ok) throw new UsageError(`${path} is not valid JSON: ${parsed.error}`);
  const result = ProfileFile.safeParse(parsed.value);
  if (!result.success) throw new UsageError(`${path} is not a valid profile: ${describeIssue(result.error)}`);
  return result.data;
}

export interface FileOptions {
  maxBytes: number;
  limits?: HtmlLimits | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Only the documented extensions are read. A dotfile (`.env`) or a name without an extension
 * (`credentials`, `/etc/passwd`) is refused before it is opened: whatever it holds would be
 * sent to the models and stored with the draft.
 */
function fileKind(path: string): FileKind {
  if (/[\\/]$/.test(path)) throw new UsageError(`cannot read file ${path}: it is a directory`);
  const name = basename(path);
  if (name.startsWith('.')) {
    throw new UsageError(`cannot review file ${path}: a dotfile is never read (use ${SUPPORTED})`);
  }
  const extension = extname(name).toLowerCase();
  const kind = FILE_KINDS[extension];
  if (kind == null) {
    const what = extension === '' ? 'it has no extension' : `unsupported type "${extension}"`;
    throw new UsageError(`cannot review file ${path}: ${what} (use ${SUPPORTED})`);
  }
  return kind;
}

export async function intakeFile(path: string, target: string, options: FileOptions): Promise<IntakeSource> {
  const kind = fileKind(path);
  const bytes = await readLocalFile(path, options.maxBytes);
  if (bytes.toString('utf8').trim() === '') throw new UsageError(`file ${path} is empty`);
  const text = decodeText(bytes, kind === 'html' ? sniffHtmlCharset(bytes) : null);
  if (looksBinary(text)) throw new UsageError(`cannot review file ${path}: it is binary, not a page or text file`);
  if (kind === 'json') return profileToSource(parseProfile(path, text), { target, url: path });
  if (kind === 'html') {
    const extracted = await extractHtmlBounded(text, { url: null }, { limits: options.limits, signal: options.signal, label: path });
    // A saved page names its own address: the tool is that site, not the file on disk.
    const url = extracted.canonical?.startsWith('http') ? extracted.canonical : path;
    return toSource({ ...extracted, facts: { ...extracted.facts, 'source.file': path } }, { kind, target, url });
  }
  return toSource(extractMarkdown(text, null, { fallbackTitle: titleFromLocation(path) }), { kind, target, url: path });
}
