/**
 * A provider batch's outcomes as stored rows (migration 040) and back, priced at the batch rate
 * once, when they are stored: a re-run reads the stored price instead of pricing again.
 *
 * Rates and discounts are data (`data/prices.json`, its `batch` section). The price travels as `ChatResult.providerCostUsd` (and `ProviderError.providerCostUsd`): it is
 * the one field the ask loop sums per call and prefers over the price table, so a persona whose
 * first answer came from a batch and whose re-ask went online is priced at each call's own rate.
 * The online calls of a batch-api run carry their table price the same way (deferred-model.ts).
 */
import { ProviderError, type ProviderErrorKind } from '../errors.js';
import type { BatchItemOutcome } from '../providers/batch-api.js';
import { batchRate, costOf, findRate, type BatchDiscounts, type ChatResult, type PriceTable, type TokenUsage } from '../providers/index.js';
import type { StoredOutcome } from '../store/index.js';

/** The cost of one call's usage; the provider's own figure wins; undefined when unpriced. */
export type BatchPrice = (usage: TokenUsage, providerCostUsd: number | undefined) => number | undefined;

/** A model's rate in a provider batch (`data/prices.json`'s `batch` section); its online rate when the provider has no batch price. */
export function batchRateOf(table: PriceTable, discounts: BatchDiscounts, spec: string): ReturnType<typeof findRate> {
  const rate = findRate(table, spec);
  const rule = discounts[spec.slice(0, spec.indexOf(':'))];
  return rate && rule ? batchRate(rate, rule) : rate;
}

export function batchPrice(table: PriceTable, discounts: BatchDiscounts, spec: string): BatchPrice {
  const rate = batchRateOf(table, discounts, spec);
  return (usage, providerCostUsd) => providerCostUsd ?? costOf(rate, usage);
}

export function onlinePrice(table: PriceTable, spec: string): BatchPrice {
  const rate = findRate(table, spec);
  return (usage, providerCostUsd) => providerCostUsd ?? costOf(rate, usage);
}

export function encodeResult(result: ChatResult, price: BatchPrice): { json: string; costUsd: number | undefined } {
  const costUsd = price(result.usage, result.providerCostUsd);
  const priced: ChatResult = { ...result, ...(costUsd !== undefined ? { providerCostUsd: costUsd } : {}) };
  return { json: JSON.stringify(priced), costUsd };
}

export function decodeResult(json: string): ChatResult {
  return JSON.parse(json) as ChatResult;
}

interface StoredError {
  message: string;
  kind: ProviderErrorKind;
  status?: number;
  retryable: boolean;
  hint?: string;
  usage?: TokenUsage;
  providerCostUsd?: number;
}

export function encodeError(error: ProviderError, price: BatchPrice): { json: string; costUsd: number | undefined } {
  const costUsd = error.usage ? price(error.usage, error.providerCostUsd) : error.providerCostUsd;
  const stored: StoredError = {
    message: error.message,
    kind: error.kind,
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    ...(error.usage ? { usage: error.usage } : {}),
    ...(costUsd !== undefined ? { providerCostUsd: costUsd } : {}),
  };
  return { json: JSON.stringify(stored), costUsd };
}

export function decodeError(json: string): ProviderError {
  const { message, ...options } = JSON.parse(json) as StoredError;
  return new ProviderError(message, options);
}

/** One outcome as its stored row: answered (priced), the item's own error (priced), or not run. */
export function storedOutcome(outcome: BatchItemOutcome, price: BatchPrice): StoredOutcome {
  if (outcome.ok) {
    const { json, costUsd } = encodeResult(outcome.result, price);
    return { customId: outcome.customId, state: 'ok', resultJson: json, ...(costUsd !== undefined ? { costUsd } : {}) };
  }
  if (outcome.notRun) return { customId: outcome.customId, state: 'not-run' };
  const { json, costUsd } = encodeError(outcome.error, price);
  return { customId: outcome.customId, state: 'error', errorJson: json, ...(costUsd !== undefined ? { costUsd } : {}) };
}
