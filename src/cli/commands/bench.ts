/** `bench`: the spec's four benchmarks against the simulator → a table on stdout and a JSON file. */
import path from 'node:path';
import { UsageError } from '../../errors.js';
import { BENCHMARKS, DEFAULT_OUT, formatTable, runBench, writeResults, type BenchmarkName } from '../../bench/index.js';
import { parseFlags } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run bench -- [--quick | --full] [--only LIST] [--out FILE] [--json]

Runs the spec's benchmarks against the built-in simulator (no key, no network) and prints each
figure with its target and PASS/MISS; writes the figures and their details as JSON.

  panel       wall time of a 4-persona panel ÷ its slowest persona call, configured and as the
              client measured it (target ≤ 1.05)
  throughput  batch tools/min ÷ the simulator's rate-limit bound, 5% 429s and 2% 5xx
              (target ≥ 0.95), and no tool lost or reviewed twice
  prompt      cache-eligible share of the persona calls' input tokens (target ≥ 0.70)
  engine      CPU ms per review at zero latency (target < 5 ms) and ÷ its raw-SDK + cheerio floor
              (target ≤ 1.0×); peak RSS of a 1,000- and a 10,000-tool batch under npm run batch's
              heap bound (target < 200 MB, growth ≤ 10%)
  cli         --help wall ÷ node -e 0 (target ≤ 3×); drafts list at 10,000 drafts (target ≤ 0.3 s)

The default run takes about 7 minutes on 2 cores (the throughput run alone is 4 minutes).

Options:
  --quick        a smoke run of every benchmark in about a minute (figures not meaningful)
  --full         longer runs: 30 panels, a 10-minute throughput run, 500 reviews for CPU
  --only LIST    some benchmarks, comma-separated: ${BENCHMARKS.join(',')}
  --out FILE     where to write the JSON (default ${path.relative(process.cwd(), DEFAULT_OUT) || DEFAULT_OUT})
  --json         print the JSON instead of the table
  -h, --help     this help

Progress goes to stderr. Exit codes: 0 every benchmark ran (a MISS is a finding, not an
error); 1 a benchmark could not run; 2 bad usage.
`;

function parseOnly(raw: string | undefined): BenchmarkName[] | undefined {
  if (raw == null) return undefined;
  const names = raw.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new UsageError(`--only: unknown benchmark "${unknown[0] ?? raw}" (benchmarks: ${BENCHMARKS.join(', ')})`);
  return names as BenchmarkName[];
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { quick: { type: 'boolean' }, full: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
    'bench',
  );
  if (values.help) return io.stdout(HELP), 0;
  if (positionals.length > 0) throw new UsageError('bench takes no arguments (see --help)');
  if (values.quick && values.full) throw new UsageError('bench: --quick and --full cannot be combined');
  const only = parseOnly(values.only);
  const out = path.resolve(values.out ?? DEFAULT_OUT);
  const mode = values.quick ? 'quick' : values.full ? 'full' : 'default';
  io.stderr(`Benchmarks (${mode}) against the simulator — answers are simulated, timings are this machine's\n`);
  const results = await runBench({ mode, only, log: (line) => io.stderr(`${line}\n`) });
  writeResults(out, results);
  io.stdout(values.json ? `${JSON.stringify(results, null, 2)}\n` : formatTable(results.figures));
  if (mode === 'quick' && !values.json) io.stdout('(--quick is a smoke run: too short for the figures to mean anything)\n');
  io.stderr(`${mode} run, ${results.wallSeconds} s, ${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.machine.node}; figures in ${out}\n`);
  return results.errors.length > 0 ? 1 : 0;
}
