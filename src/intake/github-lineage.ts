/**
 * What a repository is in relation to others: a fork (whose, and how many stars the original
 * has) or an archived, read-only project. A fork has 0 stars of its own and the original's
 * README, so reviewed as-is it reads as an unknown copy of a known tool; both cases become
 * facts the panel sees and flags the editor sees. Pure.
 * @see https://docs.github.com/en/rest/repos/repos#get-a-repository (`fork`, `parent`, `source`)
 */
import type { Facts, Flag } from '../schemas.js';
import type { GitHubRepo, GitHubRepoRef } from './github-api.js';

export const FORK_FLAG = 'github-fork';
export const ARCHIVED_FLAG = 'github-archived';

function count(value: number | null | undefined): string {
  return value == null ? 'an unknown number of' : value.toLocaleString('en-US');
}

function refUrl(ref: GitHubRepoRef): string {
  return ref.html_url?.startsWith('https://') ? ref.html_url : `https://github.com/${ref.full_name}`;
}

/** `github.fork`, `github.forkOf`, `github.forkOfStars` (and the network root when it differs). */
export function lineageFacts(repo: GitHubRepo): Facts {
  if (repo.fork !== true) return {};
  const facts: Facts = { 'github.fork': true };
  const { parent, source } = repo;
  if (parent) {
    facts['github.forkOf'] = parent.full_name;
    if (parent.stargazers_count != null) facts['github.forkOfStars'] = parent.stargazers_count;
    if (parent.archived) facts['github.forkOfArchived'] = true;
  }
  if (source && source.full_name !== parent?.full_name) {
    facts['github.forkSource'] = source.full_name;
    if (source.stargazers_count != null) facts['github.forkSourceStars'] = source.stargazers_count;
  }
  return facts;
}

/** The original's page, for `tool.links`. */
export function lineageLinks(repo: GitHubRepo): Record<string, string> {
  return repo.fork === true && repo.parent ? { forkOf: refUrl(repo.parent) } : {};
}

/** The flags a draft of this repository carries: fork, archived, or both. */
export function lineageFlags(repo: GitHubRepo): Flag[] {
  const flags: Flag[] = [];
  const name = `github.com/${repo.full_name}`;
  if (repo.fork === true) {
    const { parent } = repo;
    flags.push({
      kind: FORK_FLAG,
      detail: parent
        ? `${name} is a fork of github.com/${parent.full_name} (${count(parent.stargazers_count)} stars; the fork has ` +
          `${count(repo.stargazers_count)}): check that the fork, not the original, is the tool to review`
        : `${name} is a fork (GitHub did not say of which repository): check that it is the tool to review`,
    });
  }
  if (repo.archived === true) {
    const pushed = repo.pushed_at ? `; last push ${repo.pushed_at.slice(0, 10)}` : '';
    flags.push({ kind: ARCHIVED_FLAG, detail: `${name} is archived: read-only, no longer maintained by its owner${pushed}` });
  }
  return flags;
}
