/**
 * Database problems as one line naming PANEL_DB and the fix. A read-only database is real file
 * permissions: the file is chmod 444 and the commands run as a child process — when the tests
 * run as root (whose CAP_DAC_OVERRIDE ignores permission bits) through `setpriv` with the two
 * permission-overriding capabilities dropped, so root is held to the file's owner bits while it
 * can still read the project wherever the checkout is (a `nobody` child cannot enter a private
 * temporary checkout); as ourselves otherwise. Its directory stays writable, because SQLite's WAL mode needs to create
 * the `-shm` index beside the file even to read it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { baseEnv, cli } from '../helpers/cli.js';
import { sampleReview, seedDrafts } from '../editor/desk-fixtures.js';

const asRoot = process.getuid?.() === 0;
const DROP_OVERRIDES = ['--bounding-set=-dac_override,-dac_read_search', '--'];

function runAs(argv: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const command = [process.execPath, '--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/main.ts'), ...argv];
  const [file, ...args] = asRoot ? ['setpriv', ...DROP_OVERRIDES, ...command] : command;
  const child = spawn(file as string, args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('PANEL_DB problems', () => {
  it('a PANEL_DB in a directory that does not exist is bad input (exit 2), and the directory is not created', async () => {
    const missing = path.join(os.tmpdir(), `panel-missing-${process.pid}`, 'dir');
    const result = await cli(['drafts', 'list'], baseEnv({ PANEL_DB: path.join(missing, 'x.db') }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: PANEL_DB is .*x\.db, but the directory .* does not exist: create it first, or point PANEL_DB at a file in an existing directory\n$/);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it('a read-only database: drafts list/show/history and publish work; approve is one line naming PANEL_DB (exit 1)', async () => {
    const env = baseEnv({ EDITOR_NAME: 'Ann' }) as Record<string, string>;
    const db = env.PANEL_DB as string;
    seedDrafts(db, [sampleReview()]);
    const dir = path.dirname(db);
    const out = path.join(dir, 'site');
    fs.mkdirSync(out);
    fs.chmodSync(dir, 0o777);
    fs.chmodSync(out, 0o777);
    fs.chmodSync(db, 0o444);
    const id = sampleReview().id;

    const [list, show, history, published, approve] = await Promise.all([
      runAs(['drafts', 'list'], env),
      runAs(['drafts', 'show', id], env),
      runAs(['drafts', 'history', id], env),
      runAs(['publish', '--out', out], env),
      runAs(['drafts', 'approve', id], env),
    ]);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(/^Drafts \(1\)/m);
    expect(show).toMatchObject({ code: 0, stderr: '' });
    expect(show.stdout).toContain('revision 1');
    expect(history).toMatchObject({ code: 0, stderr: '' });
    expect(published.code).toBe(0);
    expect(approve.code).toBe(1);
    expect(approve.stdout).toBe('');
    expect(approve.stderr).toMatch(/^error: the database .*panel\.db \(PANEL_DB\) is read-only for this process, and this command writes to it: give it write access/);
    expect(approve.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
