/** Fork and archived facts and flags from a repository answer (pure); the recorded cases are in github-recorded.test.ts. */
import { describe, expect, it } from 'vitest';
import type { GitHubRepo } from '../../src/intake/github-api.js';
import { ARCHIVED_FLAG, FORK_FLAG, lineageFacts, lineageFlags, lineageLinks } from '../../src/intake/github-lineage.js';

const repo = (extra: Partial<GitHubRepo>): GitHubRepo => ({
  name: 'tool',
  full_name: 'someone/tool',
  html_url: 'https://github.com/someone/tool',
  owner: { login: 'someone' },
  stargazers_count: 3,
  ...extra,
});

describe('lineage', () => {
  it('a plain repository has no lineage facts, links or flags', () => {
    const plain = repo({ fork: false, archived: false });
    expect([lineageFacts(plain), lineageLinks(plain), lineageFlags(plain)]).toEqual([{}, {}, []]);
  });

  it('a fork of a fork names its parent and, separately, the network root', () => {
    const fork = repo({
      fork: true,
      parent: { full_name: 'middle/tool', stargazers_count: 12, html_url: 'https://github.com/middle/tool' },
      source: { full_name: 'origin/tool', stargazers_count: 5400, archived: false },
    });
    expect(lineageFacts(fork)).toEqual({
      'github.fork': true,
      'github.forkOf': 'middle/tool',
      'github.forkOfStars': 12,
      'github.forkSource': 'origin/tool',
      'github.forkSourceStars': 5400,
    });
    expect(lineageLinks(fork)).toEqual({ forkOf: 'https://github.com/middle/tool' });
  });

  it('a fork whose parent GitHub did not send, archived too: two flags', () => {
    const flags = lineageFlags(repo({ fork: true, archived: true, pushed_at: '2024-03-01T10:00:00Z' }));
    expect(flags.map((flag) => flag.kind)).toEqual([FORK_FLAG, ARCHIVED_FLAG]);
    expect(flags[0]?.detail).toBe('github.com/someone/tool is a fork (GitHub did not say of which repository): check that it is the tool to review');
    expect(flags[1]?.detail).toBe('github.com/someone/tool is archived: read-only, no longer maintained by its owner; last push 2024-03-01');
  });
});
