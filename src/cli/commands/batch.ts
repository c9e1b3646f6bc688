/** `batch <source>`: flags → readSource → runBatch / planBatch → report; signals → graceful stop. */
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import {
  assertRepeatFits, createProgress, exitCodeOf, formatBatchPlan, formatReport, formatStalePlan, loadRateLimits, parseDuration, planBatch, planStale, readSource, runBatch,
  runStaleBatch, BATCH_MODES, DEFAULT_RATE_LIMITS_FILE, type BatchMode, type BatchReport, type StaleOptions,
} from '../../batch/index.js';
import { createEngine } from '../../engine/index.js';
import { repeatsOf } from '../../review/index.js';
import { createBatchQueries, openStore } from '../../store/index.js';
import { terminalBlock } from '../../terminal-text.js';
import { GROUNDING_FLAGS, MODEL_FLAGS, REPEAT_FLAGS, parseFlags, parsePersonaModels, parseRepeat } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run batch -- <source> [options]
       npm run batch -- --stale [--older-than 30d] [options]

Reviews every tool of a source and saves a draft for each. The source is a file or URL: a list
of URLs or files (one a line, # comments), a JSON list (strings or {"url", "name"}), or an
RSS/Atom feed (item links). Running the same command again resumes an unfinished run.

Options:
  --concurrency N        tools reviewed at once (default 4)
  --budget-usd X         stop starting tools when the estimated cost would pass X (exit 1)
  --limit N              review at most N tools of the source in this run
  --force                review tools already reviewed with the same prompt and persona versions
  --dry-run              print the plan and estimated cost; call no model
  --json                 print the final report (or the plan) as JSON on stdout
  --grace-seconds S      on SIGINT/SIGTERM, let tools in flight finish this long (default 30)
  --rate-limits FILE     per-provider rate limits (default data/rate-limits.json)
  --mode online|batch-api  batch-api: submit the profile calls, then the persona calls, of all
                         tools through the providers' batch APIs (OpenAI, Anthropic, Gemini) at
                         half the price; answers take minutes to hours; a kill is safe: run the
                         same command (or --resume) to collect (default PANEL_BATCH_MODE, else online)
  --resume               resume the newest unfinished run (its source and options); no source needed
  --stale                no source: read every published tool again (one fetch each, no model
                         call) and re-review only those whose sources changed meaningfully or
                         whose prompt/persona versions are older; the drafts amend the published
                         reviews (origin re-review). With --dry-run: what it would re-review
  --older-than D         with --stale: only tools whose newest review is older than D (30d, 12h, 2w, 90m)
  --model SPEC           every persona (and the profile) on one model
  --persona-model P=SPEC one persona on a model (repeatable)
  --no-grounding         check claims without a model (numbers, dates, quoted terms, names only)
  --repeat N             ask each persona N times per tool (1-9, N× the persona cost), as review
                         --repeat; online mode only
  -h, --help             this help

Progress goes to stderr: a bar on a terminal, one JSON line per event otherwise.
Exit codes: 0 every tool reviewed with a complete panel; 1 some failed or incomplete, budget
reached, interrupted, or another batch of this source is running; 2 bad usage or input.
`;

const FLAGS = {
  concurrency: { type: 'string' }, 'budget-usd': { type: 'string' }, limit: { type: 'string' },
  force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' },
  'grace-seconds': { type: 'string' }, 'rate-limits': { type: 'string' }, mode: { type: 'string' }, resume: { type: 'boolean' }, ...MODEL_FLAGS, ...GROUNDING_FLAGS, ...REPEAT_FLAGS,
  stale: { type: 'boolean' }, 'older-than': { type: 'string' },
} as const;

function numberFlag(raw: string | undefined, name: string, check: (value: number) => boolean, expected: string): number | undefined {
  if (raw == null) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} must be ${expected}, got "${raw}"`);
  return value;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'batch');
  if (values.help) return io.stdout(HELP), 0;
  const config = loadConfig(env);
  // With a source, --resume is the same command again (its run key finds the run).
  const resumed = values.resume === true && positionals.length === 0 && values.stale !== true ? resumeTarget(config.dbPath) : undefined;
  const stale = staleOptions(values.stale === true, values['older-than'], positionals.length, values.force === true) ?? resumed?.stale;
  if (resumed == null && stale == null && positionals.length !== 1) throw new UsageError(`batch takes one source, got ${positionals.length === 0 ? 'none' : positionals.length} (see --help)`);
  const request = {
    force: values.force === true,
    limit: numberFlag(values.limit, 'limit', (n) => Number.isInteger(n) && n >= 1, 'a whole number from 1'),
    concurrency: numberFlag(values.concurrency, 'concurrency', (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a whole number from 1 to 256') ?? 4,
    budgetUsd: numberFlag(values['budget-usd'], 'budget-usd', (n) => n > 0, 'a positive amount in USD'),
    graceMs: (numberFlag(values['grace-seconds'], 'grace-seconds', (n) => n >= 0 && n <= 3600, 'seconds from 0 to 3600') ?? 30) * 1000,
    model: values.model,
    personaModels: parsePersonaModels(values['persona-model']),
    mode: modeOf(values.mode, config.batchMode),
    ...(values['no-grounding'] ? { grounding: false } : {}),
    ...(values.repeat != null ? { repeat: parseRepeat(values.repeat, 'batch') } : {}),
    ...resumed?.options,
  };
  const [engine, limits] = await Promise.all([createEngine(config), loadRateLimits(values['rate-limits'] ?? DEFAULT_RATE_LIMITS_FILE)]);
  const { context } = engine;
  if (stale != null) return runStale(stale, request, { engine, limits, io, dryRun: values['dry-run'] === true, json: values.json === true, dbPath: config.dbPath });
  const source = await readSource(resumed?.source ?? (positionals[0] as string), { config });
  const store = openStore(config.dbPath);
  try {
    if (values['dry-run']) {
      const identity = { location: source.location, model: request.model, personaModels: request.personaModels, force: request.force };
      assertRepeatFits(request.mode, repeatsOf(context.personas, request.repeat, config.repeat));
      const plan = await planBatch(source, { identity, limit: request.limit, budgetUsd: request.budgetUsd, mode: request.mode, repeat: request.repeat }, { config, context, queries: createBatchQueries(store.db) });
      io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : terminalBlock(formatBatchPlan(plan)));
      return 0;
    }
    return await reportRun(io, values.json === true, (watch) => runBatch(source, request, { engine: engine.withStore(store), limits, ...watch }));
  } finally {
    store.close();
  }
}

type Watch = { emit: ReturnType<typeof createProgress>['emit']; stop: AbortSignal; abortNow: AbortSignal };

/** A run with its progress and signals (the first stops starts, the second aborts), then its report and exit code. */
async function reportRun(io: CliIO, json: boolean, start: (watch: Watch) => Promise<BatchReport>): Promise<number> {
  const stop = new AbortController();
  const abortNow = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => (stop.signal.aborted ? abortNow : stop).abort(signal);
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  const progress = createProgress(io);
  try {
    const report = await start({ emit: progress.emit, stop: stop.signal, abortNow: abortNow.signal });
    progress.close();
    io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : terminalBlock(formatReport(report)));
    if (report.status === 'interrupted') io.stderr(`batch interrupted (${report.stopReason}): ${report.tools.left} tools left — run the same command to resume\n`);
    if (report.status === 'budget') io.stderr(`batch stopped: ${report.stopReason} ($${report.usage.costUsd} spent); ${report.tools.left} tools not started\n`);
    return exitCodeOf(report);
  } finally {
    progress.close();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** `--stale [--older-than D]` checked; undefined without --stale. */
function staleOptions(stale: boolean, olderThan: string | undefined, sources: number, force: boolean): StaleOptions | undefined {
  if (!stale) {
    if (olderThan != null) throw new UsageError('--older-than works only with --stale');
    return undefined;
  }
  if (sources > 0) throw new UsageError('--stale takes no source: it checks the published tools in PANEL_DB');
  if (force) throw new UsageError('--force does not apply to --stale: every selected tool is checked, and re-reviewed only if it changed');
  if (olderThan == null) return { olderThan: null, olderThanMs: null };
  const ms = parseDuration(olderThan);
  if (ms == null) throw new UsageError(`--older-than must be a duration such as 30d, 12h, 2w or 90m, got "${olderThan.slice(0, 40)}"`);
  return { olderThan: olderThan.trim(), olderThanMs: ms };
}

type BatchCliRequest = Parameters<typeof runBatch>[1];

/** `--stale`: the dry run (each tool read once, no model) or the run itself, as a normal batch run. */
async function runStale(
  options: StaleOptions,
  request: BatchCliRequest,
  deps: { engine: Awaited<ReturnType<typeof createEngine>>; limits: Awaited<ReturnType<typeof loadRateLimits>>; io: CliIO; dryRun: boolean; json: boolean; dbPath: string },
): Promise<number> {
  const { io } = deps;
  const store = openStore(deps.dbPath);
  try {
    const engine = deps.engine.withStore(store);
    if (deps.dryRun) {
      const plan = await planStale(options, request, { engine });
      io.stdout(deps.json ? `${JSON.stringify(plan, null, 2)}\n` : terminalBlock(formatStalePlan(plan)));
      return 0;
    }
    return await reportRun(io, deps.json, (watch) => runStaleBatch(request, options, { engine, limits: deps.limits, ...watch }));
  } finally {
    store.close();
  }
}

function modeOf(raw: string | undefined, fallback: BatchMode): BatchMode {
  if (raw == null) return fallback;
  if ((BATCH_MODES as readonly string[]).includes(raw)) return raw as BatchMode;
  throw new UsageError(`--mode must be ${BATCH_MODES.join(' or ')}, got "${raw.slice(0, 40)}"`);
}

/** `--resume` alone: the newest unfinished run's source and the options that make it the same run (models, --force), and its mode. */
function resumeTarget(dbPath: string): { source: string; stale?: StaleOptions; options: Partial<{ force: boolean; model: string; personaModels: Record<string, string>; mode: BatchMode; repeat: number }> } {
  const store = openStore(dbPath);
  try {
    const open = createBatchQueries(store.db).latestOpenRun();
    if (open == null) throw new UsageError('--resume: no unfinished batch run to resume');
    const stored = open.options as { force?: unknown; model?: unknown; personaModels?: unknown; mode?: unknown; repeat?: unknown; stale?: { olderThan?: unknown } };
    const options: ReturnType<typeof resumeTarget>['options'] = {};
    if (typeof stored.force === 'boolean') options.force = stored.force;
    if (typeof stored.model === 'string') options.model = stored.model;
    if (stored.personaModels != null && typeof stored.personaModels === 'object') options.personaModels = stored.personaModels as Record<string, string>;
    if (stored.mode === 'online' || stored.mode === 'batch-api') options.mode = stored.mode;
    if (typeof stored.repeat === 'number') options.repeat = stored.repeat;
    if (stored.stale != null && typeof stored.stale === 'object') {
      // A --stale run: its "source" is the store; --force is implied by the run itself.
      const olderThan = typeof stored.stale.olderThan === 'string' ? stored.stale.olderThan : null;
      const { force: _force, ...rest } = options;
      return { source: open.source, stale: { olderThan, olderThanMs: olderThan == null ? null : parseDuration(olderThan) }, options: rest };
    }
    return { source: open.source, options };
  } finally {
    store.close();
  }
}
