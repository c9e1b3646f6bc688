/**
 * GitHub repositories through the REST API rather than the HTML page: the numbers a review
 * cites (stars, license, dates, release) come from the API, and the README from its own
 * endpoint. Every call goes through safeFetch, so GITHUB_API_URL gets the same SSRF rules,
 * timeout and size cap as any page.
 * @see https://docs.github.com/en/rest/repos/repos#get-a-repository
 */
import type { z } from 'zod';
import type { Config } from '../config.js';
import { IntakeError, UsageError } from '../errors.js';
import { safeJsonParse } from '../json-file.js';
import type { IntakeSource } from '../schemas.js';
import type { LookupFunction } from './address-check.js';
import { GitHubAccount, GitHubReadme, GitHubRelease, GitHubRepo } from './github-api.js';
import { gitHubError, type ErrorContext, type GitHubAnswer } from './github-errors.js';
import { mapGitHub, type ReadmeState } from './github-map.js';
import type { GitHubRepository } from './github-url.js';
import { safeFetch } from './safe-fetch.js';
import { toSource } from './source.js';

export { parseGitHubRepoUrl, type GitHubRepository } from './github-url.js';

export interface GitHubDeps {
  config: Pick<Config, 'fetch' | 'allowPrivateUrls' | 'github'>;
  lookup?: LookupFunction | undefined;
  /** Milliseconds since the epoch; injectable so rate-limit messages are testable. */
  now?: (() => number) | undefined;
}

/** The API version this code was written against; GitHub answers it until it is retired. */
const API_VERSION = '2022-11-28';

function apiUrl(base: string, path: string): URL {
  try {
    return new URL(`${base.replace(/\/+$/, '')}${path}`);
  } catch {
    throw new UsageError(`GITHUB_API_URL must be an http(s) URL, got "${base}"`);
  }
}

async function get(path: string, deps: GitHubDeps): Promise<GitHubAnswer> {
  const { token } = deps.config.github;
  const fetched = await safeFetch(apiUrl(deps.config.github.apiUrl, path), {
    ...deps.config.fetch,
    allowPrivateUrls: deps.config.allowPrivateUrls,
    lookup: deps.lookup,
    returnErrorStatus: true,
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': API_VERSION,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: fetched.status, headers: fetched.headers, body: fetched.body };
}

function parseBody<T extends z.ZodType>(answer: GitHubAnswer, schema: T, what: string): z.infer<T> {
  const parsed = safeJsonParse(answer.body.toString('utf8'));
  const result = schema.safeParse(parsed.ok ? parsed.value : undefined);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : '';
    throw new IntakeError(`GitHub API sent an unexpected answer for ${what}${where}`);
  }
  return result.data;
}

async function readme(path: string, deps: GitHubDeps, context: ErrorContext): Promise<ReadmeState> {
  const answer = await get(`${path}/readme`, deps);
  if (answer.status === 404) return { state: 'missing' };
  if (answer.status !== 200) throw gitHubError(answer, context, `the README of ${context.repository}`);
  const body = parseBody(answer, GitHubReadme, `the README of ${context.repository}`);
  if (body.encoding !== 'base64' || body.content == null) return { state: 'unreadable' };
  return { state: 'found', markdown: Buffer.from(body.content, 'base64').toString('utf8'), htmlUrl: body.html_url ?? null };
}

/** Best effort: a release or a display name the API will not give is simply not a fact. */
async function optional<T extends z.ZodType>(path: string, schema: T, deps: GitHubDeps): Promise<z.infer<T> | null> {
  try {
    const answer = await get(path, deps);
    if (answer.status !== 200) return null;
    const parsed = safeJsonParse(answer.body.toString('utf8'));
    const result = schema.safeParse(parsed.ok ? parsed.value : undefined);
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

/** Reads one repository: the repository, then its README, latest release and owner at once. */
export async function intakeGitHub(repository: GitHubRepository, target: string, deps: GitHubDeps): Promise<IntakeSource> {
  const name = `github.com/${repository.owner}/${repository.repo}`;
  const context: ErrorContext = { repository: name, token: deps.config.github.token, now: deps.now?.() ?? Date.now() };
  const answer = await get(`/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.repo)}`, deps);
  if (answer.status !== 200) throw gitHubError(answer, context);
  const repo = parseBody(answer, GitHubRepo, name);

  // The API's own spelling: a renamed or differently cased repository needs no redirect.
  const [owner = repository.owner, repoName = repository.repo] = repo.full_name.split('/');
  const path = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repoName)}`;
  const [readmeState, release, account] = await Promise.all([
    readme(path, deps, { ...context, repository: `github.com/${repo.full_name}` }),
    optional(`${path}/releases/latest`, GitHubRelease, deps),
    optional(`/users/${encodeURIComponent(repo.owner.login)}`, GitHubAccount, deps),
  ]);

  const extracted = mapGitHub({ repo, readme: readmeState, release, ownerName: account?.name ?? null });
  // toSource puts the fork and archived flags first: they say what the draft is of, before
  // anything it contains (the injection flags).
  return toSource(extracted, { kind: 'github', target, url: extracted.url });
}
