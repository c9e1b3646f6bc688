/**
 * The comparison's verdict line: one structured call ("which one should you ship with?") from
 * the two panels as the page shows them. Wording lives in `prompts/comparison.md`; the answer
 * is validated with zod, re-asked when it breaks a rule, and saved as a draft for an editor.
 */
import { ProviderError } from '../errors.js';
import { askStructured, priceUsage, type ChatModel, type ChatRequest, type PriceTable, type RetryPolicy } from '../providers/index.js';
import { delimitUntrusted, renderTemplate, type PromptTemplate } from '../templates/index.js';
import type { WrittenLine } from './actions.js';
import { VerdictLineAnswer, type ComparisonPage, type ToolCard } from './schemas.js';

/** The placeholders `prompts/comparison.md` may use. */
export const COMPARISON_VARIABLES = ['material'] as const;

export interface VerdictLineDeps {
  model: ChatModel;
  template: PromptTemplate;
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  signal?: AbortSignal;
}

function toolBlock(card: ToolCard, index: number, page: ComparisonPage): string {
  const pricing = card.pricing === card.entry ? card.entry : `${card.entry} — ${card.pricing}`;
  const reviewers = page.scorecard.flatMap((row) => {
    const cell = row.cells[index];
    return cell == null ? [] : [`- ${row.name}: ${cell.text} — "${cell.quote}"`];
  });
  const lines = [
    `Tool: ${card.name}`,
    `Tagline: ${card.tagline}`,
    `Category: ${card.category}`,
    `Pricing: ${pricing}`,
    `Best for: ${card.bestFor}`,
    `Description: ${card.description}`,
    `Panel verdict: ${card.panelLabel} (${card.shipPercentText} panel ship)`,
    `Community: ${card.community.text}`,
    'Reviewers:',
    ...reviewers,
  ];
  return delimitUntrusted(`tool ${index === 0 ? 'A' : 'B'}`, lines.join('\n'));
}

/** The request for one page (which must not carry a line yet). Pure. */
export function buildVerdictLineRequest(page: ComparisonPage, template: PromptTemplate): Pick<ChatRequest, 'system' | 'messages'> {
  const material = page.tools.map((card, index) => toolBlock(card, index, page)).join('\n\n');
  return {
    system: renderTemplate(template.system, { material }),
    messages: [{ role: 'user', parts: [{ text: renderTemplate(template.user, { material }) }] }],
  };
}

/** Hard rules the JSON Schema cannot say. */
export function verdictLineIssues(answer: VerdictLineAnswer): string[] {
  return /[\r\n]/.test(answer.verdictLine) ? ['verdictLine: must be a single line, without line breaks'] : [];
}

/** Quality rules: re-asked once, then accepted (an editor reads every line before it is published). */
export function verdictLineSoftIssues(answer: VerdictLineAnswer, page: ComparisonPage): string[] {
  const text = answer.verdictLine.toLowerCase();
  const missing = page.tools.filter((card) => !text.includes(card.name.toLowerCase())).map((card) => card.name);
  return missing.length === 0 ? [] : [`verdictLine: name both tools as the material spells them (missing: ${missing.join(', ')})`];
}

/** Asks the model for the page's verdict line. Throws `ProviderError` when no valid line came back. */
export async function writeVerdictLine(page: ComparisonPage, deps: VerdictLineDeps): Promise<WrittenLine> {
  const request = buildVerdictLineRequest(page, deps.template);
  const answer = await askStructured(
    deps.model,
    {
      ...request,
      temperature: 0.4,
      maxOutputTokens: deps.template.maxOutputTokens,
      timeoutMs: deps.timeoutMs,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    {
      schema: VerdictLineAnswer,
      name: 'comparison_verdict_line',
      description: 'The one-line verdict of a comparison page: which of the two tools to ship with.',
      check: verdictLineIssues,
      softCheck: (value) => verdictLineSoftIssues(value, page),
      maxSoftReasks: 1,
      retry: deps.retry,
      ...(deps.signal ? { hooks: { signal: deps.signal } } : {}),
    },
  );
  if (!answer.ok) {
    throw new ProviderError(`verdict line: ${answer.error.message}`, {
      kind: answer.error.kind,
      retryable: false,
      ...(answer.error.hint ? { hint: answer.error.hint } : {}),
      cause: answer.error,
    });
  }
  return {
    text: answer.value.verdictLine.trim(),
    model: deps.model.spec,
    usage: priceUsage(deps.prices, deps.model.spec, answer.usage, answer.providerCostUsd),
    promptVersion: deps.template.version,
  };
}
