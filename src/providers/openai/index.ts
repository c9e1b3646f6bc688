/**
 * ChatModel over the `openai` SDK's Chat Completions, for OpenAI and the servers that speak its
 * wire format through another base URL (OpenRouter, Ollama).
 */
import OpenAI from 'openai';
import type { ProviderSettings } from '../../config.js';
import { callWithDeadline, sdkTimeoutMs } from '../adapter-call.js';
import { missingKeyError } from '../adapter-errors.js';
import { fetchWithTimeouts } from '../http-timeouts.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model.js';
import { openAIErrors } from './errors.js';
import { buildChatCompletionRequest, type OpenAICompatibleProvider } from './request.js';
import { openAIBatchApi } from './batch.js';
import { completionResult } from './response.js';

/** Used when settings carry no base URL, so the SDK never falls back to `OPENAI_BASE_URL`. */
const DEFAULT_BASE_URLS: Record<OpenAICompatibleProvider, string> = {
  openai: 'https://api.openai.com/v1',
  openrouter: 'https://openrouter.ai/api/v1',
  ollama: 'http://127.0.0.1:11434/v1',
};

export function createOpenAIModel(options: {
  provider: OpenAICompatibleProvider;
  modelId: string;
  settings: ProviderSettings;
  /** The call timeout the HTTP layer's own timeouts follow (`http-timeouts.ts`). */
  callTimeoutMs?: number | undefined;
}): ChatModel {
  const { provider, modelId, settings } = options;
  // Ollama ignores the key, but the SDK refuses to start without one.
  const apiKey = settings.apiKey ?? (provider === 'ollama' ? 'ollama' : undefined);
  const client = apiKey == null ? undefined : createClient(provider, apiKey, settings, options.callTimeoutMs);

  async function generate(request: ChatRequest): Promise<ChatResult> {
    if (client == null) throw missingKeyError(options);
    const { body, warnings } = buildChatCompletionRequest(provider, modelId, request);
    return callWithDeadline(options, request, openAIErrors, async (signal) => {
      const completion = await client.chat.completions.create(body, {
        timeout: sdkTimeoutMs(request),
        signal,
        maxRetries: 0,
      });
      return completionResult(completion, options, warnings);
    });
  }

  // OpenRouter and Ollama have no `/v1/batches`; their models stay online-only.
  const batch = provider === 'openai' ? openAIBatchApi(() => client, options) : undefined;
  return { provider, modelId, spec: `${provider}:${modelId}`, generate, ...(batch ? { batch } : {}) };
}

function createClient(
  provider: OpenAICompatibleProvider,
  apiKey: string,
  settings: ProviderSettings,
  callTimeoutMs: number | undefined,
): OpenAI {
  const thirdParty = provider !== 'openai';
  return new OpenAI({
    apiKey,
    baseURL: settings.baseUrl ?? DEFAULT_BASE_URLS[provider],
    // Node's fetch would otherwise stop waiting at 300 s whatever timeout we give.
    fetch: fetchWithTimeouts(callTimeoutMs),
    // Retries (with a capped retry-after) live in our retry layer; the SDK's would multiply them.
    maxRetries: 0,
    // The SDK would read OPENAI_ORG_ID / OPENAI_PROJECT_ID and send them to any base URL; an
    // OpenAI organisation id has no business going to a third party.
    ...(thirdParty ? { organization: null, project: null } : {}),
    // Lets OpenRouter attribute the traffic to the app on its dashboard.
    ...(provider === 'openrouter' ? { defaultHeaders: { 'X-Title': 'Ship or Skip' } } : {}),
  });
}
