/**
 * `batch --stale --dry-run`: which published tools a stale run would re-review, and at what
 * estimated cost. Unlike a normal dry run it reads every selected tool once (that read is the
 * check; it is all a stale run costs for an unchanged tool); it calls no model and saves nothing.
 */
import pLimit from 'p-limit';
import type { Engine } from '../engine/index.js';
import { describeError } from '../errors.js';
import { planReview } from '../review/index.js';
import type { Store } from '../store/index.js';
import { personaVersions } from '../templates/index.js';
import { checkTool, leftAlone, selectStale, type StaleOptions, type StaleSelection } from './stale.js';

export interface StalePlan {
  dryRun: true;
  olderThan: string | null;
  counts: StaleSelection['counts'];
  tools: Array<{ url: string; target: string; outcome: 'changed' | 'unchanged' | 'failed'; reasons: string[]; error?: string; estimateUsd: number }>;
  checked: number;
  changed: number;
  unchanged: number;
  failed: number;
  estimatedCostUsd: number;
}

export async function planStale(
  options: StaleOptions,
  request: { concurrency: number; limit: number | undefined; model: string | undefined; personaModels: Record<string, string> },
  deps: { engine: Engine<Store>; now?: () => Date },
): Promise<StalePlan> {
  const { engine } = deps;
  const selection = selectStale(engine.store, options, (deps.now ?? (() => new Date()))());
  const versions = { prompts: engine.context.templates.version, personas: personaVersions(engine.context.personas) };
  const modelOptions = { model: request.model, personaModels: request.personaModels };
  const chosen = selection.source.tools.slice(0, request.limit ?? Infinity);
  const limit = pLimit(request.concurrency);
  const tools = await Promise.all(
    chosen.map((tool) =>
      limit(async (): Promise<StalePlan['tools'][number]> => {
        const published = selection.candidates.get(tool.url);
        if (published == null) return { url: tool.url, target: tool.target, outcome: 'failed', reasons: [], error: 'not a published tool', estimateUsd: 0 };
        try {
          const check = await checkTool(engine.store, published, tool.target, { engine, versions });
          if (check.reasons.length === 0) return { url: tool.url, target: tool.target, outcome: 'unchanged', reasons: [], estimateUsd: 0 };
          const plan = await planReview(tool.target, modelOptions, engine);
          return { url: tool.url, target: tool.target, outcome: 'changed', reasons: check.reasons, estimateUsd: plan.costUsd };
        } catch (error) {
          return { url: tool.url, target: tool.target, outcome: 'failed', reasons: [], error: describeError(error), estimateUsd: 0 };
        }
      }),
    ),
  );
  const count = (outcome: string) => tools.filter((tool) => tool.outcome === outcome).length;
  return {
    dryRun: true,
    olderThan: options.olderThan,
    counts: selection.counts,
    tools,
    checked: tools.length,
    changed: count('changed'),
    unchanged: count('unchanged'),
    failed: count('failed'),
    estimatedCostUsd: Math.round(tools.reduce((sum, tool) => sum + tool.estimateUsd, 0) * 1e6) / 1e6,
  };
}

export function formatStalePlan(plan: StalePlan): string {
  const scope = plan.olderThan ? `published tools last reviewed over ${plan.olderThan} ago` : 'every published tool';
  const out = [`Dry run of batch --stale (${scope}): each tool was read once; no model is called, nothing is saved.`, ''];
  out.push(`  checked ${plan.checked} · changed ${plan.changed} · unchanged ${plan.unchanged} · failed ${plan.failed}`);
  out.push(leftAlone(plan.counts));
  for (const tool of plan.tools) {
    if (tool.outcome === 'changed') out.push(`    re-review ${tool.url} (${tool.reasons.join(', ')})  ~$${tool.estimateUsd.toFixed(4)}`);
    if (tool.outcome === 'failed') out.push(`    failed    ${tool.url}: ${tool.error ?? 'unknown error'}`);
  }
  out.push('', `Estimated cost: ~$${plan.estimatedCostUsd.toFixed(4)} for ${plan.changed} re-reviews`);
  return `${out.join('\n')}\n`;
}
