/**
 * The final report of a batch invocation: counts over the whole run (so a resumed run reports
 * everything it did, across invocations), tokens and cost from the drafts themselves, and
 * this invocation's wall time and throughput. `--json` prints it as is.
 */
import type { BatchItemRow, BatchRunUsage } from '../store/index.js';
import type { BatchApiShare } from './batch-api-mode.js';
import type { ProviderLimiterStats } from './limiter.js';
import { formatStaleSummary, type StaleSummary } from './stale.js';

export type BatchStatus = 'done' | 'budget' | 'interrupted';

export interface BatchReport {
  runId: number;
  source: string;
  kind: string;
  status: BatchStatus;
  /** Why it stopped early (a signal, the budget), null when it ran to the end. */
  stopReason: string | null;
  resumed: boolean;
  tools: {
    /** Distinct tools the source listed this time. */
    inSource: number;
    /** Source entries that were the same tool as an earlier entry. */
    duplicates: number;
    /** Not reviewed: already reviewed with the same prompt and persona versions. */
    skipped: number;
    /** Done: a draft was saved (with a complete panel or not). */
    reviewed: number;
    /** Of `reviewed`, drafts whose panel had a failed persona (the editor regenerates it). */
    incomplete: number;
    failed: number;
    /** Still queued, or left running by an abort: the next invocation does them. */
    left: number;
  };
  /** Reviewed and failed by this invocation. */
  reviewedNow: number;
  failedNow: number;
  failures: Array<{ url: string; target: string; error: string }>;
  usage: BatchRunUsage;
  budgetUsd: number | null;
  wallMs: number;
  /** Tools reviewed by this invocation per minute of its wall time. */
  throughputPerMinute: number;
  limiter: Record<string, ProviderLimiterStats>;
  /** `--mode batch-api`: the run's cost split between provider batches and the online path. */
  batchApi?: BatchApiShare;
  /** `--stale`: what the freshness check found. */
  stale?: StaleSummary;
}

export interface ReportInput {
  runId: number;
  source: { location: string; kind: string; inSource: number; duplicates: number };
  status: BatchStatus;
  stopReason: string | null;
  resumed: boolean;
  items: BatchItemRow[];
  usage: BatchRunUsage;
  reviewedNow: number;
  failedNow: number;
  budgetUsd: number | null;
  wallMs: number;
  limiter: Record<string, ProviderLimiterStats>;
  batchApi?: BatchApiShare;
}

export function buildReport(input: ReportInput): BatchReport {
  const count = (predicate: (item: BatchItemRow) => boolean) => input.items.filter(predicate).length;
  const minutes = input.wallMs / 60_000;
  return {
    runId: input.runId,
    source: input.source.location,
    kind: input.source.kind,
    status: input.status,
    stopReason: input.stopReason,
    resumed: input.resumed,
    tools: {
      inSource: input.source.inSource,
      duplicates: input.source.duplicates,
      skipped: count((item) => item.state === 'skipped'),
      reviewed: count((item) => item.state === 'done'),
      incomplete: count((item) => item.state === 'done' && item.complete === false),
      failed: count((item) => item.state === 'failed'),
      left: count((item) => item.state === 'queued' || item.state === 'running'),
    },
    reviewedNow: input.reviewedNow,
    failedNow: input.failedNow,
    failures: input.items
      .filter((item) => item.state === 'failed')
      .map((item) => ({ url: item.url, target: item.target, error: item.reason ?? 'unknown error' })),
    usage: { ...input.usage, costUsd: Math.round(input.usage.costUsd * 1e6) / 1e6 },
    budgetUsd: input.budgetUsd,
    wallMs: Math.round(input.wallMs),
    throughputPerMinute: minutes > 0 ? Math.round((input.reviewedNow / minutes) * 100) / 100 : 0,
    limiter: input.limiter,
    ...(input.batchApi ? { batchApi: input.batchApi } : {}),
  };
}

/** 0 only when every tool of the run is reviewed with a complete panel; 1 otherwise. */
export function exitCodeOf(report: BatchReport): 0 | 1 {
  const { tools } = report;
  return report.status === 'done' && tools.failed === 0 && tools.incomplete === 0 && tools.left === 0 ? 0 : 1;
}

const usd = (value: number): string => (value === 0 ? '$0' : value < 0.01 ? `$${value.toFixed(5)}` : `$${value.toFixed(4)}`);
const integer = (value: number): string => value.toLocaleString('en-US');

export function formatReport(report: BatchReport): string {
  const { tools, usage } = report;
  const out: string[] = [];
  const headline = { done: 'finished', budget: 'stopped at the budget', interrupted: 'interrupted' }[report.status];
  out.push(`Batch run ${report.runId} ${headline}${report.resumed ? ' (resumed)' : ''}: ${report.source}`);
  if (report.stopReason) out.push(`  stopped: ${report.stopReason}`);
  out.push(
    `  reviewed ${tools.reviewed}${tools.incomplete ? ` (${tools.incomplete} incomplete)` : ''} · skipped ${tools.skipped} ${report.stale ? 'unchanged or taken by another batch' : 'already reviewed'}` +
      `${tools.duplicates ? ` · ${tools.duplicates} duplicate entries` : ''} · failed ${tools.failed} · left ${tools.left}`,
  );
  out.push(
    `  tokens ${integer(usage.inputTokens)} in (${integer(usage.cachedInputTokens)} cached, ${integer(usage.cacheWriteInputTokens)} cache writes) · ` +
      `${integer(usage.outputTokens)} out (${integer(usage.reasoningTokens)} reasoning) · ` +
      `cost ${usd(usage.costUsd)}${report.budgetUsd != null ? ` of ${usd(report.budgetUsd)} budget` : ''}`,
  );
  out.push(
    `  this invocation: ${report.reviewedNow} reviewed, ${report.failedNow} failed in ${(report.wallMs / 1000).toFixed(1)}s · ` +
      `${report.throughputPerMinute} tools/min`,
  );
  if (report.batchApi) {
    const share = report.batchApi;
    out.push(
      `  batch-API mode: ${usd(share.batchUsd)} through ${share.batches} provider batches (${share.batchRequests} requests, ${Math.round(share.batchShare * 100)}% of the cost) · ` +
        `${usd(share.onlineUsd)} online · this invocation ${share.calls.batch} calls from batches, ${share.calls.online} online`,
    );
  }
  if (report.stale) out.push(formatStaleSummary(report.stale).trimEnd());
  for (const [provider, stats] of Object.entries(report.limiter)) {
    if (stats.rateLimited === 0) continue;
    out.push(`  ${provider}: ${stats.rateLimited} rate-limited answers, ${stats.pauses} pauses, now ${stats.requestsPerMinute} of ${stats.configuredRequestsPerMinute} requests/min`);
  }
  if (report.failures.length > 0) {
    out.push('', 'Failed:');
    for (const failure of report.failures.slice(0, 50)) out.push(`  ${failure.target}: ${failure.error}`);
    if (report.failures.length > 50) out.push(`  … and ${report.failures.length - 50} more (see --json)`);
  }
  return `${out.join('\n')}\n`;
}
