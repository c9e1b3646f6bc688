/**
 * Intake: a URL or a file path → an `IntakeSource`, everything known about the tool before
 * any model is asked. The one public entry of this stage.
 */
import { safeJsonParse } from '../json-file.js';
import type { Config, HtmlLimits } from '../config.js';
import { IntakeError, UsageError } from '../errors.js';
import { IntakeSource } from '../schemas.js';
import type { LookupFunction } from './address-check.js';
import { classifyBody, decodeText, looksBinary, parseContentType, sniffHtmlCharset } from './decode.js';
import { intakeFile } from './files.js';
import { intakeGitHub, parseGitHubRepoUrl } from './github.js';
import { extractHtmlBounded } from './html.js';
import { extractMarkdown } from './markdown.js';
import { ProfileFile, profileToSource } from './profile-file.js';
import { safeFetch } from './safe-fetch.js';
import { toSource } from './source.js';

export { detectInjection, INJECTION_FLAG, pageNotices, type InjectionInput } from './injection.js';

export { parseGitHubRepoUrl, type GitHubRepository } from './github.js';
// Feeds (batch sources) are fetched under the same SSRF rules, timeouts and size cap as pages.
export { safeFetch } from './safe-fetch.js';

export { FOREIGN_CANONICAL_FLAG } from './html.js';

export interface IntakeDeps {
  /** `html`: the page limits (PANEL_HTML_*); the documented defaults when absent. */
  config: Pick<Config, 'fetch' | 'allowPrivateUrls' | 'github'> & { html?: HtmlLimits | undefined };
  /** Aborts the fetch and the parse (a batch stopping its tools in flight). */
  signal?: AbortSignal | undefined;
  /** DNS resolver, injectable so tests never touch the network's DNS. */
  lookup?: LookupFunction;
  /** Milliseconds since the epoch (for rate-limit reset times); `Date.now` when absent. */
  now?: () => number;
}

export type Target = { kind: 'url'; url: URL } | { kind: 'file'; path: string };

const FILE_EXTENSION = /\.(html?|mdx?|markdown|txt|json)$/i;

function looksLikePath(target: string): boolean {
  return (
    /^(\.{1,2}[\\/]|[\\/]|~[\\/])/.test(target) ||
    /[\\/]/.test(target) ||
    FILE_EXTENSION.test(target) ||
    // A bare name without a dot (README, LICENSE) can only be a file.
    /^[\w-]+$/.test(target)
  );
}

/**
 * Decides whether the user gave a URL or a file. Only http(s) URLs are accepted; anything with
 * another scheme, or an http(s) URL the WHATWG parser rejects, is a UsageError.
 */
export function parseTarget(target: string): Target {
  const trimmed = target.trim();
  if (trimmed === '') throw new UsageError('no target given: pass an http(s) URL or a file path');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  // "C:\page.html" is a Windows path, not a URL with scheme "c".
  const windowsDrive = /^[a-z]:[\\/]/i.test(trimmed);
  if (scheme && !windowsDrive) {
    if (scheme === 'http' || scheme === 'https') {
      try {
        return { kind: 'url', url: new URL(trimmed) };
      } catch {
        throw new UsageError(`malformed URL "${target}"`);
      }
    }
    // "localhost:3000/x" parses as scheme "localhost"; the user most likely forgot "http://".
    if (/^[\w.-]+:\d+(\/|$)/.test(trimmed)) {
      throw new UsageError(`"${target}" has no scheme: did you mean http://${trimmed}?`);
    }
    throw new UsageError(`unsupported URL scheme "${scheme}:" in "${target}": only http and https URLs are supported`);
  }
  if (trimmed.startsWith('//')) throw new UsageError(`"${target}" has no scheme: did you mean https:${trimmed}?`);
  if (looksLikePath(trimmed)) return { kind: 'file', path: trimmed };
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(trimmed)) {
    throw new UsageError(`"${target}" is neither a URL nor a supported file: did you mean https://${trimmed}?`);
  }
  throw new UsageError(`"${target}" is neither an http(s) URL nor a file path (.html, .md, .mdx, .txt, .json)`);
}

async function intakeUrl(url: URL, target: string, deps: IntakeDeps): Promise<IntakeSource> {
  const repository = parseGitHubRepoUrl(url);
  if (repository) return intakeGitHub(repository, target, deps);
  const fetched = await safeFetch(url, {
    ...deps.config.fetch,
    allowPrivateUrls: deps.config.allowPrivateUrls,
    lookup: deps.lookup,
    signal: deps.signal,
  });
  const where = fetched.url.href;
  const { mediaType, charset } = parseContentType(fetched.contentType);
  const body = classifyBody(mediaType, fetched.body, fetched.url.pathname);
  if (body.kind === 'refused') throw new IntakeError(`${where} is ${body.what}, not a web page`, { badInput: true });
  if (fetched.body.toString('latin1').trim() === '') throw new IntakeError(`${where} returned an empty page`);

  const decoded = decodeText(fetched.body, charset, body.kind === 'html' ? sniffHtmlCharset(fetched.body) : null);
  if (looksBinary(decoded)) throw new IntakeError(`${where} is binary, not a web page`, { badInput: true });

  if (body.kind === 'json') {
    const parsed = safeJsonParse(decoded);
    const profile = ProfileFile.safeParse(parsed.ok ? parsed.value : undefined);
    if (!profile.success) throw new IntakeError(`${where} is JSON, not a tool page`, { badInput: true });
    return profileToSource(profile.data, { target, url: where });
  }
  if (body.kind === 'html') {
    // Keyed on the fetched URL unless the page's canonical link is on the same site (html.ts).
    const address = { url: fetched.url, requested: url };
    const extracted = await extractHtmlBounded(decoded, address, { limits: deps.config.html, signal: deps.signal });
    return toSource(extracted, { kind: 'html', target, url: extracted.canonical ?? where });
  }
  const extracted = extractMarkdown(decoded, fetched.url);
  return toSource(extracted, { kind: body.kind, target, url: where });
}

/**
 * Fetches or reads the target and extracts what it says about the tool. Throws UsageError for
 * a malformed target or unusable file, IntakeError for a failed or refused fetch.
 */
export async function intake(target: string, deps: IntakeDeps): Promise<IntakeSource> {
  const parsed = parseTarget(target);
  const source =
    parsed.kind === 'file'
      ? await intakeFile(parsed.path, target, { maxBytes: deps.config.fetch.maxBytes, limits: deps.config.html, signal: deps.signal })
      : await intakeUrl(parsed.url, target, deps);
  return IntakeSource.parse(source);
}
