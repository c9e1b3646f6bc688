/**
 * The results file: every figure with its target and verdict, the raw details of each
 * benchmark, and the machine and commit they were measured on (figures mean little without).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import type { Figure } from './figures.js';

export const DEFAULT_OUT = path.join(PROJECT_ROOT, 'bench', 'results.json');

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
}

export interface BenchResults {
  schemaVersion: 1;
  generatedAt: string;
  mode: string;
  machine: Machine;
  commit: string | null;
  wallSeconds: number;
  figures: Figure[];
  /** Verdict counts over the figures that have a target. */
  summary: { targets: number; met: number; missed: number };
  errors: Array<{ benchmark: string; error: string }>;
  details: Record<string, unknown>;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** `abc1234` or `abc1234+dirty`; null outside a git checkout. */
export function commit(): string | null {
  try {
    const run = (...args: string[]) => execFileSync('git', args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `${run('rev-parse', '--short', 'HEAD')}${run('status', '--porcelain') === '' ? '' : '+dirty'}`;
  } catch {
    return null;
  }
}

export function summarise(figures: readonly Figure[]): BenchResults['summary'] {
  const judged = figures.filter((item) => item.verdict !== 'info');
  const missed = judged.filter((item) => item.verdict === 'miss').length;
  return { targets: judged.length, met: judged.length - missed, missed };
}

export function writeResults(file: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
