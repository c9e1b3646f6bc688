/**
 * Batch sources replayed on recorded real feeds (fixtures/recorded/feeds/, sources in its
 * SOURCES.md) through the real source reader: a GitHub releases Atom with relative links, a
 * Product Hunt feed, Hacker News RSS (hnrss), RSS 1.0 (RDF) and feedparser's relative-link
 * cases, read from files and from URLs. The xml:base rules, which no recorded feed here
 * exercises on entry links, are checked on small documents written for that purpose.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/batch/feed.js';
import { readSource, type FetchText } from '../../src/batch/sources.js';
import { loadConfig } from '../../src/config.js';
import { UsageError } from '../../src/errors.js';
import { projectPaths } from '../../src/paths.js';
import { batchCli, tempDir } from './support.js';

const FEEDS = path.join(projectPaths.fixtures, 'recorded', 'feeds');
const feed = (name: string) => path.join(FEEDS, name);
const config = loadConfig({});

/** Serves one recorded feed body as if fetched from `url` (no network). */
function served(name: string, url: string): FetchText {
  return async () => ({ url: new URL(url), body: fs.readFileSync(feed(name)) });
}

describe('GitHub releases Atom (gulpjs/gulp, entry links relative to the site)', () => {
  it('resolves /gulpjs/gulp/releases/tag/… against the feed\'s own link and reviews the repository once', async () => {
    const source = await readSource(feed('github-releases-gulp.atom'), { config });
    expect(source.kind).toBe('feed');
    expect(source.tools).toEqual([
      {
        url: 'https://github.com/gulpjs/gulp',
        target: 'https://github.com/gulpjs/gulp',
        name: 'gulp',
        links: { githubRelease: 'https://github.com/gulpjs/gulp/releases/tag/v3.9.0' },
      },
    ]);
    // Ten releases of one repository are one tool.
    expect(source.duplicates).toBe(9);
    expect(source.warnings).toEqual([]);
  });

  it('from its URL, the links resolve against the URL it came from', async () => {
    const source = await readSource('https://github.com/gulpjs/gulp/releases.atom', {
      config,
      fetchText: served('github-releases-gulp.atom', 'https://github.com/gulpjs/gulp/releases.atom'),
    });
    expect(source.tools.map((tool) => tool.target)).toEqual(['https://github.com/gulpjs/gulp']);
  });
});

describe('Product Hunt (an Atom feed built on the Product Hunt API)', () => {
  it('reviews the product\'s website link, not Product Hunt\'s page, and keeps that page as a link', async () => {
    const source = await readSource(feed('producthunt-api-all.atom'), { config });
    expect(source.tools).toHaveLength(3);
    const [first] = source.tools;
    expect(first?.target).toMatch(/^https:\/\/www\.producthunt\.com\/r\/NAHSESYQTQW3JU\?/);
    expect(first?.name).toBe('NOLE Bike Light - The New Era of Bike Lights');
    expect(first?.links?.productHunt).toMatch(/^https:\/\/www\.producthunt\.com\/posts\/nole-bike-light\?/);
    for (const tool of source.tools) expect(tool.target).not.toMatch(/producthunt\.com\/posts\//);
  });

  it('an entry with no link to the product is skipped, with a warning, not reviewed as Product Hunt\'s page', () => {
    const xml = fs.readFileSync(feed('producthunt-api-all.atom'), 'utf8').replace(/&lt;a href="https:\/\/www\.producthunt\.com\/r\/[^"]*"&gt;\[Website\]&lt;\/a&gt;/g, '');
    expect(() => parseFeed(xml, 'ph.atom')).not.toThrow();
    const parsed = parseFeed(xml, 'ph.atom');
    expect(parsed.entries).toEqual([]);
    expect(parsed.warnings[0]).toBe(
      "ph.atom: entry 1 (NOLE Bike Light - The New Era of Bike Lights) is a Product Hunt page and the entry gives no link to the product's own site; skipped",
    );
  });
});

describe('Hacker News RSS (hnrss.org/newest)', () => {
  it('reviews the story link, keeps the thread as a link, and skips an Ask HN post that links to no tool', async () => {
    const source = await readSource(feed('hnrss-newest.rss'), { config });
    expect(source.tools).toHaveLength(19);
    expect(source.tools.find((tool) => tool.name === 'Show HN: I built a simple to use SMS tool for devs')).toEqual({
      url: 'https://smallsms.app',
      target: 'https://smallsms.app/',
      name: 'Show HN: I built a simple to use SMS tool for devs',
      links: { hackerNews: 'https://news.ycombinator.com/item?id=23923691' },
    });
    expect(source.tools.some((tool) => tool.target.startsWith('https://news.ycombinator.com/'))).toBe(false);
    expect(source.warnings).toEqual([
      `${feed('hnrss-newest.rss')}: item 14 (Ask HN: Rewriting parts of website in react, thoughts and best practices?) is a Hacker News discussion (Ask HN or a text post) that links to no tool; skipped`,
    ]);
  });
});

describe('RSS 1.0 / RDF (craigslist)', () => {
  it('reads every item link of an rdf:RDF document', async () => {
    const source = await readSource(feed('craigslist-rdf.rss'), { config });
    expect(source.tools).toHaveLength(25);
    expect(source.tools[0]?.target).toBe('http://sfbay.craigslist.org/eby/apa/6186664607.html');
  });
});

describe('feedparser: entry and item links relative to the document', () => {
  it('resolve against the URL the feed was fetched from (Atom 0.3 and RSS 2.0)', async () => {
    for (const [name, expected] of [
      ['feedparser-entry-link-docuri.xml', 'http://127.0.0.1:8097/relative/link'],
      ['feedparser-item-link-docuri.xml', 'http://127.0.0.1:8097/relative/uri'],
    ] as const) {
      const source = await readSource('http://127.0.0.1:8097/feed.xml', { config, fetchText: served(name, 'http://127.0.0.1:8097/feed.xml') });
      expect(source.tools.map((tool) => tool.target)).toEqual([expected]);
    }
  });

  it('from a file with nothing to resolve against, the source is refused with one line saying why (not a silent 0 tools)', async () => {
    const work = readSource(feed('feedparser-entry-link-docuri.xml'), { config });
    await expect(work).rejects.toBeInstanceOf(UsageError);
    await expect(work).rejects.toThrow(
      `${feed('feedparser-entry-link-docuri.xml')}: none of its 1 entry links to a tool we can review ` +
        '(entry 1 has an unusable link "/relative/link" (relative, and the feed gives no base to resolve it against)); nothing to do',
    );
  });

  it('the batch command exits 2 with that line and reviews nothing', async () => {
    const dir = tempDir();
    const run = await batchCli([feed('feedparser-item-link-docuri.xml')], { PATH: process.env.PATH ?? '', PANEL_DB: path.join(dir, 'panel.db'), OPENAI_API_KEY: 'k' });
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/none of its 1 entry links to a tool we can review \(item 1 has an unusable link "\/relative\/uri"/);
  });
});

describe('xml:base (written for this test: no recorded feed uses it on entry links)', () => {
  const atom = (body: string, root = '') => `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"${root}><title>t</title>${body}</feed>`;

  it('on the entry, on the feed, nested and relative, on the link itself', () => {
    const xml = atom(
      '<entry xml:base="https://a.example/tools/"><title>one</title><link href="one"/></entry>' +
        '<entry><title>two</title><link href="two/"/></entry>' +
        '<entry xml:base="sub/"><title>three</title><link xml:base="../other/" href="three"/></entry>',
      ' xml:base="https://feed.example/root/"',
    );
    expect(parseFeed(xml, 'f').entries.map((entry) => entry.target)).toEqual([
      'https://a.example/tools/one',
      'https://feed.example/root/two/',
      'https://feed.example/root/other/three',
    ]);
  });

  it('a relative xml:base builds on the document URL; a malformed one leaves the surrounding base', () => {
    const xml = atom('<entry xml:base="http://[bad"><title>x</title><link href="x"/></entry>', ' xml:base="/feeds/"');
    expect(parseFeed(xml, 'f', 'https://site.example/a/feed.xml').entries.map((entry) => entry.target)).toEqual(['https://site.example/feeds/x']);
  });

  it('RSS: the channel link is the base of a saved file; xml:base on the item wins over it', () => {
    const xml =
      '<rss version="2.0"><channel><title>t</title><link>https://news.example/</link>' +
      '<item><title>a</title><link>/a</link></item><item xml:base="https://other.example/x/"><title>b</title><link>b</link></item></channel></rss>';
    expect(parseFeed(xml, 'f').entries.map((entry) => entry.target)).toEqual(['https://news.example/a', 'https://other.example/x/b']);
  });
});
