/**
 * The normaliser behind source hashes: each volatile pattern is replaced (so it is no change),
 * every real change in wording, price, plan limits or features still changes the hash, and
 * normalising is idempotent on the real pages of fixtures/pages/ (stored texts can be
 * normalised again by a later rule set).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countBucket, diffTexts, hashText, normaliseText, normaliseUrl, sourceRecords } from '../../src/freshness/index.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { IntakeSource } from '../../src/schemas.js';

const same = (a: string, b: string) => expect(normaliseText(a)).toBe(normaliseText(b));
const differ = (a: string, b: string) => expect(normaliseText(a)).not.toBe(normaliseText(b));

describe('volatile parts do not count', () => {
  it.each([
    ['copyright year', '© 2025 Acme Inc.', '© 2026 Acme Inc.'],
    ['copyright range', 'Copyright (c) 2019-2025 Acme', 'Copyright (c) 2019–2026 Acme'],
    ['"all rights reserved" year', '2025 Acme. All rights reserved.', '2026 Acme. All rights reserved.'],
    ['relative time', 'Updated 3 days ago', 'Updated 5 hours ago'],
    ['updated yesterday/today', 'Last edited yesterday', 'Last edited today'],
    ['ISO timestamp', 'Last updated: 2025-03-04T12:00:00Z', 'Last updated: 2026-01-15T08:30:12.123+01:00'],
    ['ISO date', 'Released 2025-03-04', 'Released 2025-11-30'],
    ['written date', 'Posted March 4, 2025', 'Posted 17 Nov 2025'],
    ['month and year', 'Changelog for March 2025', 'Changelog for Sept 2026'],
    ['numeric date', 'Build 04/03/2025', 'Build 17/11/2025'],
    ['clock time', 'Status checked at 3:45 PM UTC', 'Status checked at 11:02 am'],
    ['star count within its bucket', '12.3k stars', '14,900 stars'],
    ['counter after its word', 'Stars: 12,345 · Forks 1.2k', 'Stars: 19,001 · Forks 1.9k'],
    ['downloads with a suffix', '10M+ downloads', '29M downloads'],
    ['used by', 'Used by 5.2k', 'Used by 8.1k'],
    ['tracking parameters', 'Docs: https://acme.dev/docs?utm_source=hn&utm_medium=x&page=2', 'Docs: https://acme.dev/docs?page=2&fbclid=abc'],
    ['cache-busting query', 'Logo https://acme.dev/logo.svg?v=12345', 'Logo https://acme.dev/logo.svg?v=99999'],
    ['bundler hash in an asset name', 'Script /static/main.3f2a9c1b.js', 'Script /static/main.77aa00ff.js'],
    ['vite-style asset hash', 'index-BxT3k9aZ.css loaded', 'index-Q9zZ2mKp.css loaded'],
    ['build id in a URL path', 'https://acme.dev/_next/static/a1b2c3d4e5f6a7b8c9d0/page.js', 'https://acme.dev/_next/static/0f9e8d7c6b5a49382716/page.js'],
    ['UUID', 'request 123e4567-e89b-12d3-a456-426614174000', 'request 9b2f1c3e-1111-4abc-9def-0123456789ab'],
    ['hex nonce', 'nonce a1b2c3d4e5f6a7b8c9d0', 'nonce 0d9c8b7a6f5e4d3c2b1a'],
    ['token', 'csrf eyJhbGciOiJIUzI1NiIsInR5cCI6Ik9', 'csrf Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MA'],
    ['whitespace', '  Fast   local\tinference \n\n\n for everyone ', 'Fast local inference\nfor everyone'],
    ['non-breaking and zero-width spaces', 'Open\u00a0source\u200b tool', 'Open source tool'],
  ])('%s', (_name, before, after) => same(before, after));
});

describe('real changes count', () => {
  it.each([
    ['a price', 'Pro: $10/month', 'Pro: $12/month'],
    ['a plan limit (users are not a counter)', 'Team plan: up to 10 users', 'Team plan: up to 20 users'],
    ['a free tier', 'Free for individuals', 'Paid plans only'],
    ['a feature', 'Supports Python and TypeScript.', 'Supports Python, TypeScript and Go.'],
    ['a wording change', 'The fastest way to ship agents.', 'The simplest way to ship agents.'],
    ['a year that is not a copyright year', 'Founded in 2019', 'Founded in 2021'],
    ['a version', 'Version 2.3.1', 'Version 3.0.0'],
    ['a link target', 'Docs: https://acme.dev/docs', 'Docs: https://acme.dev/guide'],
    ['a star count in another bucket', '2.9k stars', '3.1k stars'],
    ['a copyright holder', '© 2025 Acme Inc.', '© 2025 Globex Corp.'],
    ['the word today in prose', 'Start building today', 'Start building now'],
  ])('%s', (_name, before, after) => differ(before, after));
});

describe('normaliser pieces', () => {
  it('buckets counters in half-decades', () => {
    expect([1, 2, 3, 9, 10, 29, 30, 999, 1000, 2999, 3000, 12_300, 5_000_000].map(countBucket)).toEqual([
      '<count 1+>', '<count 1+>', '<count 3+>', '<count 3+>', '<count 10+>', '<count 10+>', '<count 30+>', '<count 300+>',
      '<count 1k+>', '<count 1k+>', '<count 3k+>', '<count 10k+>', '<count 3M+>',
    ]);
  });

  it('strips tracking and cache parameters, keeps the page-selecting ones, and leaves sentence punctuation', () => {
    expect(normaliseUrl('https://acme.dev/pricing?plan=team&utm_campaign=x&gclid=1&ref=hn#faq')).toBe('https://acme.dev/pricing?plan=team');
    expect(normaliseUrl('https://acme.dev/app.css?ver=3.2')).toBe('https://acme.dev/app.css');
    expect(normaliseText('See https://acme.dev/docs?utm_source=x.')).toBe('See https://acme.dev/docs.');
  });

  it('is idempotent on the real pages, and keeps most of their words', () => {
    const dir = path.join(PROJECT_ROOT, 'fixtures/pages');
    for (const name of ['aider/README.md', 'ollama/README.md', 'langfuse/README.md', 'aider-landing/page.html']) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const once = normaliseText(text);
      expect(normaliseText(once), name).toBe(once);
      const words = (value: string) => value.split(/\s+/).filter(Boolean).length;
      expect(words(once) / words(text), name).toBeGreaterThan(0.95);
    }
  });
});

const source = (overrides: Partial<IntakeSource> = {}): IntakeSource => ({
  kind: 'github',
  target: 'https://github.com/acme/tool',
  url: 'https://github.com/acme/tool',
  title: 'Tool',
  description: 'A tool',
  text: '# Tool\n\nDoes things. © 2025 Acme',
  truncated: false,
  facts: { 'github.stars': 12_345, 'github.pushedAt': '2026-01-02T03:04:05Z', 'github.latestRelease': 'v1.4.2', 'github.license': 'MIT' },
  links: { homepage: 'https://acme.dev/?utm_source=github' },
  known: {},
  flags: [],
  ...overrides,
});

describe('source records', () => {
  it('one record per kind; counters, dates and patch releases in facts are no change, a new minor release or license is', () => {
    const base = sourceRecords(source());
    expect(base.map((each) => each.kind)).toEqual(['readme', 'description', 'facts']);
    expect(base.every((each) => each.hash === hashText(each.text))).toBe(true);
    const drift = sourceRecords(source({
      text: '# Tool\n\nDoes  things. © 2026 Acme',
      facts: { 'github.stars': 14_000, 'github.pushedAt': '2026-02-10T00:00:00Z', 'github.latestRelease': 'v1.4.7', 'github.license': 'MIT' },
      links: { homepage: 'https://acme.dev/?utm_source=newsletter' },
    }));
    expect(drift.map((each) => each.hash)).toEqual(base.map((each) => each.hash));
    const minor = sourceRecords(source({ facts: { 'github.stars': 12_345, 'github.pushedAt': '2026-01-02T03:04:05Z', 'github.latestRelease': 'v1.5.0', 'github.license': 'Apache-2.0' } }));
    expect(minor.find((each) => each.kind === 'facts')?.hash).not.toBe(base.find((each) => each.kind === 'facts')?.hash);
  });

  it('a file target is stored as an absolute path, a page as "page"', () => {
    const [page] = sourceRecords(source({ kind: 'html', target: 'fixtures/pages/x.html', url: 'fixtures/pages/x.html' }));
    expect(page).toMatchObject({ kind: 'page', target: path.resolve('fixtures/pages/x.html') });
  });
});

describe('text diff', () => {
  it('shows changed lines word by word with one line of context, gaps counted, capped', () => {
    const before = ['one', 'two', 'three', 'four', 'Pro: $10 a month', 'six'].join('\n');
    const after = ['one', 'two', 'three', 'four', 'Pro: $12 a month', 'six', 'seven'].join('\n');
    const { lines, omitted } = diffTexts(before, after);
    expect(omitted).toBe(0);
    expect(lines[0]).toEqual({ op: 'gap', lines: 3 });
    expect(lines[1]).toEqual({ op: 'same', text: 'four' });
    expect(lines[2]).toMatchObject({ op: 'changed', parts: expect.arrayContaining([{ op: 'removed', text: '10' }, { op: 'added', text: '12' }]) });
    expect(lines.at(-1)).toEqual({ op: 'added', text: 'seven' });
    const long = diffTexts(Array.from({ length: 200 }, (_, i) => `a${i}`).join('\n'), Array.from({ length: 200 }, (_, i) => `b${i}`).join('\n'));
    expect(long.lines.length).toBe(60);
    expect(long.omitted).toBeGreaterThan(0);
  });
});
