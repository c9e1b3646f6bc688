import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeToolUrl, slugify } from '../../src/store/index.js';

describe('normalizeToolUrl', () => {
  it.each([
    // scheme and host case, www, default port, fragment, trailing slash
    ['HTTPS://WWW.Example.COM/', 'https://example.com'],
    ['https://example.com:443/tool/', 'https://example.com/tool'],
    ['http://example.com:80/tool', 'http://example.com/tool'],
    ['https://example.com:8443/tool', 'https://example.com:8443/tool'],
    ['https://example.com/tool#pricing', 'https://example.com/tool'],
    ['https://example.com/tool///', 'https://example.com/tool'],
    ['  https://example.com/tool  ', 'https://example.com/tool'],
    // path case is meaningful on most servers: kept
    ['https://example.com/Tool', 'https://example.com/Tool'],
    // tracking params dropped, others kept and sorted
    ['https://example.com/?utm_source=x&utm_MEDIUM=y', 'https://example.com'],
    ['https://example.com/p?ref=producthunt&id=7', 'https://example.com/p?id=7'],
    ['https://example.com/p?fbclid=a&gclid=b&Ref=c', 'https://example.com/p'],
    ['https://example.com/p?b=2&a=1', 'https://example.com/p?a=1&b=2'],
    ['https://example.com/p?referrer=keep', 'https://example.com/p?referrer=keep'],
    // GitHub: any page inside a repository is the repository
    ['https://github.com/Owner/Repo', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo.git', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/tree/main/packages/x', 'https://github.com/owner/repo'],
    ['https://github.com/owner/repo/blob/main/README.md#usage', 'https://github.com/owner/repo'],
    ['http://www.github.com/Owner/Repo/issues?utm_source=x', 'https://github.com/owner/repo'],
    ['https://github.com/owner', 'https://github.com/owner'],
    // site pages on github.com are not repositories
    ['https://github.com/features/copilot/', 'https://github.com/features/copilot'],
    ['https://github.com/marketplace/actions/cache', 'https://github.com/marketplace/actions/cache'],
    // non-web schemes are left to the URL parser
    ['mailto:Team@Example.com', 'mailto:Team@Example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeToolUrl(input)).toBe(expected);
  });

  it('keeps files as file:<absolute path>', () => {
    expect(normalizeToolUrl('/tmp/tools/page.html')).toBe('file:/tmp/tools/page.html');
    expect(normalizeToolUrl('fixtures/page.md')).toBe(`file:${path.resolve('fixtures/page.md')}`);
    expect(normalizeToolUrl('file:///tmp/my%20tool.html')).toBe('file:/tmp/my tool.html');
  });

  it('is idempotent', () => {
    for (const input of [
      'https://www.example.com/a/?utm_source=x&b=1#top',
      'https://github.com/Owner/Repo.git',
      '/tmp/50%off/page.html',
    ]) {
      const once = normalizeToolUrl(input);
      expect(normalizeToolUrl(once)).toBe(once);
    }
  });

  it('rejects what is not a URL at all', () => {
    expect(() => normalizeToolUrl('https://')).toThrow();
  });
});

describe('slugify', () => {
  it.each([
    ['OpenRouter Model Fusion', 'openrouter-model-fusion'],
    ['  Cursor  ', 'cursor'],
    ['Notion AI (beta)', 'notion-ai-beta'],
    ['Pots & Pans', 'pots-and-pans'],
    ["Claude's Workbench", 'claudes-workbench'],
    ['Crème Brûlée.io', 'creme-brulee-io'],
    ['v0.dev', 'v0-dev'],
    ['!!!', 'tool'],
    ['', 'tool'],
    ['日本語', 'tool'],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts long names at a word boundary', () => {
    const slug = slugify('word '.repeat(30));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(/^(word-)*word$/);
    expect(slugify('x'.repeat(80))).toBe('x'.repeat(60));
  });
});
