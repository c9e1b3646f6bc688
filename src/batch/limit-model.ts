/**
 * `limitModel(model, limiter)`: a ChatModel that waits for the run's shared limiter before
 * each attempt and reports back what happened. Passed to `runReview` through
 * `deps.createModel`, so the providers stage knows nothing of batches. Errors are rethrown
 * untouched: the normal retry loop above still decides whether and when to retry.
 */
import { ProviderError } from '../errors.js';
import type { ChatModel, ChatRequest, ChatResult } from '../providers/index.js';
import type { RateLimiter } from './limiter.js';

/** Rough tokens for English text, for reserving token budget before a call (settled after). */
const CHARS_PER_TOKEN = 4;

/** What a call may use at most: its prompt's estimated tokens plus its output allowance. */
export function estimateRequestTokens(request: ChatRequest): number {
  let chars = request.system.length;
  for (const message of request.messages) for (const part of message.parts) chars += part.text.length;
  return Math.ceil(chars / CHARS_PER_TOKEN) + request.maxOutputTokens;
}

export function limitModel(model: ChatModel, limiter: RateLimiter): ChatModel {
  return {
    provider: model.provider,
    modelId: model.modelId,
    spec: model.spec,
    async generate(request: ChatRequest): Promise<ChatResult> {
      const permit = await limiter.acquire(model.provider, estimateRequestTokens(request), request.signal);
      let result: ChatResult;
      try {
        result = await model.generate(request);
      } catch (error) {
        if (error instanceof ProviderError && error.kind === 'rate-limit') limiter.rateLimited(permit, error.retryAfterMs);
        else limiter.failed(permit);
        throw error;
      }
      limiter.succeeded(permit, result.usage.inputTokens + result.usage.outputTokens);
      return result;
    },
  };
}
