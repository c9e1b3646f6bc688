/**
 * `deferModel`: the ChatModel a batch-api run gives `runReview`. A call's first attempt goes to
 * the model's provider batch (through its collector) and waits for it; everything else goes to
 * the online `generate`, bounded by the ask loop as usual:
 *   - a re-ask after an invalid answer (the request carries the model's earlier answer),
 *   - a length re-ask (the same request with a raised output limit),
 *   - a retry after the batch item's own retryable error,
 *   - an item the batch did not run (expired, cancelled, batch failed, submit refused).
 * Online answers in this mode carry their table price as `providerCostUsd`, so a call mixed of
 * a batch answer and an online re-ask is priced per call (batch-codec.ts).
 */
import { createHash } from 'node:crypto';
import type { ChatModel, ChatRequest, ChatResult } from '../providers/index.js';
import type { BatchPrice } from './batch-codec.js';
import type { BatchCollector } from './provider-batches.js';

/** The request as sent to a provider: what the customId is a hash of. */
function body(request: ChatRequest, withLimit: boolean): string {
  const { system, messages, output, temperature, maxOutputTokens, cacheKey } = request;
  return JSON.stringify([system, messages, output, temperature ?? null, withLimit ? maxOutputTokens : null, cacheKey ?? null]);
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Deterministic per run, model and request body; ≤ 64 characters of [A-Za-z0-9_-] (the contract's rule). */
export function customIdOf(runId: number, spec: string, request: ChatRequest): string {
  return `r${runId}-${hash(`${spec}\n${body(request, true)}`).slice(0, 40)}`;
}

export interface DeferredCounts {
  /** Calls answered by a provider batch (or the store of one). */
  batch: number;
  /** Calls that went to the online path in this mode. */
  online: number;
}

export function deferModel(online: ChatModel, collector: BatchCollector | undefined, price: BatchPrice, counts: DeferredCounts): ChatModel {
  // Request bodies (output limit aside) whose first attempt went to the batch in this process.
  const firstAttempts = new Map<string, string>();
  // customIds whose batch error this process has handed out: asking again is a retry.
  const erred = new Set<string>();
  const generateOnline = async (request: ChatRequest): Promise<ChatResult> => {
    counts.online += 1;
    const result = await online.generate(request);
    if (result.providerCostUsd !== undefined) return result;
    const costUsd = price(result.usage, undefined);
    return costUsd === undefined ? result : { ...result, providerCostUsd: costUsd };
  };
  return {
    provider: online.provider,
    modelId: online.modelId,
    spec: online.spec,
    async generate(request: ChatRequest): Promise<ChatResult> {
      if (collector == null) return generateOnline(request);
      const isReask = request.messages.some((message) => message.role === 'assistant');
      const customId = customIdOf(collector.runId, online.spec, request);
      const base = hash(body(request, false));
      const earlier = firstAttempts.get(base);
      const lengthReask = earlier != null && earlier !== customId;
      if (isReask || lengthReask || erred.has(customId)) return generateOnline(request);
      firstAttempts.set(base, customId);
      const answer = await collector.call(request, customId);
      if (answer.kind === 'ok') {
        counts.batch += 1;
        return answer.result;
      }
      if (answer.kind === 'error') {
        counts.batch += 1;
        erred.add(customId);
        throw answer.error;
      }
      return generateOnline(request);
    },
  };
}
