/**
 * `batch <source>` → the tools to review: read the file or fetch the URL, tell the format
 * from the text (a `.json` / `.xml` name decides for a file), parse, normalise every URL
 * (`normalizeToolUrl`: one tool is one tool) and drop duplicates, first one wins.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { UsageError } from '../errors.js';
import { parseTarget, safeFetch } from '../intake/index.js';
import { normalizeToolUrl, type BatchSourceKind } from '../store/index.js';
import { parseFeed } from './feed.js';
import { parseJsonList, parseTextList, type ParseContext, type SourceEntry } from './lists.js';

/** One tool of the batch. `url` is its identity; `target` is what gets reviewed. */
export interface BatchTool {
  url: string;
  target: string;
  name: string | null;
  /** Listing pages the source gave for it (`productHunt`, `hackerNews`, `githubRelease`): kept as links on the tool. */
  links?: Record<string, string>;
}

export interface BatchSource {
  kind: BatchSourceKind;
  /** What identifies the source across runs: the absolute file path, or the URL as given. */
  location: string;
  tools: BatchTool[];
  /** Entries dropped because an earlier entry is the same tool. */
  duplicates: number;
  warnings: string[];
}

export type FetchText = (url: URL) => Promise<{ url: URL; body: Buffer }>;

export interface SourceDeps {
  config: Pick<Config, 'fetch' | 'allowPrivateUrls'>;
  /** Tests may replace the fetch; the default is intake's SSRF-safe fetch. */
  fetchText?: FetchText;
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

function sniff(text: string, fileName: string | undefined): BatchSourceKind {
  const extension = fileName ? path.extname(fileName).toLowerCase() : '';
  if (extension === '.json') return 'json';
  if (['.xml', '.rss', '.atom'].includes(extension)) return 'feed';
  const first = text.trimStart()[0];
  if (first === '<') return 'feed';
  if (first === '[' || first === '{') return 'json';
  return 'text';
}

function parseAny(kind: BatchSourceKind, text: string, context: ParseContext, baseUrl?: string) {
  if (kind === 'feed') {
    const feed = parseFeed(text, context.label, baseUrl);
    if (feed.total > 0 && feed.entries.length === 0) {
      // Every entry was skipped: a feed we cannot use, not a quiet day. Say why (the first reason).
      const first = feed.warnings[0]?.replace(/; skipped$/, '') ?? `${context.label}: no usable entry`;
      throw new UsageError(
        `${context.label}: none of its ${feed.total} ${feed.total === 1 ? 'entry links' : 'entries link'} to a tool we can review (${first.slice(context.label.length + 2)}); nothing to do`,
      );
    }
    const empty = feed.total === 0 ? [`${context.label} has no items or entries: nothing to review`] : [];
    return { entries: feed.entries, warnings: [...feed.warnings, ...empty] };
  }
  const entries = kind === 'json' ? parseJsonList(text, context) : parseTextList(text, context);
  return { entries, warnings: entries.length === 0 ? [`${context.label} lists no tools: nothing to review`] : [] };
}

export function dedupe(entries: SourceEntry[]): { tools: BatchTool[]; duplicates: number } {
  const seen = new Set<string>();
  const tools: BatchTool[] = [];
  for (const entry of entries) {
    const url = normalizeToolUrl(entry.target);
    if (seen.has(url)) continue;
    seen.add(url);
    tools.push({ url, target: entry.target, name: entry.name, ...(entry.links ? { links: entry.links } : {}) });
  }
  return { tools, duplicates: entries.length - tools.length };
}

async function readLocal(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot read batch source ${file}: ${ERRNO_WORDS[code] ?? (code || 'unreadable')}`);
  }
}

export async function readSource(spec: string, deps: SourceDeps): Promise<BatchSource> {
  const target = parseTarget(spec);
  if (target.kind === 'file') {
    const location = path.resolve(target.path);
    const text = await readLocal(location);
    const kind = sniff(text, location);
    const parsed = parseAny(kind, text, { label: location, baseDir: path.dirname(location) });
    return { kind, location, ...dedupe(parsed.entries), warnings: parsed.warnings };
  }
  const fetchText: FetchText =
    deps.fetchText ?? ((url) => safeFetch(url, { ...deps.config.fetch, allowPrivateUrls: deps.config.allowPrivateUrls }));
  const fetched = await fetchText(target.url);
  const text = fetched.body.toString('utf8').replace(/^\uFEFF/, '');
  const location = spec.trim();
  const kind = sniff(text, undefined);
  const parsed = parseAny(kind, text, { label: location, baseDir: undefined }, fetched.url.href);
  return { kind, location, ...dedupe(parsed.entries), warnings: parsed.warnings };
}
