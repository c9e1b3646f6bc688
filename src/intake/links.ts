/**
 * Picks the few links a review cares about (repository, docs, pricing) out of every anchor on
 * a page. Shared by the HTML and Markdown extractors, which only differ in how they find anchors.
 */

export interface Anchor {
  href: string;
  text: string;
}

export interface PageLinks {
  github?: string;
  docs?: string;
  pricing?: string;
}

// First path segments on github.com that are GitHub's own pages, not an owner.
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'customer-stories', 'enterprise', 'explore', 'features', 'login',
  'marketplace', 'new', 'notifications', 'orgs', 'pricing', 'readme', 'security', 'settings', 'signup',
  'site', 'sponsors', 'topics', 'trending', 'users',
]);

/** An absolute http(s) URL for an anchor, or null (relative without a base, mailto:, `#top`…). */
export function absoluteHref(href: string, base: URL | null): URL | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** `https://github.com/owner/repo` for any link into a repository (issues, releases, blobs…). */
export function githubRepository(url: URL): string | null {
  if (url.hostname !== 'github.com' && url.hostname !== 'www.github.com') return null;
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (!owner || !repo || GITHUB_RESERVED.has(owner.toLowerCase())) return null;
  if (!/^[\w.-]+$/.test(owner) || !/^[\w.-]+$/.test(repo)) return null;
  return `https://github.com/${owner}/${repo.replace(/\.git$/, '')}`;
}

function alphanumeric(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * 0 for no, else a rank: a link labelled "Docs" beats the docs root, which beats a deep page.
 */
function docsRank(url: URL, text: string): number {
  if (/^(docs|documentation)$/i.test(text)) return 3;
  const docsHost = url.hostname.startsWith('docs.');
  const docsPath = /^\/(docs|documentation)(\/|\.html|$)/i.test(url.pathname);
  if ((docsHost && url.pathname === '/') || /^\/(docs|documentation)\/?$/i.test(url.pathname)) return 2;
  return docsHost || docsPath ? 1 : 0;
}

function isPricing(url: URL, text: string): boolean {
  return /\/(pricing|plans)(\/|\.html|$)/i.test(url.pathname) || /^(pricing|plans)$/i.test(text);
}

/**
 * How surely a repository is the project's own: 2 when named like the page (title or site
 * name), 1 when named like its owner (ollama/ollama, crewAIInc/crewAI, Aider-AI/aider), else 0.
 * READMEs link third-party repos (integrations, examples) more often than their own.
 */
function ownership(repository: string, hint: string): number {
  const [owner = '', name = ''] = repository.replace('https://github.com/', '').split('/').map(alphanumeric);
  if (name.length < 2) return 0;
  if (hint !== '' && hint.includes(name)) return 2;
  return owner === name || owner.startsWith(name) ? 1 : 0;
}

/** Docs on the page's own site (or named like it) beat a third party's docs. */
function sameSite(url: URL, base: URL | null, hint: string): boolean {
  if (base && url.hostname.replace(/^www\./, '') === base.hostname.replace(/^www\./, '')) return true;
  const label = url.hostname.replace(/^(www|docs)\./, '').split('.')[0] ?? '';
  return label.length >= 3 && hint.includes(alphanumeric(label));
}

/**
 * The project's own repository wins, then the one linked most often, then the first; docs take
 * the best-ranked match and pricing the first. `hint` is the page title and site name.
 */
export function pickLinks(anchors: Anchor[], base: URL | null, hint = ''): PageLinks {
  const repositories = new Map<string, number>();
  const links: PageLinks = {};
  const normalisedHint = alphanumeric(hint);
  let docsBest = 0;
  for (const anchor of anchors) {
    const url = absoluteHref(anchor.href, base);
    if (url == null) continue;
    const text = anchor.text.replace(/\s+/g, ' ').trim();
    const repository = githubRepository(url);
    if (repository) {
      repositories.set(repository, (repositories.get(repository) ?? 0) + 1);
      continue;
    }
    url.hash = '';
    const rank = docsRank(url, text) + (sameSite(url, base, normalisedHint) ? 10 : 0);
    if (rank % 10 > 0 && rank > docsBest) {
      docsBest = rank;
      links.docs = url.href;
    }
    if (links.pricing == null && isPricing(url, text)) links.pricing = url.href;
  }
  const score = (repository: string, count: number) => ownership(repository, normalisedHint) * 1_000_000 + count;
  let best = 0;
  for (const [repository, count] of repositories) {
    if (score(repository, count) > best) {
      best = score(repository, count);
      links.github = repository;
    }
  }
  return links;
}
