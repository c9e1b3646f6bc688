/**
 * The GitHub REST answers intake reads, as minimal and tolerant zod schemas: only the fields we
 * use, every one `.nullish()`, so a field GitHub adds, drops or nulls never fails a review.
 * @see https://docs.github.com/en/rest/repos/repos#get-a-repository
 */
import { z } from 'zod';

const Account = z.object({
  login: z.string(),
  type: z.string().nullish(),
});

/** The repository a fork was made from (`parent`) or its network's root (`source`). */
const RepoRef = z.object({
  full_name: z.string(),
  html_url: z.string().nullish(),
  stargazers_count: z.number().nullish(),
  archived: z.boolean().nullish(),
});
export type GitHubRepoRef = z.infer<typeof RepoRef>;

/** GET /repos/{owner}/{repo} */
export const GitHubRepo = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  owner: Account,
  description: z.string().nullish(),
  homepage: z.string().nullish(),
  stargazers_count: z.number().nullish(),
  forks_count: z.number().nullish(),
  /** `spdx_id` is "NOASSERTION" when GitHub found a license file it could not identify. */
  license: z.object({ spdx_id: z.string().nullish(), name: z.string().nullish() }).nullish(),
  topics: z.array(z.string()).nullish(),
  created_at: z.string().nullish(),
  pushed_at: z.string().nullish(),
  archived: z.boolean().nullish(),
  /** For a fork, `parent` and `source` come with the single-repository answer (not with lists). */
  fork: z.boolean().nullish(),
  parent: RepoRef.nullish(),
  source: RepoRef.nullish(),
  language: z.string().nullish(),
});
export type GitHubRepo = z.infer<typeof GitHubRepo>;

/**
 * GET /repos/{owner}/{repo}/readme. `content` is base64 with line breaks; files over 1 MB come
 * back with encoding "none" and no content.
 * @see https://docs.github.com/en/rest/repos/contents#get-a-repository-readme
 */
export const GitHubReadme = z.object({
  content: z.string().nullish(),
  encoding: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type GitHubReadme = z.infer<typeof GitHubReadme>;

/**
 * GET /repos/{owner}/{repo}/releases/latest: the newest published, non-draft, non-prerelease
 * release; 404 when there is none.
 * @see https://docs.github.com/en/rest/releases/releases#get-the-latest-release
 */
export const GitHubRelease = z.object({
  tag_name: z.string(),
  published_at: z.string().nullish(),
  created_at: z.string().nullish(),
});
export type GitHubRelease = z.infer<typeof GitHubRelease>;

/** GET /users/{login} (answers for organisations too): the display name, when one is set. */
export const GitHubAccount = z.object({
  login: z.string(),
  name: z.string().nullish(),
});
export type GitHubAccount = z.infer<typeof GitHubAccount>;

/** The body of a GitHub error answer. */
export const GitHubErrorBody = z.object({ message: z.string().nullish() });
