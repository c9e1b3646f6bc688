/**
 * What the GitHub API said about a repository → what intake knows (`Extracted`): facts from
 * the API fields, links, the README as cleaned text, and the profile fields that are facts
 * (name, vendor, open-source pricing). Pure: no IO, table-tested.
 */
import type { Facts, Flag, ProfileAnswer } from '../schemas.js';
import type { GitHubRelease, GitHubRepo } from './github-api.js';
import { lineageFacts, lineageFlags, lineageLinks } from './github-lineage.js';
import { extractMarkdown } from './markdown.js';
import type { Extracted } from './source.js';

/** The README as the API gave it, or why there is none. */
export type ReadmeState =
  | { state: 'found'; markdown: string; htmlUrl: string | null }
  | { state: 'missing' } // 404: the repository has no README
  | { state: 'unreadable' }; // over GitHub's 1 MB content limit, or not base64

export interface GitHubFindings {
  repo: GitHubRepo;
  readme: ReadmeState;
  release: GitHubRelease | null;
  /** The owner's display name (user or organisation profile), when one is set. */
  ownerName: string | null;
}

/**
 * OSI-approved licenses among those GitHub detects, by SPDX id (lowercase, without
 * `-only`/`-or-later`). CC0, WTFPL and BSD-3-Clause-Clear are deliberately absent.
 * @see https://opensource.org/licenses
 */
const OSI_LICENSES = new Set([
  '0bsd', 'afl-3.0', 'agpl-3.0', 'apache-2.0', 'artistic-2.0', 'blueoak-1.0.0', 'bsd-2-clause',
  'bsd-2-clause-patent', 'bsd-3-clause', 'bsl-1.0', 'cddl-1.0', 'cecill-2.1', 'ecl-2.0', 'epl-1.0',
  'epl-2.0', 'eupl-1.1', 'eupl-1.2', 'gpl-2.0', 'gpl-3.0', 'isc', 'lgpl-2.1', 'lgpl-3.0',
  'lppl-1.3c', 'mit', 'mit-0', 'mpl-2.0', 'ms-pl', 'ms-rl', 'mulanpsl-2.0', 'ncsa', 'ofl-1.1',
  'osl-3.0', 'postgresql', 'unlicense', 'upl-1.0', 'zlib',
]);

export function isOsiLicense(spdxId: string): boolean {
  return OSI_LICENSES.has(spdxId.toLowerCase().replace(/-(only|or-later)$/, ''));
}

function alphanumeric(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Prose only: code blocks and inline code spell commands (`aider --model`), not the name. */
function proseOf(markdown: string): string {
  return markdown.replace(/^ {0,3}(`{3,}|~{3,})[\s\S]*?^ {0,3}\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/**
 * The product name as its makers write it. The README's first heading when it is the repository
 * name (ignoring case, spacing, emoji and a ": tagline"), so "DSPy: Programming…" gives
 * "DSPy"; otherwise the repository name in the casing the README and description use most
 * ("Aider", "vLLM"); otherwise the repository name as it is.
 */
export function productName(repoName: string, heading: string | null, prose: string): string {
  const target = alphanumeric(repoName);
  if (heading && target !== '') {
    const head = heading.split(/:\s|\s[-–—|]\s/)[0]?.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') ?? '';
    if (head.length <= 60 && alphanumeric(head) === target) return head;
  }
  const pattern = new RegExp(`(?<![\\w./@-])${escapeRegExp(repoName)}(?![\\w/@-]|\\.\\w)`, 'gi');
  const counts = new Map<string, number>();
  for (const match of proseOf(prose).matchAll(pattern)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  let best = repoName;
  let bestCount = 0;
  // Map keeps first-seen order, so a tie goes to the spelling used first.
  for (const [spelling, count] of counts) {
    if (count > bestCount) [best, bestCount] = [spelling, count];
  }
  return best;
}

/** An http(s) URL, or a bare "example.com/x" as GitHub lets owners type it; else null. */
function homepageUrl(homepage: string | null | undefined): string | null {
  const trimmed = homepage?.trim() ?? '';
  if (trimmed === '') return null;
  const withScheme = /^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') ? url.href : null;
  } catch {
    return null;
  }
}

function licenseOf(repo: GitHubRepo): string | null {
  const spdx = repo.license?.spdx_id?.trim();
  // NOASSERTION: a license file GitHub could not identify; its name ("Other") is what it says.
  if (spdx && spdx !== 'NOASSERTION') return spdx;
  return repo.license?.name?.trim() || null;
}

function gitHubFacts(findings: GitHubFindings): Facts {
  const { repo, release, readme } = findings;
  const facts: Facts = { 'github.owner': repo.owner.login };
  const put = (key: string, value: string | number | boolean | null | undefined) => {
    if (value != null && value !== '') facts[`github.${key}`] = value;
  };
  put('stars', repo.stargazers_count);
  put('forks', repo.forks_count);
  put('license', licenseOf(repo));
  put('topics', repo.topics?.length ? repo.topics.join(', ') : null);
  put('language', repo.language);
  put('createdAt', repo.created_at);
  put('pushedAt', repo.pushed_at);
  put('archived', repo.archived);
  put('latestRelease', release?.tag_name);
  put('latestReleaseAt', release ? (release.published_at ?? release.created_at) : null);
  if (readme.state !== 'found') put('readme', readme.state);
  return { ...facts, ...lineageFacts(repo) };
}

export function mapGitHub(findings: GitHubFindings): Extracted & { url: string; flags: Flag[] } {
  const { repo, readme } = findings;
  const url = homepageUrl(repo.html_url) ?? `https://github.com/${repo.full_name}`;
  const description = repo.description?.replace(/\s+/g, ' ').trim() || null;
  const fromReadme =
    readme.state === 'found'
      ? // No fallback title: without an H1 the name comes from the repository (productName).
        extractMarkdown(readme.markdown, new URL(readme.htmlUrl ?? `${url}/blob/HEAD/README.md`), { fallbackTitle: null })
      : null;

  const links: Record<string, string> = { ...fromReadme?.links, github: url, ...lineageLinks(repo) };
  const homepage = homepageUrl(repo.homepage);
  if (homepage) links.homepage = homepage;

  const license = licenseOf(repo);
  const known: Partial<ProfileAnswer> = {
    name: productName(repo.name, fromReadme?.title ?? null, `${description ?? ''}\n${readme.state === 'found' ? readme.markdown : ''}`),
    vendor: (findings.ownerName?.trim() || repo.owner.login).slice(0, 120),
  };
  if (license && isOsiLicense(license)) known.pricing = { entry: 'Open Source', detail: `${license} license` };

  return {
    // Whatever else the Markdown extractor reports (what the README hides, for the injection
    // check) comes along; the fields below are the API's.
    ...fromReadme,
    url,
    title: repo.full_name,
    description: description ?? fromReadme?.description ?? null,
    canonical: null,
    // Without a README the description is all there is to read.
    text: fromReadme?.text || description || '',
    links,
    facts: gitHubFacts(findings),
    known,
    flags: lineageFlags(repo),
  };
}
