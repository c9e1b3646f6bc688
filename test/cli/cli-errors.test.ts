/**
 * Every error is one line on stderr with the documented exit code: no stack trace (unless
 * PANEL_DEBUG=1), no secret, no 100 KB echo; flags given twice or empty are refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { redactSecrets, secretValues } from '../../src/redact.js';
import { baseEnv, cli } from '../helpers/cli.js';

const oneLine = (stderr: string) => expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);

function notADatabase(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bad-db-')), 'panel.db');
  writeFileSync(file, 'this is not an SQLite file, it is plain text and long enough to be read\n'.repeat(20));
  return file;
}

/** A loopback port with nothing listening: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('unexpected errors', () => {
  // A file that is not a database was an unexpected SqliteError; the store now names PANEL_DB and
  // the fix (issue 10), and it is still the one printer that decides what reaches stderr.
  it('are one line and exit 1, with the stack only under PANEL_DEBUG=1', async () => {
    const env = baseEnv({ PANEL_DB: notADatabase() });
    const run = await cli(['drafts', 'list'], env);
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/^error: the database .* \(PANEL_DB\) is not a SQLite database or is damaged/);
    expect(run.stderr).not.toMatch(/\bat\b.*:\d+:\d+/);

    const debug = await cli(['drafts', 'list'], { ...env, PANEL_DEBUG: '1' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^error: the database .* \(PANEL_DB\) is not a SQLite database or is damaged.*\n/);
    expect(debug.stderr).toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('an unhandled rejection in the real process is one line and exit 1, key masked', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--import', path.join(PROJECT_ROOT, 'test/cli/fixtures/stray-rejection.mjs'), path.join(PROJECT_ROOT, 'src/cli/main.ts'), 'review', '--help'],
      { cwd: PROJECT_ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, PANEL_DB: baseEnv().PANEL_DB }, timeout: 20_000 },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('error: unexpected stray rejection with sk-proj-***\n');
  });
});

describe('bad flags exit 2 with one line', () => {
  const env = baseEnv({ OPENAI_API_KEY: 'k' });
  const cases: Array<[string, string[], RegExp]> = [
    ['an empty --model', ['review', 'https://example.com/', '--model', ''], /^error: review: --model needs a value, got ""$/],
    ['--model twice', ['review', 'https://example.com/', '--model', 'openai:a', '--model', 'openai:b'], /--model is given twice/],
    ['one persona twice', ['review', 'https://example.com/', '--persona-model', 'skeptic=openai:a', '--persona-model', 'Skeptic=openai:b'], /names "Skeptic" twice/],
    ['a negative score', ['drafts', 'edit', 'abcd', '--persona', 'builder', '--score', '-5', '--by', 'Ann'], /^error: --score must be a whole number from 0 to 100, got "-5"$/],
    ['a flag without its value', ['review', 'https://example.com/', '--model', '--json'], /^error: review: --model needs a value/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const run = await cli(argv, env);
      expect(run.code, run.stderr).toBe(2);
      oneLine(run.stderr);
      expect(run.stderr.trimEnd()).toMatch(message);
      expect(run.stderr).not.toMatch(/ambiguous/);
    });
  }

  it('a 100 KB URL is not echoed whole', async () => {
    const run = await cli(['review', `ftp://example.com/${'a'.repeat(100_000)}`], env);
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr.length).toBeLessThan(400);
    expect(run.stderr).toMatch(/characters\)/);
  });

  it('publish --out a file', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'out-file-')), 'site.json');
    writeFileSync(file, '{}');
    for (const out of [file, path.join(file, 'sub')]) {
      const run = await cli(['publish', '--out', out], env);
      expect(run.code, run.stderr).toBe(2);
      oneLine(run.stderr);
      expect(run.stderr).toMatch(/--out|folder/);
    }
  });
});

describe('secrets never reach an error line', () => {
  it('a key pasted into OPENAI_BASE_URL is not echoed', async () => {
    const run = await cli(['review', 'https://example.com/'], baseEnv({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'sk-proj-Abc123Def456Ghi789' }));
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/OPENAI_BASE_URL must be an http\(s\) URL/);
    expect(run.stderr).not.toMatch(/Abc123/);
  });

  it('credentials in GITHUB_API_URL are masked in the "cannot fetch" line', async () => {
    const port = await closedPort();
    const run = await cli(
      ['review', 'https://github.com/owner/repo', '--no-save'],
      baseEnv({ OPENAI_API_KEY: 'k', PANEL_ALLOW_PRIVATE_URLS: '1', GITHUB_API_URL: `http://x:tok-Secret-9876@127.0.0.1:${port}/api?access_token=Qwerty12345` }),
    );
    expect(run.code).toBe(1);
    oneLine(run.stderr);
    expect(run.stderr).toMatch(/cannot fetch/);
    expect(run.stderr).not.toMatch(/tok-Secret|Qwerty/);
  });

  it('redactSecrets masks userinfo, secret query values, key shapes and known values', () => {
    const known = secretValues({ GITHUB_TOKEN: 'plain-looking-value', OPENAI_API_KEY: 'short', PANEL_DB: 'data/panel.db' });
    expect(known).toEqual(['plain-looking-value', 'short']);
    expect(redactSecrets('https://u:p@h.example/x?api_key=1&page=2 token plain-looking-value, short', known)).toBe(
      'https://***@h.example/x?api_key=***&page=2 token ***, short',
    );
    expect(redactSecrets('Bearer abcdefghijkl AIzaSyA-1234567890abcdef ghp_1234567890abcdef sk-ant-api03-xyzxyzxyz')).toBe(
      'Bearer *** AIza*** ghp_*** sk-ant-***',
    );
  });
});
