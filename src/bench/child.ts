/**
 * Benchmark child processes: a TypeScript script of `src/bench/` run by `node --import tsx`
 * with an IPC channel, and waiting for its messages. A child that exits early rejects with
 * the tail of its stderr, so a broken worker is one readable error, not a hang.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Compiled (`dist/bench/`), the workers are JavaScript and need no loader.
const COMPILED = !import.meta.url.endsWith('.ts');

export interface BenchChild {
  process: ChildProcess;
  /** Resolves with the next message of this `type` (`{type, ...}`). */
  next<T>(type: string, timeoutMs?: number): Promise<T>;
  send(message: unknown): void;
  /** Resolves when the process has exited (asks it to close first). */
  stop(): Promise<void>;
}

/** `nodeArgs` go before the script (e.g. `--expose-gc`, `--max-old-space-size=128`). */
export function forkBenchScript(script: string, args: string[], nodeArgs: string[] = []): BenchChild {
  const file = COMPILED ? script.replace(/\.ts$/, '.js') : script;
  const child = fork(path.join(HERE, file), args, {
    cwd: PROJECT_ROOT,
    execArgv: COMPILED ? nodeArgs : ['--import', 'tsx', ...nodeArgs],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  // A child that has just exited may refuse one last message (EPIPE): that is not an error here.
  child.on('error', () => {});
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    next<T>(type: string, timeoutMs = 30 * 60_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (message: { type?: string }) => {
          if (message?.type !== type) return;
          cleanup();
          resolve(message as T);
        };
        const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
          cleanup();
          reject(new Error(`${script} exited (${signal ?? code}) before sending "${type}"${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`));
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${script}: no "${type}" message within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    },
    send(message) {
      if (child.connected) child.send(message as object);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ type: 'close' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
