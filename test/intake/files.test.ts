import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { errorExitCode } from '../../src/cli/error-line.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IntakeError, UsageError } from '../../src/errors.js';
import { intake, type IntakeDeps } from '../../src/intake/index.js';

const dir = mkdtempSync(join(tmpdir(), 'intake-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const deps: IntakeDeps = { config: { fetch: { timeoutMs: 1000, maxBytes: 10_000, maxRedirects: 5 }, allowPrivateUrls: false, github: { apiUrl: 'https://api.github.com', token: undefined } } };

async function usageError(target: string): Promise<string> {
  const error: unknown = await intake(target, deps).then(
    () => expect.unreachable(),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect(errorExitCode(error)).toBe(2);
  return (error as Error).message;
}

describe('JSON profile files', () => {
  it('puts the given profile fields into known and keeps url, links, facts and text', async () => {
    const path = file(
      'widget.json',
      JSON.stringify({
        name: 'Widgetly',
        tagline: 'Widgets from a sentence',
        description: 'Turns a sentence into a UI widget.',
        category: 'UI generation',
        pricing: { entry: 'Freemium', detail: 'Free tier; Pro $12/month' },
        bestFor: 'Front-end developers',
        vendor: null,
        url: 'https://widgetly.example/',
        links: { github: 'https://github.com/widgetworks/widgetly' },
        facts: { stars: 1200, license: 'MIT' },
        text: 'Long form notes about Widgetly.',
      }),
    );
    const source = await intake(path, deps);
    expect(source).toEqual({
      kind: 'profile-json',
      target: path,
      url: 'https://widgetly.example/',
      title: 'Widgetly',
      description: 'Turns a sentence into a UI widget.',
      text: 'Long form notes about Widgetly.',
      truncated: false,
      facts: { stars: 1200, license: 'MIT' },
      links: { github: 'https://github.com/widgetworks/widgetly' },
      known: {
        name: 'Widgetly',
        tagline: 'Widgets from a sentence',
        description: 'Turns a sentence into a UI widget.',
        category: 'UI generation',
        pricing: { entry: 'Freemium', detail: 'Free tier; Pro $12/month' },
        bestFor: 'Front-end developers',
        vendor: null,
      },
      flags: [],
    });
  });

  it('needs only a name; the url falls back to the file path', async () => {
    const path = file('minimal.json', '{"name": "Tiny"}');
    expect(await intake(path, deps)).toMatchObject({ kind: 'profile-json', url: path, title: 'Tiny', known: { name: 'Tiny' }, text: '' });
  });

  it.each([
    ['no-name.json', '{"tagline": "x"}', /is not a valid profile: field "name": /],
    ['bad-pricing.json', '{"name": "X", "pricing": {"entry": "Cheap", "detail": ""}}', /field "pricing\.entry": /],
    ['typo.json', '{"name": "X", "bestfor": "devs"}', /unknown field "bestfor"/],
    ['bad-url.json', '{"name": "X", "url": "javascript:alert(1)"}', /field "url": /],
    ['array.json', '[1, 2]', /is not a valid profile: field "\(top level\)"/],
    ['broken.json', '{"name": ', /is not valid JSON: /],
  ])('%s is a UsageError naming the problem', async (name, content, message) => {
    expect(await usageError(file(name, content))).toMatch(message);
  });
});

describe('local files', () => {
  it('reports a missing file', async () => {
    const path = join(dir, 'missing.html');
    expect(await usageError(path)).toBe(`cannot read file ${path}: no such file`);
  });

  it('reports a directory', async () => {
    expect(await usageError(`${dir}/`)).toMatch(/it is a directory/);
  });

  it('refuses an unsupported file type', async () => {
    expect(await usageError(file('paper.pdf', '%PDF'))).toMatch(/unsupported type "\.pdf"/);
  });

  it('caps the size it reads', async () => {
    expect(await usageError(file('huge.md', '# Big\n\n' + 'word '.repeat(5000)))).toMatch(/larger than 10,000 bytes/);
  });

  it('reads a file of exactly the cap and refuses one byte more', async () => {
    const body = (length: number) => '# Cap\n\n' + 'a'.repeat(length - 7);
    expect((await intake(file('at-cap.md', body(10_000)), deps)).text).toContain('aaaa');
    expect(await usageError(file('over-cap.md', body(10_001)))).toMatch(/larger than 10,000 bytes/);
  });

  // A pipe has no size to allocate by: it is read in chunks, and still only up to the cap.
  it('reads a named pipe up to the cap and refuses a longer stream', async () => {
    const fifo = (name: string, content: string) => {
      const path = join(dir, name);
      execFileSync('mkfifo', [path]);
      // The writer fails with EPIPE once the reader has refused the stream and closed it.
      const written = writeFile(path, content).catch((error: NodeJS.ErrnoException) => error.code);
      return { path, written };
    };
    const small = fifo('small-pipe.md', '# Piped\n\n' + 'word '.repeat(1500));
    expect((await intake(small.path, deps)).title).toBe('Piped');
    await small.written;
    const long = fifo('long-pipe.md', '# Piped\n\n' + 'word '.repeat(40_000));
    expect(await usageError(long.path)).toMatch(/larger than 10,000 bytes/);
    expect(await long.written).toBe('EPIPE');
  });

  it('reports an empty file', async () => {
    const path = file('empty.md', '  \n');
    expect(await usageError(path)).toBe(`file ${path} is empty`);
  });

  it('reads .txt as text', async () => {
    expect(await intake(file('notes.txt', 'Plain notes about a tool, long enough.'), deps)).toMatchObject({ kind: 'text' });
  });

  // Whatever such a file holds would be sent to the models and stored with the draft.
  it.each([
    ['.env', 'OPENAI_API_KEY=sk-secret', /a dotfile is never read/],
    ['.notes.md', '# Hidden notes', /a dotfile is never read/],
    ['credentials', '[default]\naws_secret_access_key = x', /it has no extension/],
    ['README', '# Named\n\nA readme without an extension.', /it has no extension/],
  ])('refuses %s before reading it (exit 2)', async (name, content, message) => {
    expect(await usageError(file(name, content))).toMatch(message);
  });

  it('refuses /etc/passwd (no extension) without reading it', async () => {
    expect(await usageError('/etc/passwd')).toBe(
      'cannot review file /etc/passwd: it has no extension (use .html, .htm, .md, .mdx, .markdown, .txt or a .json profile)',
    );
  });

  it('refuses random bytes saved as .html and a file with NUL bytes as binary (exit 2)', async () => {
    // Deterministic "random" bytes: a linear congruential sequence.
    const bytes = Buffer.alloc(4000);
    for (let index = 0, seed = 7; index < bytes.length; index += 1) bytes[index] = (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 16;
    expect(await usageError(file('random.html', bytes))).toMatch(/random\.html: it is binary, not a page or text file$/);
    expect(await usageError(file('nul.md', '# Title\n\ntext\u0000more text'))).toMatch(/it is binary/);
  });

  it('decodes a local HTML file by its meta charset', async () => {
    const bytes = Buffer.from('<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>\x93quoted\x94</p></body></html>', 'latin1');
    expect(await intake(file('latin.html', bytes), deps)).toMatchObject({ title: 'Café', text: '“quoted”' });
  });

  it('fails a page with nothing readable (exit 1)', async () => {
    const error: unknown = await intake(file('blank.html', '<html><body><script>x()</script></body></html>'), deps).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IntakeError);
    expect((error as Error).message).toMatch(/has no readable text, title or description$/);
  });
});
