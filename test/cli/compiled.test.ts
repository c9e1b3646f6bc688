/**
 * The npm scripts run the compiled CLI (`dist/`). This test builds it (so it never checks a
 * stale build), runs it the way `npm run <command>` does, and checks — through a resolve hook
 * that lists the packages a process imported — that commands which call no model load no SDK.
 * It asserts what was loaded, never how long anything took.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

const run = promisify(execFile);
const MAIN = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
const RECORDER = path.join(PROJECT_ROOT, 'test', 'helpers', 'record-imports.mjs');
const SDKS = ['openai', '@anthropic-ai/sdk', '@google/genai'];

let temp: string;
beforeAll(async () => {
  temp = mkdtempSync(path.join(os.tmpdir(), 'panel-compiled-'));
  await run(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT });
}, 300_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** Bare package specifiers the process resolved (the recorder's `import:` lines). */
  imports: string[];
}

async function compiled(argv: string[]): Promise<Run> {
  // Run from an empty folder, so no developer's `.env` is read; only what the test names is set.
  const env = { PATH: process.env.PATH, HOME: temp, PANEL_DB: path.join(temp, 'panel.db'), PANEL_DEMO_DB: path.join(temp, 'demo.db') };
  const result = await run(process.execPath, ['--import', RECORDER, MAIN, ...argv], { cwd: temp, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const imports = [...result.stderr.matchAll(/^import: (.+)$/gm)].map((match) => match[1] as string);
  return { ...result, stderr: result.stderr.replace(/^import: .+\n/gm, ''), imports };
}

const sdksIn = (imports: string[]) => imports.filter((name) => SDKS.some((sdk) => name === sdk || name.startsWith(`${sdk}/`)));

describe('the compiled CLI', () => {
  it('prints the usage with --help, loading no SDK', async () => {
    const help = await compiled(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run <command> -- \[options\]/);
    expect(sdksIn(help.imports)).toEqual([]);
  });

  it('prints review --help, loading no SDK', async () => {
    const help = await compiled(['review', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: npm run review -- <url-or-file> \[options\]/);
    expect(sdksIn(help.imports)).toEqual([]);
  });

  it('lists drafts from a new database (migrations found from dist/), loading no SDK', async () => {
    const list = await compiled(['drafts', 'list']);
    expect(list).toMatchObject({ code: 0, stdout: 'No drafts.\n', stderr: '' });
    // The recorder sees the packages this command does load.
    expect(list.imports).toContain('better-sqlite3');
    expect(sdksIn(list.imports)).toEqual([]);
  });

  it.each([['drafts', '--help'], ['publish', '--help'], ['votes', '--help'], ['compare', '--help']])('%s %s loads no SDK', async (...argv) => {
    const help = await compiled(argv);
    expect(help.code).toBe(0);
    expect(sdksIn(help.imports)).toEqual([]);
  });

  it('runs the demo compiled: the SDKs load when a model is first called, and the draft is saved', async () => {
    const demo = await compiled(['demo']);
    // The demo says on stderr that the answers are simulated; an error would be an `error:` line.
    expect(demo.stderr).not.toMatch(/^error:/m);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Saved as draft');
    const loaded = new Set(sdksIn(demo.imports).map((name) => SDKS.find((sdk) => name === sdk || name.startsWith(`${sdk}/`))));
    expect([...loaded].sort()).toEqual([...SDKS].sort());
  }, 60_000);
});
