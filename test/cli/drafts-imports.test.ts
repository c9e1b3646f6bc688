/**
 * `drafts list` and `drafts show` load the desk and the store, not the web page (Hono), the
 * HTML parser (cheerio), the prompt templates or any SDK: an editor clearing a queue from the
 * terminal pays for none of them. Checked through the resolve hook that lists the packages a
 * process imported; it asserts what was loaded, never how long anything took.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { otherTool, seedDrafts } from '../editor/desk-fixtures.js';
import { tempDbPath } from '../helpers/cli.js';

const run = promisify(execFile);
const RECORDER = path.join(PROJECT_ROOT, 'test', 'helpers', 'record-imports.mjs');
// By path: the command runs from an empty folder (no developer's `.env`), where `tsx` would not resolve.
const TSX = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const HEAVY = ['hono', '@hono/node-server', 'cheerio', 'htmlparser2', 'parse5', 'yaml', 'p-limit', 'openai', '@anthropic-ai/sdk', '@google/genai'];

async function importsOf(argv: string[], dbPath: string): Promise<{ stdout: string; imports: string[] }> {
  const main = path.join(PROJECT_ROOT, 'src', 'cli', 'main.ts');
  const env = { PATH: process.env.PATH, HOME: path.dirname(dbPath), PANEL_DB: dbPath };
  const { stdout, stderr } = await run(process.execPath, ['--import', TSX, '--import', RECORDER, main, ...argv], { cwd: path.dirname(dbPath), env });
  return { stdout, imports: [...stderr.matchAll(/^import: (.+)$/gm)].map((match) => match[1] as string) };
}

const heavyIn = (imports: string[]) => imports.filter((name) => HEAVY.some((heavy) => name === heavy || name.startsWith(`${heavy}/`)));

describe('the command-line desk', () => {
  const dbPath = tempDbPath();
  seedDrafts(dbPath, [otherTool('d1000000-0000-4000-8000-000000000001', 'Listed Tool')]);

  it('lists drafts without loading the web page, the HTML parser or an SDK', async () => {
    const list = await importsOf(['drafts', 'list'], dbPath);
    expect(list.stdout).toContain('Listed Tool');
    expect(list.imports).toContain('better-sqlite3');
    expect(heavyIn(list.imports)).toEqual([]);
  }, 60_000);

  it('shows a draft without them either', async () => {
    const show = await importsOf(['drafts', 'show', 'd1000000'], dbPath);
    expect(show.stdout).toContain('Listed Tool');
    expect(heavyIn(show.imports)).toEqual([]);
  }, 60_000);
});
