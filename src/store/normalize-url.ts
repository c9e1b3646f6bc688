/**
 * One key per tool. The same tool reaches us as many URLs (tracking params, `www.`, a trailing
 * slash, a GitHub sub-page); the store keys tools by the normalised form so a re-review lands
 * on the same row, and `batch` can tell that a tool was already reviewed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Query params that only say where a visitor came from, never which page it is. */
const TRACKING_PARAMS = new Set(['ref', 'fbclid', 'gclid']);

/**
 * First path segments on github.com that are site pages, not owners: collapsing
 * `github.com/marketplace/actions/x` to two segments would merge unrelated pages.
 */
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'customer-stories', 'enterprise', 'events', 'explore',
  'features', 'login', 'marketplace', 'orgs', 'pricing', 'security', 'settings', 'site',
  'solutions', 'sponsors', 'topics', 'trending',
]);

/** `scheme:` at the start, but not a Windows drive letter (`C:\…`). */
const HAS_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/**
 * Normalise a tool URL or file path to the key the store uses:
 * - http(s): lowercase scheme and host, no `www.`, no default port, no fragment, no trailing
 *   slash, no `utm_*` / `ref` / `fbclid` / `gclid`, remaining params sorted;
 * - GitHub repository URLs (any sub-page, `.git`): `https://github.com/owner/repo`, lowercased;
 * - files (a path or a `file:` URL): `file:<absolute path>`.
 * Other schemes come back as the URL parser writes them.
 */
export function normalizeToolUrl(input: string): string {
  const trimmed = input.trim();
  const lower = trimmed.toLowerCase();
  if (lower.startsWith('file://')) return `file:${fileURLToPath(trimmed)}`;
  // Our own `file:<path>` form is not a URL (no percent-encoding); keep it a fixed point.
  if (lower.startsWith('file:')) return `file:${path.resolve(trimmed.slice('file:'.length))}`;
  if (!HAS_SCHEME.test(trimmed)) return `file:${path.resolve(trimmed)}`;

  const url = new URL(trimmed);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return url.href;

  url.hash = '';
  url.hostname = url.hostname.replace(/^www\./, '').replace(/\.$/, '');

  const github = githubRepository(url);
  if (github) return github;

  const kept = [...url.searchParams].filter(([key]) => !isTrackingParam(key));
  // Sorting makes `?a=1&b=2` and `?b=2&a=1` one tool; no page we review depends on param order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();

  // `URL` already lowercased scheme and host and dropped a default port.
  const pathname = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${pathname}${query ? `?${query}` : ''}`;
}

function isTrackingParam(key: string): boolean {
  const lower = key.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/** `https://github.com/owner/repo` for any URL inside a repository, else undefined. */
function githubRepository(url: URL): string | undefined {
  if (url.hostname !== 'github.com') return undefined;
  const [owner, repo] = url.pathname.split('/').filter((segment) => segment !== '');
  if (owner == null || repo == null || GITHUB_RESERVED.has(owner.toLowerCase())) return undefined;
  const name = repo.replace(/\.git$/i, '');
  if (name === '') return undefined;
  // GitHub owner and repository names are case-insensitive, so case must not split a tool.
  return `https://github.com/${owner}/${name}`.toLowerCase();
}

/**
 * A URL-safe name for a tool page: "OpenRouter Model Fusion" → "openrouter-model-fusion".
 * Accents are folded to ASCII; a name with no letters or digits becomes "tool".
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // combining accents left behind by NFKD
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '') // "Claude's" → "claudes", not "claude-s"
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') return 'tool';
  if (slug.length <= 60) return slug;
  // Long names make unwieldy page URLs; cut at a word boundary when there is one.
  const cut = slug.slice(0, 60);
  const atBoundary = slug[60] === '-' || !cut.includes('-') ? cut : cut.replace(/-[^-]*$/, '');
  return atBoundary.replace(/-+$/, '');
}
