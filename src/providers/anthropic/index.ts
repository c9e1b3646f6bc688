/** ChatModel over `@anthropic-ai/sdk` Messages (`messages.create`, one attempt per call). */
import Anthropic from '@anthropic-ai/sdk';
import type { ProviderSettings } from '../../config.js';
import { callWithDeadline, sdkTimeoutMs } from '../adapter-call.js';
import { label, missingKeyError, type AdapterIdentity } from '../adapter-errors.js';
import { fetchWithTimeouts } from '../http-timeouts.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model.js';
import { anthropicErrors } from './errors.js';
import { ANTHROPIC_BASE_URL, buildMessagesRequest } from './request.js';
import { anthropicBatchApi } from './batch.js';
import { messageResult } from './response.js';

export function createAnthropicModel(options: {
  modelId: string;
  settings: ProviderSettings;
  /** The call timeout the HTTP layer's own timeouts follow (`http-timeouts.ts`). */
  callTimeoutMs?: number | undefined;
}): ChatModel {
  const { modelId, settings } = options;
  const identity: AdapterIdentity = { provider: 'anthropic', modelId, settings };
  const client = settings.apiKey == null ? undefined : createClient(settings.apiKey, settings, options.callTimeoutMs);

  async function generate(request: ChatRequest): Promise<ChatResult> {
    if (client == null) throw missingKeyError(identity);
    const { body, warnings } = buildMessagesRequest(modelId, request);
    return callWithDeadline(identity, request, anthropicErrors, async (signal) => {
      const message = await client.messages.create(body, {
        // Explicit also because, without one, a large `max_tokens` makes the SDK throw before
        // sending ("streaming is required…").
        timeout: sdkTimeoutMs(request),
        signal,
        maxRetries: 0,
      });
      return messageResult(message, label(identity), request.output.name, warnings);
    });
  }

  const batch = anthropicBatchApi(() => client, identity);
  return { provider: 'anthropic', modelId, spec: `anthropic:${modelId}`, generate, batch };
}

function createClient(apiKey: string, settings: ProviderSettings, callTimeoutMs: number | undefined): Anthropic {
  return new Anthropic({
    // Always explicit: without one the SDK walks a credential chain (profile files, workload
    // identity) at the first request.
    apiKey,
    // Explicit, so the SDK does not fall back to ANTHROPIC_BASE_URL on its own.
    baseURL: settings.baseUrl ?? ANTHROPIC_BASE_URL,
    // Node's fetch would otherwise stop waiting at 300 s whatever timeout we give.
    fetch: fetchWithTimeouts(callTimeoutMs),
    // Retries (with a capped retry-after) live in our retry layer.
    maxRetries: 0,
  });
}
