/** Token usage → USD, from the editable price table in data/prices.json. */
import { z } from 'zod';
import { readJsonFile } from '../json-file.js';
import type { Usage } from '../schemas.js';
import type { TokenUsage } from './model.js';

const Rate = z.object({
  input: z.number().nonnegative(),
  cachedInput: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
  output: z.number().nonnegative(),
});
export type Rate = z.infer<typeof Rate>;

const PriceFile = z.object({ models: z.record(z.string(), Rate) });

const CacheRule = z.enum(['discounted', 'standard']);
const BatchDiscount = z.object({
  /** Multiplies the input and output rates (0.5: half price). */
  discount: z.number().positive().max(1),
  /** Whether cache reads / writes get the discount too, or bill as online. */
  cacheReads: CacheRule,
  cacheWrites: CacheRule,
  source: z.string().min(1),
});
export type BatchDiscount = z.infer<typeof BatchDiscount>;
const BatchFile = z.object({ batch: z.object({ providers: z.record(z.string(), BatchDiscount) }) });

/** Each provider's batch discount, keyed by provider name (`openai`, `anthropic`, `google`). */
export type BatchDiscounts = Record<string, BatchDiscount>;

/** The `batch` section of data/prices.json. */
export async function loadBatchDiscounts(file: string): Promise<BatchDiscounts> {
  return (await readJsonFile(file, BatchFile)).batch.providers;
}

/** A rate as a batch bills it: input and output discounted, cache rates as the provider's rule says. */
export function batchRate(rate: Rate, rule: BatchDiscount): Rate {
  const cut = (value: number, applies: boolean) => (applies ? value * rule.discount : value);
  return {
    input: cut(rate.input, true),
    output: cut(rate.output, true),
    cachedInput: cut(rate.cachedInput, rule.cacheReads === 'discounted'),
    cacheWrite: cut(rate.cacheWrite, rule.cacheWrites === 'discounted'),
  };
}

export interface PriceOptions {
  /**
   * The call ran in a provider batch (`ChatResult.batch`): priced at the provider's batch
   * rate from these discounts. A provider without an entry is priced online.
   */
  batch?: BatchDiscounts | undefined;
}

/** Rates in USD per million tokens, keyed by `provider:model` (`provider:prefix*` allowed). */
export type PriceTable = Record<string, Rate>;

export async function loadPriceTable(file: string): Promise<PriceTable> {
  return (await readJsonFile(file, PriceFile)).models;
}

export function findRate(table: PriceTable, spec: string): Rate | undefined {
  const exact = table[spec];
  if (exact) return exact;
  // Longest matching prefix wins, so `openai:gpt-5*` can be refined by `openai:gpt-5.4*`.
  let best: { length: number; rate: Rate } | undefined;
  for (const [key, rate] of Object.entries(table)) {
    if (!key.endsWith('*')) continue;
    const prefix = key.slice(0, -1);
    if (spec.startsWith(prefix) && (!best || prefix.length > best.length)) best = { length: prefix.length, rate };
  }
  return best?.rate;
}

/** Cost of one call's tokens; `undefined` when the model has no price (never guessed). */
export function costOf(rate: Rate | undefined, usage: TokenUsage): number | undefined {
  if (!rate) return undefined;
  const uncached = Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteInputTokens);
  const dollars =
    (uncached * rate.input +
      usage.cachedInputTokens * rate.cachedInput +
      usage.cacheWriteInputTokens * rate.cacheWrite +
      usage.outputTokens * rate.output) /
    1_000_000;
  return roundUsd(dollars);
}

/**
 * The stored `Usage` of one model's calls, at the online rate or (with `options.batch`) the
 * provider's batch rate. The provider's own cost, when it reported one for
 * every call (`AskResult.providerCostUsd`), wins over the table: it is what was billed,
 * discounts and upstream surcharges included. It is kept as `providerCostUsd` too, so the
 * stored figure says where it came from.
 */
export function priceUsage(
  table: PriceTable,
  spec: string,
  usage: TokenUsage,
  providerCostUsd?: number,
  options: PriceOptions = {},
): Usage {
  const tokens = {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cachedInputTokens: usage.cachedInputTokens,
    cacheWriteInputTokens: usage.cacheWriteInputTokens,
    reasoningTokens: usage.reasoningTokens,
  };
  if (providerCostUsd !== undefined) {
    const cost = roundUsd(providerCostUsd);
    return { ...tokens, costUsd: cost, providerCostUsd: cost };
  }
  const online = findRate(table, spec);
  const rule = options.batch?.[spec.slice(0, spec.indexOf(':'))];
  const cost = costOf(online && rule ? batchRate(online, rule) : online, usage);
  return { ...tokens, costUsd: cost ?? 0, ...(cost === undefined ? { unpriced: [spec] } : {}) };
}

export const zeroUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteInputTokens: 0,
  costUsd: 0,
});

export function sumUsage(items: readonly Usage[]): Usage {
  const total = zeroUsage();
  let reasoning = 0;
  let providerCost = 0;
  let anyProviderCost = false;
  const unpriced = new Set<string>();
  for (const item of items) {
    total.inputTokens += item.inputTokens;
    total.outputTokens += item.outputTokens;
    total.cachedInputTokens += item.cachedInputTokens;
    total.cacheWriteInputTokens = (total.cacheWriteInputTokens ?? 0) + (item.cacheWriteInputTokens ?? 0);
    reasoning += item.reasoningTokens ?? 0;
    total.costUsd += item.costUsd;
    if (item.providerCostUsd !== undefined) {
      anyProviderCost = true;
      providerCost += item.providerCostUsd;
    }
    for (const spec of item.unpriced ?? []) unpriced.add(spec);
  }
  total.costUsd = roundUsd(total.costUsd);
  return {
    ...total,
    reasoningTokens: reasoning,
    ...(anyProviderCost ? { providerCostUsd: roundUsd(providerCost) } : {}),
    ...(unpriced.size > 0 ? { unpriced: [...unpriced].sort() } : {}),
  };
}

const roundUsd = (dollars: number): number => Math.round(dollars * 1e8) / 1e8;
