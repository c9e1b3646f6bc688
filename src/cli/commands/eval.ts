/** `eval`: the approved reviews asked again with candidate persona or prompt files; `eval freeze --out FILE`. */
import path from 'node:path';
import { loadConfig } from '../../config.js';
import { UsageError } from '../../errors.js';
import { createEngine } from '../../engine/index.js';
import { formatEvalPlan, formatEvalReport, freezeFromStore, planEvalRun, prepareEval, runEval, writeEvalSet } from '../../eval/index.js';
import { openStore } from '../../store/index.js';
import { quoteInput } from '../../terminal-text.js';
import { MODEL_FLAGS, parseFlags, parsePersonaModels } from '../args.js';
import type { CliIO } from '../io.js';

export const HELP = `Usage: npm run eval -- [--personas DIR] [--prompts DIR] [options]
       npm run eval -- freeze --out FILE [--include-simulated]

Asks the panel again on the approved reviews (the eval set: each one's published profile, the
page excerpt its panel saw and the verdicts the editors approved), once with the current
personas/ and prompts/ and once with the candidate files, and reports per persona, side by
side: Cohen's κ and raw agreement with the approved verdicts, mean score and its shift, flips
(items where the candidate's verdict differs from the current one's), failures and cost.
Nothing is saved; the store is only read.

Options:
  --personas DIR          candidate persona files (layout as personas/); default: the current ones
  --prompts DIR           candidate prompt files (layout as prompts/); default: the current ones
  --set FILE              run on a frozen set (eval freeze) instead of freezing the store now
  --include-simulated     freeze simulated reviews too (labelled in the report)
  --limit N               only the first N items of the set (oldest first)
  --rerun changed|all     candidate side: ask only personas whose file (or model) differs, reusing
                          the current answers of the others (default), or ask every persona
  --model SPEC            every persona, both sides, on one model
  --persona-model P=SPEC  one persona on a model, both sides (repeatable)
  --dry-run               the calls and an estimated cost; calls nothing
  --json                  the report (or plan) as JSON
  --out FILE              freeze: where to write the set (refuses to overwrite)
  -h, --help              this help

Exit codes: 0 done, 1 a persona call failed (the report is still printed), 2 bad usage or input
(a persona or prompt file that does not parse, a missing directory, a changed set file).
`;

const FLAGS = {
  personas: { type: 'string' },
  prompts: { type: 'string' },
  set: { type: 'string' },
  'include-simulated': { type: 'boolean' },
  limit: { type: 'string' },
  rerun: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  ...MODEL_FLAGS,
} as const;

function parseLimit(value: string | undefined): number | undefined {
  if (value == null) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`--limit ${quoteInput(value)} must be a whole number of items, 1 or more`);
  return Number(value);
}

function parseRerun(value: string | undefined): 'changed' | 'all' {
  if (value == null || value === 'changed' || value === 'all') return value ?? 'changed';
  throw new UsageError(`--rerun ${quoteInput(value)} must be "changed" or "all"`);
}

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

async function freeze(values: Values, io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const refused = (['personas', 'prompts', 'set', 'limit', 'rerun', 'dry-run', 'model', 'persona-model'] as const).find((name) => values[name] != null);
  if (refused) throw new UsageError(`eval freeze: --${refused} does not apply to freezing (see --help)`);
  if (values.out == null) throw new UsageError('eval freeze needs --out FILE (see --help)');
  const config = loadConfig(env);
  const store = openStore(config.dbPath, { access: 'read' });
  let set;
  try {
    set = freezeFromStore(store, { includeSimulated: values['include-simulated'] === true });
  } finally {
    store.close();
  }
  await writeEvalSet(path.resolve(values.out), set);
  const summary = { file: values.out, hash: set.hash, items: set.items.length, simulated: set.items.filter((item) => item.simulated).length };
  io.stdout(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `Froze ${summary.items} approved reviews${summary.simulated > 0 ? ` (${summary.simulated} simulated)` : ''} to ${quoteInput(values.out)}: ${set.hash}\n`);
  return 0;
}

export async function run(argv: string[], io: CliIO, env?: Record<string, string | undefined>): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, 'eval');
  if (values.help) return io.stdout(HELP), 0;
  const [sub, ...extra] = positionals;
  if (extra.length > 0 || (sub != null && sub !== 'freeze')) {
    throw new UsageError(`eval takes no arguments but "freeze", got ${quoteInput(sub === 'freeze' ? (extra[0] ?? '') : (sub ?? ''))} (see --help)`);
  }
  if (sub === 'freeze') return freeze(values, io, env);
  if (values.out != null) throw new UsageError('eval: --out belongs to eval freeze (see --help)');
  if (values.set != null && values['include-simulated']) throw new UsageError('eval: --include-simulated applies when freezing; a --set file keeps what it was frozen with');
  const options = {
    personasDir: values.personas,
    promptsDir: values.prompts,
    setFile: values.set,
    includeSimulated: values['include-simulated'] === true,
    limit: parseLimit(values.limit),
    rerun: parseRerun(values.rerun),
    model: values.model,
    personaModels: parsePersonaModels(values['persona-model']),
  };
  const config = loadConfig(env);
  // The eval's engine has no store: nothing it does can save a draft.
  const engine = await createEngine(config);
  const store = values.set == null ? openStore(config.dbPath, { access: 'read' }) : undefined;
  let prepared;
  try {
    prepared = await prepareEval(engine, store, options);
  } finally {
    store?.close();
  }
  if (values['dry-run']) {
    const plan = planEvalRun(prepared, engine);
    io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : formatEvalPlan(plan));
    return 0;
  }
  const report = await runEval(prepared, {
    engine,
    onProgress: io.interactive && !values.json ? (done, total) => io.stderr(`\r… ${done}/${total} persona calls`) : undefined,
  });
  if (io.interactive && !values.json) io.stderr('\n');
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatEvalReport(report));
  const failed = report.cost.current.failures + report.cost.candidate.failures;
  return failed > 0 ? 1 : 0;
}
