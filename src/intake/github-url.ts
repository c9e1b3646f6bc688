/**
 * Which URLs are GitHub repositories. Any page inside a repository (`/tree/main/src`, `/blob/…`,
 * `/issues`, `.git`, a query or fragment) names that repository; GitHub's own site pages
 * (`/features/…`, `/marketplace/…`, `/orgs/…`), a bare owner and other github.com hosts (gist,
 * docs, api) do not, and stay ordinary web pages.
 */

export interface GitHubRepository {
  owner: string;
  repo: string;
}

/**
 * First path segments that are GitHub's own pages rather than an account. A superset of the
 * lists in store/normalize-url.ts and intake/links.ts; GitHub refuses these as account names.
 */
const RESERVED_FIRST_SEGMENTS = new Set([
  'about', 'account', 'apps', 'blog', 'business', 'codespaces', 'collections', 'contact', 'copilot',
  'customer-stories', 'dashboard', 'discussions', 'education', 'enterprise', 'events', 'explore',
  'features', 'gist', 'github-copilot', 'home', 'issues', 'join', 'login', 'logout', 'marketplace',
  'mobile', 'new', 'nonprofit', 'notifications', 'open-source', 'organizations', 'orgs', 'partners',
  'premium-support', 'pricing', 'pulls', 'readme', 'resources', 'search', 'security', 'sessions',
  'settings', 'signup', 'site', 'solutions', 'sponsors', 'stars', 'team', 'teams', 'topics',
  'trending', 'users', 'watching',
]);

/** GitHub account names: letters, digits and single hyphens, not at either end, ≤ 39 chars. */
const OWNER = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;
/** Repository names: letters, digits, `.`, `-`, `_`; never `.` or `..`. */
const REPO = /^[\w.-]{1,100}$/;

/** `{owner, repo}` for a URL inside a github.com repository, else null. */
export function parseGitHubRepoUrl(url: URL): GitHubRepository | null {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (host !== 'github.com' && host !== 'www.github.com') return null;
  if (url.port !== '') return null;
  const [owner, rawRepo] = url.pathname.split('/').filter((segment) => segment !== '');
  if (owner == null || rawRepo == null) return null;
  if (RESERVED_FIRST_SEGMENTS.has(owner.toLowerCase()) || !OWNER.test(owner)) return null;
  const repo = rawRepo.replace(/\.git$/i, '');
  if (!REPO.test(repo) || repo === '.' || repo === '..') return null;
  return { owner, repo };
}
