/**
 * Which URLs are read through the GitHub API and which stay ordinary web pages, and that
 * intake routes them accordingly.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { intake, parseGitHubRepoUrl } from '../../src/intake/index.js';
import { aiderScope, deps, useNock } from './github-support.js';

const repository = { owner: 'Aider-AI', repo: 'aider' };

describe('parseGitHubRepoUrl', () => {
  it.each([
    ['https://github.com/Aider-AI/aider', repository],
    ['https://github.com/Aider-AI/aider/', repository],
    ['https://www.github.com/Aider-AI/aider', repository],
    ['http://github.com/Aider-AI/aider', repository],
    ['https://GitHub.com/Aider-AI/aider', repository],
    ['https://github.com/Aider-AI/aider.git', repository],
    ['https://github.com/Aider-AI/aider.GIT/', repository],
    ['https://github.com/Aider-AI/aider/tree/main/aider/coders', repository],
    ['https://github.com/Aider-AI/aider/blob/main/README.md#installation', repository],
    ['https://github.com/Aider-AI/aider/issues', repository],
    ['https://github.com/Aider-AI/aider/issues/123', repository],
    ['https://github.com/Aider-AI/aider/releases/tag/v0.86.2', repository],
    ['https://github.com/Aider-AI/aider?tab=readme-ov-file', repository],
    ['https://github.com/Aider-AI/aider#readme', repository],
    ['https://github.com//Aider-AI//aider', repository],
    ['https://github.com./Aider-AI/aider', repository],
    ['https://github.com/vllm-project/vllm', { owner: 'vllm-project', repo: 'vllm' }],
    ['https://github.com/block/goose.github.io', { owner: 'block', repo: 'goose.github.io' }],
    ['https://github.com/a/b_c-d.e', { owner: 'a', repo: 'b_c-d.e' }],
  ])('%s is a repository', (url, expected) => {
    expect(parseGitHubRepoUrl(new URL(url))).toEqual(expected);
  });

  it.each([
    'https://github.com/',
    'https://github.com/Aider-AI',
    'https://github.com/Aider-AI/',
    'https://github.com/Aider-AI?tab=repositories',
    'https://github.com/features/copilot',
    'https://github.com/marketplace/actions/checkout',
    'https://github.com/orgs/Aider-AI/people',
    'https://github.com/users/octocat/projects/1',
    'https://github.com/sponsors/octocat',
    'https://github.com/topics/llm',
    'https://github.com/settings/tokens',
    'https://github.com/apps/dependabot',
    'https://github.com/enterprise/startups',
    'https://github.com/Features/copilot',
    'https://gist.github.com/octocat/6cad326836d38bd3a7ae',
    'https://docs.github.com/en/rest',
    'https://api.github.com/repos/Aider-AI/aider',
    'https://raw.githubusercontent.com/Aider-AI/aider/main/README.md',
    'https://github.io/Aider-AI/aider',
    'https://notgithub.com/Aider-AI/aider',
    'https://github.com.evil.test/Aider-AI/aider',
    'https://github.com:8443/Aider-AI/aider',
    'https://github.com/-bad-/repo',
    'https://github.com/owner/..',
    'https://github.com/owner/.git',
    'https://github.com/owner/re%20po',
    'ftp://github.com/Aider-AI/aider',
  ])('%s is not a repository', (url) => {
    expect(parseGitHubRepoUrl(new URL(url))).toBeNull();
  });
});

describe('routing', () => {
  useNock();

  it('reads a repository sub-page through the API, never the HTML page', async () => {
    const scope = aiderScope();
    const source = await intake('https://www.github.com/Aider-AI/aider/tree/main/aider?x=1#top', deps());
    expect(source.kind).toBe('github');
    expect(source.target).toBe('https://www.github.com/Aider-AI/aider/tree/main/aider?x=1#top');
    expect(source.url).toBe('https://github.com/Aider-AI/aider');
    scope.done();
  });

  it('fetches a GitHub site page as an ordinary web page', async () => {
    const scope = nock('https://github.com')
      .get('/features/copilot')
      .reply(200, '<html><head><title>GitHub Copilot</title></head><body><main><p>Your AI pair programmer, in the editor.</p></main></body></html>', {
        'content-type': 'text/html; charset=utf-8',
      });
    const source = await intake('https://github.com/features/copilot', deps());
    expect(source.kind).toBe('html');
    expect(source.title).toBe('GitHub Copilot');
    scope.done();
  });
});
