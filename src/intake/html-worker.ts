/**
 * The parse worker's entry: reads the DOM of one page per message and answers with plain
 * strings. It runs on its own thread so the main thread's event loop (signals, timers, the
 * other tools of a batch) never waits on a parse, and so a parse over its deadline can be
 * ended by terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { readDom } from './html-dom.js';
import type { HtmlLimits } from './html-limits.js';

export interface ParseJob {
  html: string;
  limits: HtmlLimits;
}

export type ParseAnswer = { type: 'ready' } | { type: 'done'; result: ReturnType<typeof readDom> } | { type: 'failed'; message: string };

const port = parentPort;
if (port) {
  port.on('message', (job: ParseJob) => {
    let answer: ParseAnswer;
    try {
      answer = { type: 'done', result: readDom(job.html, job.limits) };
    } catch (error) {
      // Only the first line: the main thread prints one line, never a stack.
      answer = { type: 'failed', message: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error' };
    }
    port.postMessage(answer);
  });
  port.postMessage({ type: 'ready' } satisfies ParseAnswer);
}
