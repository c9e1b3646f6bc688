/**
 * `npm run serve` as a real process: it prints its URL, serves the desk, and Ctrl-C (SIGINT)
 * closes it cleanly with exit 0 even with a keep-alive connection open. With EDITOR_TOKEN it
 * may listen on every address, and never prints the token.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDrafts } from '../editor/desk-fixtures.js';
import { tempDir } from '../store/sample-review.js';
import { tenDrafts } from './web-fixtures.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function serveProcess(args: string[], env: Record<string, string>) {
  const temp = tempDir();
  const dbPath = path.join(temp.dir, 'panel.db');
  seedDrafts(dbPath, tenDrafts().slice(0, 3));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'serve', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PANEL_DB: dbPath, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode == null) child.kill('SIGKILL');
    temp.cleanup();
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /Editor's desk: (http:\/\/\S+\/)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    void exited.then(() => reject(new Error(`serve exited early: ${stderr}`)));
  });
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('serve as a process', () => {
  it('prints its URL on 127.0.0.1, serves the queue, and stops cleanly on Ctrl-C', async () => {
    const server = serveProcess(['--port', '0'], { EDITOR_NAME: 'Ann' });
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(url, { headers: { connection: 'keep-alive' } });
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('Google Scion');
    expect(body).toContain('Editing as <strong>Ann</strong>');
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toMatch(/Stopped\.\n$/);
    expect(server.output().stderr).toBe('');
  });

  it('with EDITOR_TOKEN it listens beyond loopback, asks for the token, and never prints it', async () => {
    const token = 'tok-5b8d1e0c9a7f4d2b8e6c1a3f5d7b9e0a';
    const server = serveProcess(['--port', '0', '--host', '0.0.0.0'], { EDITOR_TOKEN: token });
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/$/);
    const local = url.replace('0.0.0.0', '127.0.0.1');
    const anonymous = await fetch(local, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login?next=%2F');
    const script = await fetch(local, { headers: { authorization: `Bearer ${token}` } });
    expect(script.status).toBe(200);
    expect(await script.text()).not.toContain(token);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain('Protected by EDITOR_TOKEN');
    expect(JSON.stringify(server.output())).not.toContain(token);
  });
});
