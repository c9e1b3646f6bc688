/**
 * Batch test support: generated tool pages (a loopback page server or files), a simulator-backed
 * env, the batch CLI in-process (with JSON-line events parsed) or as a real child process, and
 * a look into the database the run left behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../../src/cli/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { Simulator } from '../../src/simulator/index.js';

export const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'panel-batch-'));

const CATEGORY_WORDS = ['coding agent', 'LLM gateway', 'prompt framework', 'local model runner', 'eval harness'];

/** A small but distinct tool page: the profile and panel prompts differ per tool. */
export function toolPage(index: number): string {
  const what = CATEGORY_WORDS[index % CATEGORY_WORDS.length];
  return `<!doctype html><html><head><title>Tool ${index} — a ${what}</title>
<meta name="description" content="Tool ${index} is an open-source ${what} for developers (build ${index * 7919 % 1000}).">
</head><body><main><h1>Tool ${index}</h1>
<p>Tool ${index} is a ${what}. It runs on your machine, reads your repository and ships with ${index % 9 + 2} integrations.</p>
<p>Pricing: free and open source under the MIT license. Version ${1 + (index % 5)}.${index % 10}.</p>
</main></body></html>`;
}

export interface PageServer {
  url: string;
  urls: (count: number) => string[];
  requests: () => number;
  close(): Promise<void>;
}

/** Serves `/tools/N` as tool N's page on 127.0.0.1 (needs PANEL_ALLOW_PRIVATE_URLS=1). */
export async function startPageServer(): Promise<PageServer> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    const match = /^\/tools\/(\d+)$/.exec(request.url ?? '');
    if (match == null) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(toolPage(Number(match[1])));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    urls: (count) => Array.from({ length: count }, (_, index) => `${url}/tools/${index + 1}`),
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Tool pages as files; returns their paths. */
export function writePages(dir: string, count: number, first = 1): string[] {
  return Array.from({ length: count }, (_, index) => {
    const file = path.join(dir, `tool-${first + index}.html`);
    fs.writeFileSync(file, toolPage(first + index));
    return file;
  });
}

export function writeList(dir: string, targets: string[], name = 'tools.txt'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `# generated\n${targets.join('\n')}\n`);
  return file;
}

/** Rate limits far above what a test can reach, so only injected faults slow a run. */
export function fastLimits(dir: string, overrides: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'rate-limits.json');
  fs.writeFileSync(file, JSON.stringify({ default: { requestsPerMinute: 60_000, tokensPerMinute: 1e9, burstSeconds: 1 }, ...overrides }));
  return file;
}

/** All three providers on the simulator, a fresh database, short retry waits. */
export function batchEnv(simulator: Simulator, dir: string, extra: Record<string, string> = {}): Record<string, string> & { PANEL_DB: string } {
  return {
    PATH: process.env.PATH ?? '',
    PANEL_DB: path.join(dir, 'panel.db'),
    PANEL_ALLOW_PRIVATE_URLS: '1',
    PANEL_MAX_RETRIES: '6',
    PANEL_RETRY_AFTER_CAP_MS: '100',
    PANEL_CALL_TIMEOUT_MS: '10000',
    OPENAI_API_KEY: 'k',
    OPENAI_BASE_URL: simulator.baseUrls.openai,
    ANTHROPIC_API_KEY: 'k',
    ANTHROPIC_BASE_URL: simulator.baseUrls.anthropic,
    GEMINI_API_KEY: 'k',
    GOOGLE_GEMINI_BASE_URL: simulator.baseUrls.google,
    ...extra,
  };
}

export type Event = Record<string, unknown> & { event: string };

export interface BatchRun {
  code: number;
  stdout: string;
  stderr: string;
  events: Event[];
}

/** Stderr JSON lines → events (other lines, e.g. the final one-line message, are skipped). */
export function parseEvents(stderr: string): Event[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Event);
}

/**
 * The batch tests are about the batch (resuming, signals, locks, budgets) and their call counts
 * and time budgets were set for five calls a tool: grounding, with its own tests, is off.
 */
const GROUNDING_OFF = ['--no-grounding'];

export async function batchCli(args: string[], env: Record<string, string>, interactive = false): Promise<BatchRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), interactive };
  const code = await runCli(['batch', ...args, ...GROUNDING_OFF], io, env);
  return { code, stdout, stderr, events: interactive ? [] : parseEvents(stderr) };
}

export interface Child {
  process: ChildProcess;
  events: Event[];
  stderr: () => string;
  stdout: () => string;
  /** Resolves when an event matching `predicate` has been printed. */
  waitFor(predicate: (event: Event, all: Event[]) => boolean): Promise<Event>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real CLI in a child process (`node --import tsx src/cli/main.ts batch …`). */
export function spawnBatch(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src/cli/main.ts'), 'batch', ...args, ...GROUNDING_OFF], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Event[] = [];
  let stderr = '';
  let stdout = '';
  let pending = '';
  const watchers: Array<{ predicate: (event: Event, all: Event[]) => boolean; resolve: (event: Event) => void }> = [];
  child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    stderr += text;
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines.filter((each) => each.startsWith('{'))) {
      const event = JSON.parse(line) as Event;
      events.push(event);
      for (const watcher of [...watchers]) {
        if (watcher.predicate(event, events)) {
          watchers.splice(watchers.indexOf(watcher), 1);
          watcher.resolve(event);
        }
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    events,
    stderr: () => stderr,
    stdout: () => stdout,
    waitFor: (predicate) => {
      const found = events.find((event) => predicate(event, events));
      if (found) return Promise.resolve(found);
      return new Promise<Event>((resolve, reject) => {
        watchers.push({ predicate, resolve });
        void exited.then(() => reject(new Error(`the batch exited before the awaited event; stderr:\n${stderr.slice(-2000)}`)));
      });
    },
    exited,
  };
}

export interface DbView {
  /** Normalised tool URL → number of reviews (drafts) saved for it. */
  reviewsPerTool: Map<string, number>;
  reviewCount: number;
  items: Array<{ runId: number; url: string; state: string; attempts: number; reviewId: string | null; reason: string | null }>;
  runs: Array<{ id: number; status: string; invocations: number }>;
  locks: number;
}

export function readDb(file: string): DbView {
  const db = new Database(file, { readonly: true });
  try {
    const perTool = db
      .prepare<[], { url: string; count: number }>('SELECT t.url, count(r.id) AS count FROM tools t JOIN reviews r ON r.tool_id = t.id GROUP BY t.url')
      .all();
    return {
      reviewsPerTool: new Map(perTool.map((row) => [row.url, row.count])),
      reviewCount: (db.prepare('SELECT count(*) AS n FROM reviews').get() as { n: number }).n,
      items: db
        .prepare('SELECT run_id AS runId, url, state, attempts, review_id AS reviewId, reason FROM batch_items ORDER BY run_id, position')
        .all() as DbView['items'],
      runs: db.prepare('SELECT id, status, invocations FROM batch_runs ORDER BY id').all() as DbView['runs'],
      locks: (db.prepare('SELECT count(*) AS n FROM batch_locks').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}
