/**
 * CLI start: whole-process wall time of the compiled CLI against `node -e 0` measured in the
 * same run, interleaved (node, --help, drafts list, node, …) so machine drift falls on all
 * alike, medians of N runs after a warm-up. `drafts list` runs on a database of N drafts
 * (10,000 by default), one page of the queue as an editor would ask for it. Each command runs
 * from an empty folder (no `.env`) with only PATH, HOME and PANEL_DB set.
 *
 * Run from `dist/` (npm run bench) it times the compiled CLI; from the sources (the test's
 * --quick run) it times tsx, and the figures mean nothing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../paths.js';
import { seedDraftsDb } from './drafts-db.js';
import { figure, type Figure } from './figures.js';
import { scratchDir } from './setup.js';
import { median, round } from './stats.js';

const run = promisify(execFile);
const BENCHMARK = 'cli start';
/** Issue 11: `--help` at most 3× a bare Node start; `drafts list` at 10k drafts within 0.3 s. */
const HELP_RATIO_TARGET = 3;
const LIST_TARGET_S = 0.3;
const COMPILED = !import.meta.url.endsWith('.ts');

export interface CliStartOptions {
  runs: number;
  /** A first round that is not counted (it warms the page cache); the quick smoke run skips it. */
  warmup: boolean;
  drafts: number;
  log: (line: string) => void;
}

export interface CliStartDetails {
  compiled: boolean;
  drafts: number;
  runs: number;
  /** Median wall seconds per command, and every run's. */
  medians: Record<CliCommand, number>;
  samples: Record<CliCommand, number[]>;
}

type CliCommand = 'node' | 'help' | 'draftsList';

function commands(): Record<CliCommand, string[]> {
  const main = COMPILED
    ? [path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js')]
    : ['--import', path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs'), fileURLToPath(new URL('../cli/main.ts', import.meta.url))];
  return { node: ['-e', '0'], help: [...main, '--help'], draftsList: [...main, 'drafts', 'list'] };
}

async function wallSeconds(args: string[], dir: string, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  await run(process.execPath, args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 });
  return (performance.now() - started) / 1000;
}

export function cliFigures(details: CliStartDetails): Figure[] {
  const { node, help, draftsList } = details.medians;
  const how = `medians of ${details.runs} whole-process runs, interleaved with node -e 0 (${round(node, 3)} s)${details.compiled ? '' : '; under tsx, not the compiled CLI'}`;
  return [
    figure({ id: 'cli-start.node', benchmark: BENCHMARK, label: 'floor: node -e 0, wall', value: round(node, 3), unit: 's' }),
    figure({ id: 'cli-start.help-ratio', benchmark: BENCHMARK, label: '--help wall ÷ node -e 0', value: round(help / node, 3), unit: '×', target: { op: '<=', value: HELP_RATIO_TARGET }, note: `--help ${round(help, 3)} s; ${how}` }),
    figure({
      id: 'cli-start.drafts-list', benchmark: BENCHMARK, label: `drafts list wall, ${details.drafts.toLocaleString('en-US')} drafts`, value: round(draftsList, 3), unit: 's',
      target: { op: '<=', value: LIST_TARGET_S }, note: `${round(draftsList / node, 2)}× node -e 0; what is left is loading zod, better-sqlite3 and the store's validation of the page's revisions; ${how}`,
    }),
    figure({ id: 'cli-start.drafts-list-ratio', benchmark: BENCHMARK, label: 'drafts list wall ÷ node -e 0', value: round(draftsList / node, 3), unit: '×' }),
  ];
}

export async function benchCliStart(options: CliStartOptions): Promise<{ figures: Figure[]; details: CliStartDetails }> {
  const scratch = scratchDir('cli');
  try {
    const db = path.join(scratch.dir, 'panel.db');
    options.log(`cli start: seeding ${options.drafts} drafts, then ${options.runs} runs of each command`);
    seedDraftsDb(db, options.drafts);
    const env = { PATH: process.env.PATH ?? '', HOME: scratch.dir, PANEL_DB: db };
    const each = commands();
    const samples: Record<CliCommand, number[]> = { node: [], help: [], draftsList: [] };
    for (let index = options.warmup ? -1 : 0; index < options.runs; index += 1) {
      for (const name of Object.keys(each) as CliCommand[]) {
        const seconds = await wallSeconds(each[name], scratch.dir, env);
        if (index >= 0) samples[name].push(seconds);
      }
    }
    const medians = { node: median(samples.node), help: median(samples.help), draftsList: median(samples.draftsList) };
    const details: CliStartDetails = { compiled: COMPILED, drafts: options.drafts, runs: options.runs, medians, samples };
    return { figures: cliFigures(details), details };
  } finally {
    scratch.remove();
  }
}
