/**
 * Feedback while a batch runs, always on stderr so stdout stays clean for the report (and for
 * `--json`). On a TTY: one progress line redrawn in place — done/total, rate, ETA, cost so
 * far, failures (a small renderer: no progress-bar package is installed, and one line needs
 * none). Off a TTY (cron, CI, a pipe): one JSON object per event and line, with a timestamp.
 */
import type { BatchEvent, EmitEvent } from './events.js';

export interface ProgressIO {
  stderr: (text: string) => void;
  interactive: boolean;
}

export interface ProgressSink {
  emit: EmitEvent;
  /** Clears the bar (TTY) so the report starts on a clean line. */
  close(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

interface BarState {
  total: number;
  done: number;
  failed: number;
  doneAtStart: number;
  costUsd: number;
  startedAt: number;
  note: string;
}

export function formatBar(state: BarState, now: number): string {
  const finished = state.done + state.failed;
  const share = state.total > 0 ? Math.min(1, finished / state.total) : 1;
  const filled = Math.round(share * BAR_WIDTH);
  const minutes = (now - state.startedAt) / 60_000;
  const madeNow = finished - state.doneAtStart;
  const rate = minutes > 0 ? madeNow / minutes : 0;
  const eta = rate > 0 ? ((state.total - finished) / rate) * 60_000 : Number.NaN;
  return (
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${finished}/${state.total}` +
    ` · ${rate.toFixed(1)}/min · ETA ${formatDuration(eta)} · $${state.costUsd.toFixed(4)}` +
    ` · ${state.failed} failed${state.note ? ` · ${state.note}` : ''}`
  );
}

export function createProgress(io: ProgressIO, now: () => number = Date.now): ProgressSink {
  if (!io.interactive) {
    return {
      emit: (event: BatchEvent) => io.stderr(`${JSON.stringify({ at: new Date(now()).toISOString(), ...event })}\n`),
      close: () => {},
    };
  }
  const state: BarState = { total: 0, done: 0, failed: 0, doneAtStart: 0, costUsd: 0, startedAt: now(), note: '' };
  let drawnAt = 0;
  let drawn = false;
  const draw = (force: boolean) => {
    const at = now();
    if (!force && at - drawnAt < REDRAW_MS) return;
    drawnAt = at;
    drawn = true;
    // \r + erase line: redraw in place without scrolling the terminal.
    io.stderr(`\r\x1b[2K${formatBar(state, at)}`);
  };
  const say = (line: string) => {
    if (drawn) io.stderr('\r\x1b[2K');
    io.stderr(`${line}\n`);
    draw(true);
  };
  return {
    emit(event: BatchEvent) {
      switch (event.event) {
        case 'batch-start':
          Object.assign(state, { total: event.total, done: event.done, failed: event.failed, doneAtStart: event.done + event.failed, startedAt: now() });
          return say(`Batch run ${event.runId}${event.resumed ? ' (resumed)' : ''}: ${event.todo} to do, ${event.skipped} skipped`);
        case 'tool-done':
          state.done += 1;
          state.costUsd += event.costUsd;
          return draw(state.done + state.failed >= state.total);
        case 'tool-failed':
          state.failed += 1;
          return say(`failed: ${event.url}: ${event.error}`);
        case 'tool-skipped':
          state.total -= 1;
          return say(`skipped: ${event.url}: ${event.reason}`);
        case 'tool-changed':
          return say(`changed: ${event.url}: ${event.reasons.join(', ')}`);
        case 'rate-limited':
          state.note = `${event.provider} paused ${formatDuration(event.pauseMs)}`;
          return draw(false);
        case 'budget-stop':
          return say(`budget: the next tool (~$${event.nextEstimateUsd.toFixed(4)}) would pass $${event.budgetUsd}; finishing the tools in flight`);
        case 'stopping':
          return say(`${event.reason}: no new tools; waiting up to ${formatDuration(event.graceMs)} for ${event.inFlight} in flight (again to abort)`);
        case 'aborting':
          return say(`aborting ${event.inFlight} tools in flight (${event.reason}); they will be redone next time`);
        case 'source-warning':
          return say(`warning: ${event.message}`);
        case 'provider-batch-submitted':
        case 'provider-batch-resumed':
          state.note = `${event.model} batch ${event.event === 'provider-batch-resumed' ? 'resumed' : 'submitted'} (${event.requests} requests)`;
          return draw(false);
        case 'provider-batch-done':
          return say(`${event.model} batch ${event.batchId} ${event.state}: ${event.succeeded} answered, ${event.failed} failed, ${event.notRun} not run (answered online)`);
        case 'provider-batch-failed':
          return say(`${event.model} batch${event.batchId ? ` ${event.batchId}` : ''}: ${event.reason}; ${event.requests} requests answered online`);
        case 'tool-start':
          state.note = '';
          return draw(false);
        case 'batch-end':
          return draw(true);
      }
    },
    close() {
      if (drawn) io.stderr('\n');
      drawn = false;
    },
  };
}
