/**
 * Batch sources: URL lists, JSON lists, RSS/Atom/RDF feeds (files and URLs), normalisation and
 * duplicates, and every malformed source refused with one line and exit 2.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/batch/feed.js';
import { parseJsonList, parseTextList } from '../../src/batch/lists.js';
import { dedupe, readSource } from '../../src/batch/sources.js';
import { UsageError } from '../../src/errors.js';
import { loadConfig } from '../../src/config.js';
import { projectPaths } from '../../src/paths.js';
import { batchCli, tempDir } from './support.js';

const FIXTURES = path.join(projectPaths.fixtures, 'batch');
const fixture = (name: string) => path.join(FIXTURES, name);
const config = loadConfig({ PANEL_ALLOW_PRIVATE_URLS: '1' });

describe('URL lists', () => {
  it('reads one entry a line, skipping comments and blanks, keeping URL fragments, resolving files from the list folder', async () => {
    const source = await readSource(fixture('urls.txt'), { config });
    expect(source.kind).toBe('text');
    expect(source.location).toBe(fixture('urls.txt'));
    expect(source.tools).toEqual([
      { url: 'https://aider.chat', target: 'https://aider.chat/', name: null },
      { url: 'https://github.com/aider-ai/aider', target: 'https://github.com/Aider-AI/aider/issues', name: null },
      { url: 'https://ollama.com', target: 'https://ollama.com/#download', name: null },
      {
        url: `file:${path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html')}`,
        target: path.join(projectPaths.fixtures, 'pages', 'aider-landing', 'page.html'),
        name: null,
      },
    ]);
    // www., utm_source and the trailing slash do not make a second tool.
    expect(source.duplicates).toBe(1);
  });

  it('names the line of an entry the review would refuse', () => {
    expect(() => parseTextList('https://a.example/\n\nftp://b.example/x\n', { label: 'list.txt', baseDir: '/tmp' })).toThrow(
      /^list\.txt line 3: unsupported URL scheme "ftp:"/,
    );
    expect(() => parseTextList('./page.html\n', { label: 'https://x.example/list', baseDir: undefined })).toThrow(/is a file path, but the list came from a URL/);
  });
});

describe('JSON lists', () => {
  it('takes strings and {url, name} objects', async () => {
    const source = await readSource(fixture('tools.json'), { config });
    expect(source.kind).toBe('json');
    expect(source.tools.map((tool) => [tool.url, tool.name])).toEqual([
      ['https://litellm.ai', null],
      ['https://crewai.com', 'CrewAI'],
      ['https://github.com/stanfordnlp/dspy', 'DSPy'],
    ]);
    expect(source.duplicates).toBe(1);
  });

  it('refuses entries that are neither', () => {
    expect(() => parseJsonList('[{"name": "x"}]', { label: 'l.json', baseDir: '/' })).toThrow(/^l\.json \[0\]: expected a URL string/);
    expect(() => parseJsonList('[42]', { label: 'l.json', baseDir: '/' })).toThrow(UsageError);
  });
});

describe('feeds', () => {
  it('RSS 2.0: item links, CDATA, a permalink guid; items without a usable link are skipped with a warning', async () => {
    const source = await readSource(fixture('rss.xml'), { config });
    expect(source.kind).toBe('feed');
    expect(source.tools.map((tool) => [tool.target, tool.name])).toEqual([
      ['https://aider.chat/', 'Aider & friends'],
      ['https://litellm.ai/?utm_campaign=feed', 'LiteLLM <proxy>'],
      ['https://crewai.com/', 'Only a permalink guid'],
    ]);
    expect(source.tools[1]?.url).toBe('https://litellm.ai');
    expect(source.warnings).toHaveLength(2);
    expect(source.warnings[0]).toMatch(/item 4 \(No link at all\) has no link; skipped/);
    expect(source.warnings[1]).toMatch(/item 5 .*unusable link "mailto:/);
  });

  it('Atom: the alternate link (or one without rel), never self; relative links resolve against the feed URL', () => {
    const xml = fs.readFileSync(fixture('atom.xml'), 'utf8');
    const feed = parseFeed(xml, 'atom', 'https://launches.example/atom.xml');
    expect(feed.title).toBe('Launches');
    expect(feed.entries).toEqual([
      { target: 'https://ollama.com/', name: 'Ollama' },
      { target: 'https://openrouter.ai/', name: 'OpenRouter' },
      { target: 'https://launches.example/tools/pi', name: 'Relative link' },
    ]);
    // From a file the feed's own rel="self" link is the base (a path on disk is none).
    expect(parseFeed(xml, 'atom.xml').entries[2]).toEqual({ target: 'https://launches.example/tools/pi', name: 'Relative link' });
    // With no self link either, the relative link is skipped, with a warning saying why.
    const selfless = parseFeed(xml.replace(/<link rel="self" href="https:\/\/launches.example\/atom.xml"\/>/, ''), 'atom.xml');
    expect(selfless.entries).toHaveLength(2);
    expect(selfless.warnings[0]).toMatch(/entry 3 \(Relative link\) has an unusable link "\/tools\/pi" \(relative, and the feed gives no base/);
  });

  it('RSS 1.0 (RDF)', async () => {
    const source = await readSource(fixture('rdf.xml'), { config });
    expect(source.tools.map((tool) => tool.url)).toEqual(['https://dspy.ai']);
  });

  describe('by URL, through the safe fetcher', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createServer((request, response) => {
        const name = request.url === '/feed' ? 'atom.xml' : request.url === '/list' ? 'tools.json' : 'truncated-feed.xml';
        response.writeHead(200, { 'content-type': 'application/xml' }).end(fs.readFileSync(fixture(name)));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('reads a feed URL and resolves its relative links against it', async () => {
      const source = await readSource(`${base}/feed`, { config });
      expect(source).toMatchObject({ kind: 'feed', location: `${base}/feed` });
      expect(source.tools.map((tool) => tool.target)).toContain(`${base}/tools/pi`);
    });

    it('tells a JSON list from its text, whatever the content type', async () => {
      expect((await readSource(`${base}/list`, { config })).kind).toBe('json');
    });

    it('refuses a loopback feed unless private URLs are allowed', async () => {
      await expect(readSource(`${base}/feed`, { config: loadConfig({}) })).rejects.toThrow(/private|loopback|not allowed|refused/i);
    });

    it('a truncated feed from a URL: exit 2, one line', async () => {
      const run = await batchCli([`${base}/cut`, '--dry-run'], { PANEL_DB: path.join(tempDir(), 'p.db'), PANEL_ALLOW_PRIVATE_URLS: '1' });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: .*malformed feed: <rss> is never closed/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});

describe('one tool is one tool', () => {
  it('normalises URLs before comparing: scheme and host case, www, trailing slash, tracking params, GitHub forms', () => {
    const { tools, duplicates } = dedupe(
      [
        'https://Example.com/tool/',
        'HTTPS://www.example.com/tool?utm_source=x&ref=y',
        'https://example.com/tool#pricing',
        'https://github.com/Owner/Repo',
        'https://github.com/owner/repo.git',
        'https://github.com/owner/repo/blob/main/README.md',
        'https://example.com/tool?b=2&a=1',
        'https://example.com/tool?a=1&b=2',
      ].map((target) => ({ target, name: null })),
    );
    expect(tools.map((tool) => tool.url)).toEqual([
      'https://example.com/tool',
      'https://github.com/owner/repo',
      'https://example.com/tool?a=1&b=2',
    ]);
    expect(tools[0]?.target).toBe('https://Example.com/tool/');
    expect(duplicates).toBe(5);
  });
});

describe('malformed sources: one clear line, exit 2', () => {
  const cases: Array<[string, RegExp]> = [
    ['truncated-feed.xml', /truncated-feed\.xml is a malformed feed: <rss> is never closed/],
    ['not-a-feed.xml', /not-a-feed\.xml is not an RSS or Atom feed \(found <html>/],
    ['broken.json', /broken\.json is not valid JSON/],
    ['object.json', /object\.json must be a JSON array of URLs/],
    ['bad-line.txt', /bad-line\.txt line 2: unsupported URL scheme "ftp:"/],
    ['no-such-file.txt', /cannot read batch source .*no-such-file\.txt: no such file/],
  ];
  it.each(cases)('%s', async (name, message) => {
    const run = await batchCli([fixture(name)], { PANEL_DB: path.join(tempDir(), 'p.db') });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\bat \w+ \(/);
  });

  it('bad flags are usage errors too', async () => {
    const env = { PANEL_DB: path.join(tempDir(), 'p.db') };
    for (const args of [['--limit', '0'], ['--concurrency', 'many'], ['--budget-usd=-1'], ['--grace-seconds', 'x'], ['--bogus']]) {
      const run = await batchCli([fixture('urls.txt'), ...args], env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await batchCli([], env)).stderr).toMatch(/batch takes one source, got none/);
  });

  it('a feed with a non-http root is no feed; an empty text is no XML at all', () => {
    expect(() => parseFeed('<opml><body/></opml>', 'x.xml')).toThrow(/not an RSS or Atom feed \(found <opml>/);
    expect(() => parseFeed('   ', 'x.xml')).toThrow(/found no XML element/);
  });
});
