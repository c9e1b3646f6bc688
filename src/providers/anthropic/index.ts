/** ChatModel over `@anthropic-ai/sdk` Messages (`messages.create`, one attempt per call). */
import Anthropic from '@anthropic-ai/sdk';
import type { ProviderSettings } from '../../config.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model.js';
import { label, missingKeyError, toProviderError, type ErrorContext } from './errors.js';
import { buildMessagesRequest } from './request.js';
import { readAnswer } from './response.js';
import { convertUsage } from './usage.js';

export function createAnthropicModel(options: {
  modelId: string;
  settings: ProviderSettings;
}): ChatModel {
  const { modelId, settings } = options;
  const client =
    settings.apiKey == null
      ? undefined
      : new Anthropic({
          // Always explicit: without one the SDK walks a credential chain (profile files,
          // workload identity) at the first request.
          apiKey: settings.apiKey,
          // Explicit, so the SDK does not fall back to ANTHROPIC_BASE_URL on its own.
          baseURL: settings.baseUrl ?? 'https://api.anthropic.com',
          // Retries (with a capped retry-after) live in our retry layer.
          maxRetries: 0,
        });

  async function generate(request: ChatRequest): Promise<ChatResult> {
    if (client == null) throw missingKeyError(modelId, settings);
    const { body, warnings } = buildMessagesRequest(modelId, request);

    // Our own deadline as well as the SDK's: the SDK's stops at the response headers.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, deadline.signal])
      : deadline.signal;
    const context = (): ErrorContext => ({
      modelId,
      settings,
      aborted: request.signal?.aborted === true,
      timedOut: deadline.signal.aborted,
    });
    try {
      const message = await client.messages.create(body, {
        // Explicit also because, without one, a large `max_tokens` makes the SDK throw before
        // sending ("streaming is required…").
        timeout: Math.max(1, Math.ceil(request.timeoutMs)),
        signal,
        maxRetries: 0,
      });
      return {
        ...readAnswer(message, label(modelId)),
        usage: convertUsage(message.usage),
        warnings,
        responseId: message.id || undefined,
      };
    } catch (error) {
      throw toProviderError(error, context());
    } finally {
      clearTimeout(timer);
    }
  }

  return { provider: 'anthropic', modelId, spec: `anthropic:${modelId}`, generate };
}
