/** The readable summary of a review and of a dry-run plan. Pure: text in, text out. */
import type { Review, Usage } from '../schemas.js';
import type { ReviewPlan } from '../review/index.js';
import { terminalLine as line } from '../terminal-text.js';
// The pure claims view itself, not the editor's index: that one loads the web app, which
// `review` has no use for (start-up time).
import { buildGroundingView } from '../editor/claims-view.js';
import { formatClaims } from './print-claims.js';
import { confidenceText, routingLines, spreadLines } from './print-spread.js';

const number = (value: number): string => value.toLocaleString('en-US');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  return value < 0.01 ? `$${value.toFixed(5)}` : `$${value.toFixed(4)}`;
}

function formatUsage(usage: Usage): string {
  const unpriced = usage.unpriced?.length ? ` (+ calls on unpriced models: ${usage.unpriced.join(', ')})` : '';
  const writes = usage.cacheWriteInputTokens ? `, ${number(usage.cacheWriteInputTokens)} cache writes` : '';
  const reasoning = usage.reasoningTokens ? ` (${number(usage.reasoningTokens)} reasoning)` : '';
  const reported = usage.providerCostUsd ? ` (${formatUsd(usage.providerCostUsd)} as the provider reported it)` : '';
  return (
    `${number(usage.inputTokens)} in (${number(usage.cachedInputTokens)} cached${writes}) · ` +
    `${number(usage.outputTokens)} out${reasoning} · cost ${formatUsd(usage.costUsd)}${reported}${unpriced}`
  );
}

/** Wraps a quote to the terminal's reading width, indented under its persona row. */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let current = '';
  for (const word of line(text).split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.map((each) => indent + each).join('\n');
}

/** "Ship · 3 ship / 1 skip — 75% panel ship, mean score 71.25"; a panel nobody answered has no verdict. */
export function panelText(panel: Review['panel']): string {
  if (panel.verdict == null || panel.meanScore == null) return `${panel.label} — no persona answered`;
  return `${panel.label} — ${panel.shipPercent ?? 0}% panel ship, mean score ${Number(panel.meanScore.toFixed(2))}`;
}

export function formatReviewSummary(review: Review, options: { savedTo?: string | undefined } = {}): string {
  const { tool, panel } = review;
  const out: string[] = [];
  if (review.simulated) out.push('SIMULATED: these answers come from the built-in simulator, not from real models.', '');
  out.push(line(`${tool.name} — ${tool.tagline}`));
  out.push(line(`${tool.category} · ${tool.pricing.entry}${tool.pricing.detail ? ` (${tool.pricing.detail})` : ''} · best for: ${tool.bestFor}`));
  out.push(line(tool.url), '');
  const state = panel.complete ? '' : `  [INCOMPLETE: ${review.failures.length} persona(s) failed]`;
  out.push(`Panel: ${panelText(panel)}${state}`, '');
  const nameWidth = Math.max(8, ...review.reviews.map((each) => each.name.length));
  for (const each of review.reviews) {
    out.push(
      `  ${line(each.name).padEnd(nameWidth)}  ${String(each.score).padStart(3)}/100 · ${each.verdict.padEnd(4)}  ` +
        `${line(each.model)} · ${seconds(each.latencyMs)} · ${formatUsd(each.usage.costUsd)}${each.attempts > 1 ? ` · ${each.attempts} calls` : ''}${confidenceText(each)}`,
    );
    out.push(...spreadLines(each));
    out.push(wrap(`“${each.quote}”`, 88, '      '));
  }
  if (review.failures.length > 0) {
    out.push('', 'Failures (nothing was filled in for these personas):');
    for (const failure of review.failures) out.push(line(`  ${failure.persona}${failure.model ? ` (${failure.model})` : ''}: ${failure.error}`));
  }
  if (review.flags.length > 0) {
    out.push('', 'Flags for the editor:');
    for (const flag of review.flags) out.push(line(`  ${flag.kind}: ${flag.detail}`));
  }
  out.push('', ...formatClaims(buildGroundingView(review, review, new Map()), null));
  const routing = routingLines(review);
  if (routing.length > 0) out.push('', ...routing);
  out.push('', `Tokens: ${formatUsage(review.usage)}${review.timing ? ` · ${seconds(review.timing.totalMs)}` : ''}`);
  out.push(options.savedTo ? `Saved as draft ${review.id} in ${options.savedTo}` : `Not saved (review id ${review.id})`);
  return `${out.join('\n')}\n`;
}

export function formatPlan(plan: ReviewPlan): string {
  const out = [`Dry run for ${line(plan.target)}: no model is called, nothing is fetched or saved.`, ''];
  for (const call of plan.calls) {
    const who = call.step === 'profile' ? 'profile' : `${call.persona ?? ''}${call.run ? ` #${call.run}` : ''}`;
    out.push(
      `  ${line(who).padEnd(12)} ${line(call.model).padEnd(34)} ~${number(call.inputTokens)} in` +
        `${call.cachedInputTokens ? ` (~${number(call.cachedInputTokens)} cached)` : ''} · ~${number(call.outputTokens)} out · ` +
        (call.costUsd === undefined ? 'price unknown' : `~${formatUsd(call.costUsd)}`),
    );
  }
  out.push('', `Estimated cost: ~${formatUsd(plan.costUsd)} for ${plan.calls.length} calls`);
  for (const note of plan.notes) out.push(line(`Note: ${note}`));
  if (plan.missingKeys.length > 0) out.push(`Before a real run, set: ${plan.missingKeys.join(', ')}`);
  return `${out.join('\n')}\n`;
}
