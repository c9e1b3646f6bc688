/**
 * `bench` on the command line: usage errors, and one `--quick` smoke run of every benchmark
 * that checks the table and the JSON file carry the four benchmarks' figures — never their
 * values, which are timings of whatever machine runs the tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../src/bench/index.js';
import { cli } from '../helpers/cli.js';

describe('bench', () => {
  it('prints its help, and refuses bad flags and unknown benchmarks with exit 2', async () => {
    const help = await cli(['bench', '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--quick');
    expect(await cli(['bench', '--nope'], {})).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: bench: .*--nope/) });
    expect(await cli(['bench', '--only', 'panel,speed'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown benchmark "speed"') });
    expect(await cli(['bench', '--quick', '--full'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot be combined') });
    expect(await cli(['bench', 'extra'], {})).toMatchObject({ code: 2 });
  });

  it('--quick runs the four benchmarks and reports every figure in the table and the JSON file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-bench-test-'));
    const out = path.join(dir, 'results.json');
    const run = await cli(['bench', '--quick', '--out', out], {});
    expect(run.stderr).not.toMatch(/failed:/);
    expect(run.code).toBe(0);
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
    expect(results).toMatchObject({ schemaVersion: 1, mode: 'quick', errors: [] });
    expect(results.machine.cpus).toBeGreaterThan(0);
    const ids = results.figures.map((item) => item.id);
    for (const id of ['panel-overhead.median', 'panel-overhead.p90', 'throughput.whole', 'throughput.integrity', 'prompt-efficiency.eligible', 'prompt-efficiency.actually-cached', 'prompt-efficiency.panels.warmed.wall-p90', 'engine-cost.cpu', 'engine-cost.rss-100', 'engine-cost.rss-300', 'engine-cost.rss-growth']) {
      expect(ids).toContain(id);
    }
    for (const item of results.figures) {
      expect(typeof item.value).toBe('number');
      expect(['pass', 'miss', 'info']).toContain(item.verdict);
    }
    // Behaviour, not timing: the batch lost no tool and reviewed none twice.
    expect(results.figures.find((item) => item.id === 'throughput.integrity')?.value).toBe(0);
    for (const benchmark of ['panel overhead', 'batch throughput', 'prompt efficiency', 'engine cost']) expect(run.stdout).toContain(benchmark);
    expect(run.stdout).toMatch(/targets met/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 300_000);
});
