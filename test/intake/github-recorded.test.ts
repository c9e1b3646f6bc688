/**
 * The GitHub intake replayed on recorded real API answers (fixtures/recorded/github/, sources in
 * its SOURCES.md): a repository with README and release, a fork (with `parent` and `source`),
 * an archived repository, a README and a release that are missing (404), a missing repository
 * (404) and a rate limit (403 with x-ratelimit-remaining: 0). Every answer goes through nock
 * with the status, headers and body that were recorded, into the real `intake`.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { GitHubRateLimitError } from '../../src/intake/github-errors.js';
import { ARCHIVED_FLAG, FORK_FLAG } from '../../src/intake/github-lineage.js';
import { intake } from '../../src/intake/index.js';
import { API, deps, failure, useNock } from './github-support.js';

useNock();

interface Recorded {
  request: { method: string; uri: string };
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

// Framing headers describe the recorded transfer (gzip, chunking), not the body stored here.
const FRAMING = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'status', 'connection']);

function recorded(name: string): Recorded {
  return JSON.parse(readFileSync(new URL(`../../fixtures/recorded/github/${name}`, import.meta.url), 'utf8')) as Recorded;
}

/** [status, body, headers] for nock's reply, as recorded. */
function replay(name: string, status?: number): [number, string, Record<string, string>] {
  const answer = recorded(name);
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([key]) => !FRAMING.has(key)));
  return [status ?? answer.status, JSON.stringify(answer.body), headers];
}

const NOT_FOUND = replay('octokit-rb-repo-not-found.json');

describe('octokit/octokit.rb: repository, README and latest release as recorded', () => {
  it('maps stars, forks, homepage, release and the README; the H1 "Octokit" is not the repository name, so the name is', async () => {
    const scope = nock(API)
      .get('/repos/octokit/octokit.rb')
      .reply(...replay('octokit-rb-repo.json'))
      .get('/repos/octokit/octokit.rb/readme')
      .reply(...replay('octokit-rb-readme.json'))
      .get('/repos/octokit/octokit.rb/releases/latest')
      .reply(...replay('octokit-rb-release-latest.json'))
      .get('/users/octokit')
      .reply(...NOT_FOUND);
    const source = await intake('https://github.com/octokit/octokit.rb', deps());
    scope.done();
    expect(source).toMatchObject({
      kind: 'github',
      url: 'https://github.com/octokit/octokit.rb',
      title: 'octokit/octokit.rb',
      description: 'Ruby toolkit for the GitHub API',
      flags: [],
      links: { github: 'https://github.com/octokit/octokit.rb', homepage: 'http://octokit.github.io/octokit.rb/' },
    });
    expect(source.facts).toMatchObject({
      'github.owner': 'octokit',
      'github.stars': 2434,
      'github.forks': 629,
      'github.language': 'Ruby',
      'github.latestRelease': 'v3.7.1',
      'github.latestReleaseAt': '2015-02-13T14:39:19Z',
    });
    expect(source.facts['github.fork']).toBeUndefined();
    expect(source.known.name).toBe('octokit.rb');
    expect(source.known.vendor).toBe('octokit');
    expect(source.text).toMatch(/^# Octokit\n\nSimple Ruby wrapper for the GitHub API\./);
  });
});

describe('PyGithub/PyGithub: the README H1 names the product', () => {
  it('takes "PyGitHub" from the README\'s # heading, which is the repository name in the makers\' casing', async () => {
    nock(API)
      .get('/repos/PyGithub/PyGithub')
      .reply(...replay('pygithub-repo.json'))
      .get('/repos/PyGithub/PyGithub/readme')
      .reply(...replay('pygithub-readme.json'))
      .get('/repos/PyGithub/PyGithub/releases/latest')
      .reply(...replay('pygithub-release-not-found.json'))
      .get('/users/PyGithub')
      .reply(...NOT_FOUND);
    const source = await intake('https://github.com/PyGithub/PyGithub', deps());
    expect(source.known).toEqual({ name: 'PyGitHub', vendor: 'PyGithub', pricing: { entry: 'Open Source', detail: 'LGPL-3.0 license' } });
    expect(source.facts['github.stars']).toBe(7126);
    // The release answered 404: no release facts, and no failure.
    expect(source.facts['github.latestRelease']).toBeUndefined();
    expect(source.flags).toEqual([]);
  });
});

describe('EnricoMi/PyGithub: a fork, with its README and release missing', () => {
  function forkScope(): nock.Scope {
    return nock(API)
      .get('/repos/EnricoMi/PyGithub')
      .reply(...replay('pygithub-fork-repo.json'))
      .get('/repos/EnricoMi/PyGithub/readme')
      .reply(...NOT_FOUND)
      .get('/repos/EnricoMi/PyGithub/releases/latest')
      .reply(...replay('pygithub-release-not-found.json'))
      .get('/users/EnricoMi')
      .reply(...NOT_FOUND);
  }

  it('says whose fork it is and how many stars the original has, in the facts, the links and a flag', async () => {
    const scope = forkScope();
    const source = await intake('https://github.com/EnricoMi/PyGithub', deps());
    scope.done();
    expect(source.facts).toMatchObject({
      'github.stars': 0,
      'github.fork': true,
      'github.forkOf': 'PyGithub/PyGithub',
      'github.forkOfStars': 7693,
      'github.readme': 'missing',
    });
    // parent and source are the same repository here: no separate network-root facts.
    expect(source.facts['github.forkSource']).toBeUndefined();
    expect(source.links.forkOf).toBe('https://github.com/PyGithub/PyGithub');
    expect(source.flags).toEqual([
      {
        kind: FORK_FLAG,
        detail:
          'github.com/EnricoMi/PyGithub is a fork of github.com/PyGithub/PyGithub (7,693 stars; the fork has 0): ' +
          'check that the fork, not the original, is the tool to review',
      },
    ]);
  });

  it('a missing README (404) is noted, not fatal: the description is the text', async () => {
    forkScope();
    const source = await intake('https://github.com/EnricoMi/PyGithub', deps());
    expect(source.text).toBe('Typed interactions with the GitHub API v3');
    expect(source.facts['github.latestRelease']).toBeUndefined();
  });
});

describe('testgh3py/archive-me: an archived (and renamed) repository', () => {
  it('is flagged as archived; later calls use the name the API answered with', async () => {
    const scope = nock(API)
      .get('/repos/testgh3py/archive-me')
      .reply(...replay('github3-archived-repo.json'))
      .get('/repos/testgh3py/i-have-been-archived/readme')
      .reply(...NOT_FOUND)
      .get('/repos/testgh3py/i-have-been-archived/releases/latest')
      .reply(...NOT_FOUND)
      .get('/users/testgh3py')
      .reply(...NOT_FOUND);
    const source = await intake('https://github.com/testgh3py/archive-me', deps());
    scope.done();
    expect(source.url).toBe('https://github.com/testgh3py/i-have-been-archived');
    expect(source.facts).toMatchObject({ 'github.archived': true, 'github.readme': 'missing' });
    expect(source.flags).toEqual([
      {
        kind: ARCHIVED_FLAG,
        detail: 'github.com/testgh3py/i-have-been-archived is archived: read-only, no longer maintained by its owner; last push 2018-01-07',
      },
    ]);
  });
});

describe('errors as GitHub recorded them', () => {
  it('a missing repository (404): one line naming it', async () => {
    nock(API).get('/repos/pengwynn/octokit').reply(...NOT_FOUND);
    const error = await failure(intake('https://github.com/pengwynn/octokit', deps()));
    expect(error.message).toBe(
      'github.com/pengwynn/octokit was not found (404): no such repository, or a private one (set GITHUB_TOKEN to read it)',
    );
  });

  it('a rate limit (403, x-ratelimit-remaining: 0, no reset header in this recording): says so and how to lift it', async () => {
    nock(API).get('/repos/octokit/octokit.rb').reply(...replay('pygithub-rate-limit.json'));
    const error = await failure(intake('https://github.com/octokit/octokit.rb', deps()));
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error.message).toBe('GitHub API rate limit reached. Set GITHUB_TOKEN for a higher limit.');
  });

  it('the same recorded answer with status 429 (which GitHub also sends) and its reset time added is a rate limit too', async () => {
    const [, body, headers] = replay('pygithub-rate-limit.json', 429);
    // 2026-05-22 14:20:00 UTC, 27 minutes after the tests' clock.
    nock(API).get('/repos/octokit/octokit.rb').reply(429, body, { ...headers, 'x-ratelimit-reset': String(Date.UTC(2026, 4, 22, 14, 20) / 1000) });
    const error = await failure(intake('https://github.com/octokit/octokit.rb', deps()));
    expect(error).toBeInstanceOf(GitHubRateLimitError);
    expect(error.message).toBe('GitHub API rate limit reached; resets at 14:20 UTC (in 27 min). Set GITHUB_TOKEN for a higher limit.');
  });
});
