/**
 * Feedback: a progress bar on a TTY (stderr, redrawn in place), one JSON line per event off a
 * TTY, and stdout left to the report either way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress, formatBar, formatDuration } from '../../src/batch/progress.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { batchCli, batchEnv, fastLimits, tempDir, writeList, writePages } from './support.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(() => simulator.close());

describe('the progress line', () => {
  it('shows done/total, rate, ETA, cost so far and failures', () => {
    const bar = formatBar({ total: 200, done: 40, failed: 2, doneAtStart: 10, costUsd: 0.5, startedAt: 0, note: '' }, 120_000);
    // 32 finished by this invocation in 2 minutes = 16/min; 158 left = ~9m53s.
    expect(bar).toBe('[#####-------------------] 42/200 · 16.0/min · ETA 9m53s · $0.5000 · 2 failed');
  });

  it('formats durations for people', () => {
    expect([formatDuration(4_400), formatDuration(61_000), formatDuration(3_726_000), formatDuration(Number.NaN)]).toEqual([
      '4s', '1m01s', '1h02m', '?',
    ]);
  });

  it('off a TTY every event is one JSON line with a timestamp', () => {
    const lines: string[] = [];
    const sink = createProgress({ stderr: (text) => lines.push(text), interactive: false }, () => 0);
    sink.emit({ event: 'tool-failed', url: 'https://x.example', error: 'no', ms: 5 });
    sink.close();
    expect(lines).toEqual(['{"at":"1970-01-01T00:00:00.000Z","event":"tool-failed","url":"https://x.example","error":"no","ms":5}\n']);
  });
});

describe('batch output', () => {
  const setup = () => {
    const dir = tempDir();
    const list = writeList(dir, writePages(dir, 3));
    return { env: batchEnv(simulator, dir), args: [list, '--rate-limits', fastLimits(dir)] };
  };

  it('on a TTY: a bar on stderr redrawn in place, the readable report on stdout', async () => {
    const { env, args } = setup();
    const run = await batchCli(args, env, true);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Batch run 1: 3 to do, 0 skipped\n/);
    expect(run.stderr).toContain('\r\x1b[2K[');
    expect(run.stderr).toMatch(/\[#{24}\] 3\/3 · [\d.]+\/min · ETA 0s · \$0\.\d{4} · 0 failed/);
    expect(run.stderr).not.toContain('{"');
    expect(run.stdout).toMatch(/^Batch run 1 finished: .*tools\.txt\n {2}reviewed 3 · skipped 0 already reviewed · failed 0 · left 0\n/);
    expect(run.stdout).toMatch(/tokens [\d,]+ in \([\d,]+ cached, [\d,]+ cache writes\) · [\d,]+ out \([\d,]+ reasoning\) · cost \$/);
    expect(run.stdout).not.toContain('\r');
  });

  it('with --json on a TTY: stdout is only the report JSON', async () => {
    const { env, args } = setup();
    const run = await batchCli([...args, '--json'], env, true);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'done', tools: { reviewed: 3 } });
  });

  it('off a TTY: stderr is JSON lines only, from batch-start to batch-end', async () => {
    const { env, args } = setup();
    const run = await batchCli(args, env, false);
    const lines = run.stderr.trim().split('\n');
    const events = lines.map((line) => JSON.parse(line) as { event: string; at: string });
    expect(events[0]?.event).toBe('batch-start');
    expect(events.at(-1)?.event).toBe('batch-end');
    expect(events.filter((event) => event.event === 'tool-done')).toHaveLength(3);
    expect(events.every((event) => !Number.isNaN(Date.parse(event.at)))).toBe(true);
    expect(run.stdout).toMatch(/^Batch run 1 finished/);
  });
});
