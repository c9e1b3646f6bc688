/**
 * A small pool of parse workers (html-worker.ts). Each page is parsed on a worker under the
 * `parseTimeoutMs` deadline; a worker over it, or whose page is no longer wanted (the batch
 * aborted the tool), is terminated, which stops the parse at once, and a fresh one is started
 * for the next page. Idle workers are kept for reuse (starting one costs a few hundred ms) and
 * never keep the process alive.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { IntakeError } from '../errors.js';
import type { DomResult } from './html-dom.js';
import { limitMessage, type HtmlLimits } from './html-limits.js';
import type { ParseAnswer, ParseJob } from './html-worker.js';

/**
 * A worker costs ~1 s of CPU to start (tsx, cheerio) and a page ~10–50 ms to parse, so one
 * worker keeps up with any batch and is kept idle for the next page (a second where there are
 * cores to spare). But a hostile page may hold its worker up to its deadline: when every worker
 * has been on its page for longer than an ordinary page takes, another is started (up to
 * `MAX_WORKERS`), so the batch's other tools are not held up behind it; workers beyond
 * `KEEP_IDLE` are closed once free. The deadline starts when a worker takes the page.
 */
const KEEP_IDLE = availableParallelism() >= 4 ? 2 : 1;
const MAX_WORKERS = 4;
/** Longer than an ordinary page takes on a loaded machine: a worker this busy may be stuck. */
const SLOW_PAGE_MS = 250;
/** A worker that cannot load its modules in this long is broken, not slow. */
const START_TIMEOUT_MS = 60_000;

interface Slot {
  worker: Worker;
  ready: Promise<void>;
}

const idle: Slot[] = [];
/** When each page now holding a worker took it. */
const busySince = new Set<{ at: number }>();
const waiting = new Set<() => void>();

/**
 * The entry is TypeScript when the engine runs from source (tsx): a worker does not inherit
 * the parent's loader hooks, so it registers tsx's before importing the entry.
 */
function workerSource(): { code: string; eval: true } | { url: URL; eval: false } {
  const entry = new URL(`./html-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!entry.pathname.endsWith('.ts')) return { url: entry, eval: false };
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = new URL('dist/esm/api/index.mjs', tsxPackage).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return { code, eval: true };
}

function startWorker(): Slot {
  const source = workerSource();
  const worker = source.eval ? new Worker(source.code, { eval: true }) : new Worker(source.url);
  // Never what keeps the process alive: a job in flight holds its own timer.
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the HTML parser did not start within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
    const onMessage = (answer: ParseAnswer) => {
      if (answer.type !== 'ready') return;
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve();
    };
    worker.on('message', onMessage);
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the HTML parser stopped (exit code ${code})`));
    });
  });
  // A failed start is reported by the job that waits for it; never an unhandled rejection.
  ready.catch(() => {});
  return { worker, ready };
}

function mayTakeWorker(now: number): boolean {
  if (busySince.size < KEEP_IDLE) return true;
  if (busySince.size >= MAX_WORKERS) return false;
  return [...busySince].every((busy) => now - busy.at >= SLOW_PAGE_MS);
}

/** Waits for a free worker, or for the busy ones to turn slow; an abort ends the wait. */
async function acquire(signal: AbortSignal | undefined, label: string): Promise<{ slot: Slot; busy: { at: number } }> {
  for (;;) {
    if (signal?.aborted) throw abortReason(signal, label);
    if (mayTakeWorker(Date.now())) {
      const busy = { at: Date.now() };
      busySince.add(busy);
      return { slot: idle.pop() ?? startWorker(), busy };
    }
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve();
      };
      // Re-checked on a timer too: a worker may turn slow without anything being released.
      const timer = setTimeout(wake, SLOW_PAGE_MS);
      waiting.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}

function release(busy: { at: number }, slot: Slot | null): void {
  busySince.delete(busy);
  if (slot && idle.length < KEEP_IDLE) idle.push(slot);
  else if (slot) void slot.worker.terminate();
  for (const wake of waiting) wake();
}

function abortReason(signal: AbortSignal | undefined, label: string): Error {
  return signal?.reason instanceof Error ? signal.reason : new IntakeError(`reading ${label} was aborted`);
}

/** Runs one job on `slot`: resolves with its answer, rejects on deadline, abort or crash. */
function runJob(slot: Slot, job: ParseJob, signal: AbortSignal | undefined, label: string): Promise<DomResult> {
  const { worker } = slot;
  return new Promise<DomResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (answer: ParseAnswer) => {
      if (answer.type === 'ready') return;
      cleanup();
      if (answer.type === 'done') resolve(answer.result);
      else reject(new IntakeError(`cannot read ${label}: ${answer.message}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new IntakeError(`cannot read ${label}: the HTML parser failed (${error.message.split('\n')[0]})`, { cause: error }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new IntakeError(`cannot read ${label}: the HTML parser stopped (exit code ${code})`));
    };
    const onAbort = () => {
      cleanup();
      reject(abortReason(signal, label));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(() => {
      cleanup();
      reject(new IntakeError(limitMessage('parseTimeoutMs', job.limits, label)));
    }, job.limits.parseTimeoutMs);
    worker.postMessage(job);
  });
}

/**
 * Reads the page's DOM on a worker. The deadline starts when a started worker takes the page,
 * so neither the wait for a free worker nor a worker's start-up counts against the page.
 */
export async function readDomInWorker(html: string, limits: HtmlLimits, signal: AbortSignal | undefined, label: string): Promise<DomResult> {
  const { slot, busy } = await acquire(signal, label);
  let reusable = false;
  try {
    try {
      await slot.ready;
    } catch (error) {
      throw new IntakeError(`cannot read ${label}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const result = await runJob(slot, { html, limits }, signal, label);
    reusable = true;
    return result;
  } finally {
    // Over its deadline, aborted or crashed: the worker may still be parsing, so it goes.
    if (!reusable) void slot.worker.terminate();
    release(busy, reusable ? slot : null);
  }
}
