/**
 * Evals for prompt changes: the approved reviews as a frozen set, asked again with the current
 * persona and prompt files and with candidate ones, side by side, so a change is adopted on
 * evidence. Reads the store, never writes it; calls models only through the engine.
 *
 * @example
 * ```ts
 * const prepared = await prepareEval(engine, store, { personasDir: 'candidate/personas' });
 * const report = await runEval(prepared, { engine });   // or planEvalRun(prepared, engine)
 * ```
 */
import type { Engine } from '../engine/index.js';
import { UsageError } from '../errors.js';
import type { Store } from '../store/index.js';
import { freezeFromStore, readEvalSet } from './freeze.js';
import { planEval } from './plan.js';
import { buildReport } from './report.js';
import { runSides, type EvalRunDeps } from './run.js';
import type { EvalItem, EvalPlan, EvalReport, EvalSet } from './schemas.js';
import { chooseRerun, loadSides, type EvalSide, type ModelOptions, type RerunChoice, type RerunMode } from './sides.js';

export { canonicalJson, freezeFromStore, hashItems, readEvalSet, writeEvalSet, type FreezeOptions } from './freeze.js';
export { formatEvalPlan, formatEvalReport } from './format.js';
export { FEW_ITEMS } from './report.js';
export { EvalItem, EvalPlan, EvalReport, EvalSet, EVAL_SET_KIND, type ApprovedVerdict, type PersonaEval } from './schemas.js';
export type { EvalRunDeps } from './run.js';
export type { EvalSide, RerunChoice, RerunMode } from './sides.js';

export interface EvalOptions extends ModelOptions {
  personasDir?: string | undefined;
  promptsDir?: string | undefined;
  /** A frozen set file; without it the set is frozen from the store now. */
  setFile?: string | undefined;
  includeSimulated?: boolean;
  limit?: number | undefined;
  rerun?: RerunMode;
}

/** Everything a run or a plan needs, fixed before any call: the set, the sides, what is re-run. */
export interface PreparedEval {
  set: EvalSet;
  source: string;
  items: EvalItem[];
  sides: { current: EvalSide; candidate: EvalSide };
  choice: RerunChoice;
}

export async function prepareEval(engine: Engine, store: Store | undefined, options: EvalOptions): Promise<PreparedEval> {
  // The candidate files first: a broken persona file is the one line the user needs.
  const sides = await loadSides(engine.config, engine.context, { personas: options.personasDir, prompts: options.promptsDir }, options);
  let set: EvalSet;
  let source: string;
  if (options.setFile != null) {
    set = await readEvalSet(options.setFile);
    source = options.setFile;
  } else {
    if (store == null) throw new UsageError('eval: no store to freeze the eval set from');
    set = freezeFromStore(store, { includeSimulated: options.includeSimulated === true });
    source = engine.config.dbPath;
  }
  if (set.items.length === 0) {
    const hint = set.includeSimulated ? '' : ' (simulated reviews are left out unless --include-simulated)';
    throw new UsageError(`eval: the eval set from ${source} has no approved reviews${hint}`);
  }
  const items = options.limit == null ? set.items : set.items.slice(0, options.limit);
  return { set, source, items, sides, choice: chooseRerun(sides.current, sides.candidate, options.rerun ?? 'changed') };
}

export function planEvalRun(prepared: PreparedEval, engine: Engine): EvalPlan {
  return planEval({ ...prepared, prices: engine.context.prices, timeoutMs: engine.config.callTimeoutMs });
}

export async function runEval(prepared: PreparedEval, deps: EvalRunDeps): Promise<EvalReport> {
  const answers = await runSides(prepared.items, prepared.sides, prepared.choice, deps);
  return buildReport({ ...prepared, answers });
}
