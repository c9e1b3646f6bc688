/**
 * `batch --dry-run`: what a run would do and an estimated cost, calling no model and fetching
 * no tool page (a feed URL itself is fetched: it is the list). The estimate per tool is
 * `planReview`'s (a URL is assumed to be a full-budget page, so it leans high).
 */
import type { Config } from '../config.js';
import { planReview, type ReviewContext, type ReviewPlan } from '../review/index.js';
import { BATCH_API_PROVIDERS, type BatchMode } from './batch-api-mode.js';
import { batchRateOf } from './batch-codec.js';
import { projectPaths } from '../paths.js';
import { costOf, loadBatchDiscounts, type BatchDiscounts } from '../providers/index.js';
import type { BatchQueries } from '../store/index.js';
import { personaVersions } from '../templates/index.js';
import { runKey, type RunIdentity } from './run-state.js';
import type { BatchSource } from './sources.js';

export interface BatchPlan {
  /** `batch-api`: the estimate is at the batch rate for models with a provider batch interface. */
  mode: BatchMode;
  source: string;
  kind: string;
  inSource: number;
  duplicates: number;
  /** Already reviewed with the same prompt and persona versions (0 with --force). */
  skipped: number;
  tools: Array<{ url: string; target: string; estimateUsd: number }>;
  estimatedCostUsd: number;
  /** The same tools at the online rate (equal to `estimatedCostUsd` in online mode). */
  onlineEstimateUsd: number;
  budgetUsd: number | null;
  /** How many of `tools`, in order, the budget would start (all of them without a budget). */
  withinBudget: number;
  /** An unfinished run of this command that running it would resume. */
  openRun: { runId: number; done: number; left: number } | null;
  unpriced: string[];
  warnings: string[];
}

export interface PlanRequest {
  identity: RunIdentity;
  limit: number | undefined;
  budgetUsd: number | undefined;
  mode?: BatchMode;
  /** `--repeat N`: runs per persona, as `review --repeat`. */
  repeat?: number | undefined;
}

/**
 * A review's estimate in a mode: in batch-api mode, each call on a provider with a batch
 * interface at that provider's batch rate (`data/prices.json`'s `batch` section).
 */
export function estimateIn(mode: BatchMode, plan: Pick<ReviewPlan, 'calls' | 'costUsd'>, prices: ReviewContext['prices'], discounts: BatchDiscounts): number {
  if (mode === 'online') return plan.costUsd;
  return plan.calls.reduce((sum, call) => {
    const provider = call.model.slice(0, call.model.indexOf(':'));
    if (!(BATCH_API_PROVIDERS as readonly string[]).includes(provider)) return sum + (call.costUsd ?? 0);
    const usage = { inputTokens: call.inputTokens, cachedInputTokens: call.cachedInputTokens, cacheWriteInputTokens: 0, reasoningTokens: 0, outputTokens: call.outputTokens };
    return sum + (costOf(batchRateOf(prices, discounts, call.model), usage) ?? 0);
  }, 0);
}

export async function planBatch(
  source: BatchSource,
  request: PlanRequest,
  deps: { config: Readonly<Config>; context: ReviewContext; queries: BatchQueries },
): Promise<BatchPlan> {
  const { context, queries } = deps;
  const versions = { prompts: context.templates.version, personas: personaVersions(context.personas) };
  const open = queries.findOpenRun(runKey(request.identity));
  const openItems = open ? queries.items(open.id) : [];
  const modelOptions = { model: request.identity.model, personaModels: request.identity.personaModels, repeat: request.repeat };
  // Every URL gets the same placeholder plan; plan it once.
  const urlPlans = new Map<string, Promise<Awaited<ReturnType<typeof planReview>>>>();
  const plan = (target: string) => {
    const key = /^https?:/i.test(target) ? 'url' : target;
    let planned = urlPlans.get(key);
    if (planned == null) {
      planned = planReview(target, modelOptions, deps);
      urlPlans.set(key, planned);
    }
    return planned;
  };

  let skipped = 0;
  const mode = request.mode ?? 'online';
  const discounts = mode === 'batch-api' ? await loadBatchDiscounts(projectPaths.prices) : {};
  const tools: BatchPlan['tools'] = [];
  let online = 0;
  const unpriced = new Set<string>();
  for (const tool of source.tools) {
    if (!request.identity.force && queries.priorReview(tool.url, versions) != null) {
      skipped += 1;
      continue;
    }
    if (request.limit != null && tools.length >= request.limit) continue;
    const planned = await plan(tool.target);
    planned.unpriced.forEach((model) => unpriced.add(model));
    online += planned.costUsd;
    tools.push({ url: tool.url, target: tool.target, estimateUsd: estimateIn(mode, planned, context.prices, discounts) });
  }
  const total = tools.reduce((sum, tool) => sum + tool.estimateUsd, 0);
  let withinBudget = tools.length;
  if (request.budgetUsd != null) {
    let running = 0;
    withinBudget = tools.findIndex((tool) => (running += tool.estimateUsd) > (request.budgetUsd as number));
    if (withinBudget === -1) withinBudget = tools.length;
  }
  return {
    mode,
    source: source.location,
    kind: source.kind,
    inSource: source.tools.length,
    duplicates: source.duplicates,
    skipped,
    tools,
    estimatedCostUsd: Math.round(total * 1e6) / 1e6,
    onlineEstimateUsd: Math.round(online * 1e6) / 1e6,
    budgetUsd: request.budgetUsd ?? null,
    withinBudget,
    openRun: open
      ? {
          runId: open.id,
          done: openItems.filter((item) => item.state === 'done').length,
          left: openItems.filter((item) => item.state === 'queued' || item.state === 'running').length,
        }
      : null,
    unpriced: [...unpriced],
    warnings: source.warnings,
  };
}

export function formatBatchPlan(plan: BatchPlan): string {
  const out = [`Dry run for ${plan.source} (${plan.kind}): no model is called, no tool page is fetched, nothing is saved.`, ''];
  out.push(
    `  ${plan.inSource} tools in the source${plan.duplicates ? ` (+${plan.duplicates} duplicate entries)` : ''}, ` +
      `${plan.skipped} already reviewed, ${plan.tools.length} to review`,
  );
  for (const tool of plan.tools.slice(0, 20)) out.push(`    ${tool.target}  ~$${tool.estimateUsd.toFixed(4)}`);
  if (plan.tools.length > 20) out.push(`    … and ${plan.tools.length - 20} more`);
  out.push('', `Estimated cost: ~$${plan.estimatedCostUsd.toFixed(4)} for ${plan.tools.length} tools`);
  if (plan.mode === 'batch-api') {
    out.push(
      "Mode batch-api: first attempts go through the providers' batch APIs at their batch price (data/prices.json) " +
        `(${BATCH_API_PROVIDERS.join(', ')}; other models online); online the same tools would cost ~$${plan.onlineEstimateUsd.toFixed(4)}. ` +
        'Answers take minutes to hours; re-asks and retries go online.',
    );
  } else {
    out.push('Mode online (--mode batch-api would submit through the providers\' batch APIs at half the price)');
  }
  if (plan.budgetUsd != null) out.push(`Budget $${plan.budgetUsd}: covers about ${plan.withinBudget} of them`);
  if (plan.openRun) {
    out.push(`Run ${plan.openRun.runId} of this command is unfinished (${plan.openRun.done} done, ${plan.openRun.left} left): running it resumes that run`);
  }
  if (plan.unpriced.length > 0) out.push(`Note: no price in data/prices.json for ${plan.unpriced.join(', ')}`);
  for (const warning of plan.warnings) out.push(`Warning: ${warning}`);
  return `${out.join('\n')}\n`;
}
