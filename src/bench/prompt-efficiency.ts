/**
 * Prompt efficiency: the share of the four persona calls' input tokens that may be read from a
 * prompt cache, for real pages in fixtures/pages/.
 *
 * Each page is reviewed end to end against the simulator (child process); a recording wrapper
 * around each model keeps the persona requests exactly as the panel sent them to the adapters.
 * Eligible = the system text and every message part up to and including the one marked as the
 * cache breakpoint (the prefix shared by the four calls); input = the whole request. Both are
 * counted with the same estimate, ceil(characters / 4) — the simulator's own — on the same
 * joined text, so the share does not depend on the estimate's accuracy. The simulator's
 * reported input tokens are given beside them as a check.
 *
 * What the simulator says it read from cache is reported too (information, no target). On a
 * tool's first panel the four calls run in parallel and, as on the real APIs, a call reads
 * only what was answered before it arrived, so the calls of one panel miss each other's tool
 * prefix; the every-tool part (instructions, roster, scoring rule) may be read from earlier
 * tools' calls. The same tool reviewed again at once (a warm cache) shows the ceiling. The
 * actually-cached share over a whole batch, the target, is `cache-share.ts`.
 */
import path from 'node:path';
import type { ChatModel, ChatRequest } from '../providers/index.js';
import { createModel } from '../providers/index.js';
import { projectPaths } from '../paths.js';
import { assembleEngine } from '../engine/index.js';
import { loadReviewContext, runReview } from '../review/index.js';
import type { Review } from '../schemas.js';
import { benchCacheShare } from './cache-share.js';
import { figure, type Figure } from './figures.js';
import { startSimulatorProcess } from './sim-process.js';
import { benchConfig } from './setup.js';
import { estimateTokens, round, sum } from './stats.js';

const TARGET = 0.7;
const BENCHMARK = 'prompt efficiency';
/** Landing pages and READMEs of different sizes, HTML and Markdown. */
export const PAGES = ['aider-landing/page.html', 'dspy-landing/page.html', 'litellm/page.md', 'langfuse/README.md', 'ollama/README.md'];
const PERSONA_OUTPUT = 'persona_review';

/**
 * Eligible and total input tokens of one request. Eligible = the system text and the message
 * parts the request shares with every other call of its panel (`sharedParts`, counted from the
 * start), which is what the layout offers to a prompt cache whichever breakpoints a provider
 * places. Without `sharedParts`, every part up to the last one marked as a breakpoint.
 */
export function requestTokens(request: Pick<ChatRequest, 'system' | 'messages'>, sharedParts?: number): { eligible: number; input: number } {
  const texts = [request.system];
  let prefixParts = 1;
  for (const message of request.messages) {
    for (const part of message.parts) {
      texts.push(part.text);
      if (sharedParts === undefined && part.cacheBreakpoint) prefixParts = texts.length;
    }
  }
  if (sharedParts !== undefined) prefixParts = 1 + sharedParts;
  // Joined the way the simulator joins segments, so both counts use the same text.
  const joined = (count: number) => texts.slice(0, count).join('\n').length;
  return { eligible: estimateTokens(joined(prefixParts)), input: estimateTokens(joined(texts.length)) };
}

/** How many leading message parts every request of a panel has byte for byte in common. */
export function commonParts(requests: readonly Pick<ChatRequest, 'messages'>[]): number {
  const lists = requests.map((request) => request.messages.flatMap((message) => message.parts.map((part) => part.text)));
  const shortest = Math.min(...lists.map((list) => list.length));
  let count = 0;
  while (count < shortest && lists.every((list) => list[count] === lists[0]?.[count])) count += 1;
  return count;
}

export interface PageEfficiency {
  page: string;
  calls: number;
  eligibleTokens: number;
  inputTokens: number;
  share: number;
  /** What the simulator reported for the same calls. */
  reportedInputTokens: number;
  coldCachedTokens: number;
  warmCachedTokens: number;
}

export function pageEfficiency(page: string, requests: readonly ChatRequest[], cold: Review, warm: Review): PageEfficiency {
  const shared = commonParts(requests);
  const counts = requests.map((request) => requestTokens(request, shared));
  const eligibleTokens = sum(counts.map((count) => count.eligible));
  const inputTokens = sum(counts.map((count) => count.input));
  return {
    page,
    calls: requests.length,
    eligibleTokens,
    inputTokens,
    share: round(eligibleTokens / inputTokens, 4),
    reportedInputTokens: sum(cold.reviews.map((review) => review.usage.inputTokens)),
    coldCachedTokens: sum(cold.reviews.map((review) => review.usage.cachedInputTokens)),
    warmCachedTokens: sum(warm.reviews.map((review) => review.usage.cachedInputTokens)),
  };
}

export function promptFigures(pages: readonly PageEfficiency[]): Figure[] {
  const share = (pick: (page: PageEfficiency) => number, of: (page: PageEfficiency) => number) =>
    round(sum(pages.map(pick)) / sum(pages.map(of)), 4);
  const lowest = [...pages].sort((a, b) => a.share - b.share)[0];
  const note = `${pages.length} pages; lowest ${lowest?.page} ${lowest?.share}`;
  return [
    figure({ id: 'prompt-efficiency.eligible', benchmark: BENCHMARK, label: 'cache-eligible share of persona input tokens', value: share((page) => page.eligibleTokens, (page) => page.inputTokens), unit: '', target: { op: '>=', value: TARGET }, note }),
    figure({ id: 'prompt-efficiency.lowest-page', benchmark: BENCHMARK, label: `cache-eligible share, lowest page`, value: lowest?.share ?? Number.NaN, unit: '', target: { op: '>=', value: TARGET }, note }),
    figure({ id: 'prompt-efficiency.cold', benchmark: BENCHMARK, label: "cached share the simulator reported, a tool's first panel", value: share((page) => page.coldCachedTokens, (page) => page.reportedInputTokens), unit: '' }),
    figure({ id: 'prompt-efficiency.warm', benchmark: BENCHMARK, label: 'cached share the simulator reported, same tool again', value: share((page) => page.warmCachedTokens, (page) => page.reportedInputTokens), unit: '' }),
  ];
}

export async function benchPromptEfficiency(options: {
  pages?: readonly string[];
  /** The actually-cached share over a batch of this many generated tools, and panels for the warming comparison. */
  batch?: { tools: number; panels: number };
  log: (line: string) => void;
}): Promise<{ figures: Figure[]; details: { pages: PageEfficiency[]; batch?: Awaited<ReturnType<typeof benchCacheShare>>['details'] } }> {
  const pages = await benchPages(options);
  if (options.batch === undefined) return { figures: promptFigures(pages), details: { pages } };
  const batch = await benchCacheShare({ ...options.batch, log: options.log });
  return { figures: [...promptFigures(pages), ...batch.figures], details: { pages, batch: batch.details } };
}

async function benchPages(options: { pages?: readonly string[]; log: (line: string) => void }): Promise<PageEfficiency[]> {
  const simulator = await startSimulatorProcess({ latencyByProvider: { openai: 420, anthropic: 610, gemini: 350 } });
  try {
    const config = benchConfig(simulator.baseUrls);
    const context = await loadReviewContext();
    const engine = assembleEngine(config, context);
    const results: PageEfficiency[] = [];
    for (const page of options.pages ?? PAGES) {
      const requests: ChatRequest[] = [];
      const recording = (spec: string): ChatModel => {
        const model = createModel(spec, config);
        return {
          ...model,
          generate: (request) => {
            if (request.output.name === PERSONA_OUTPUT) requests.push(request);
            return model.generate(request);
          },
        };
      };
      const file = path.join(projectPaths.fixtures, 'pages', page);
      const cold = await runReview(file, {}, assembleEngine(config, context, { createModel: recording }));
      const personaRequests = [...requests];
      const warm = await runReview(file, {}, engine);
      if (!cold.panel.complete || personaRequests.length !== context.personas.length) {
        throw new Error(`prompt efficiency: ${page} did not give one complete call per persona`);
      }
      results.push(pageEfficiency(page, personaRequests, cold, warm));
    }
    options.log(`prompt efficiency: ${results.map((result) => `${result.page} ${result.share}`).join(', ')}`);
    return results;
  } finally {
    await simulator.close();
  }
}
