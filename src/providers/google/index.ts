/** ChatModel over `@google/genai` (`models.generateContent`, Gemini Developer API, one attempt). */
import { GoogleGenAI } from '@google/genai';
import type { ProviderSettings } from '../../config.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model.js';
import { label, missingKeyError, toProviderError } from './errors.js';
import { buildGenerateContentRequest } from './request.js';
import { readAnswer } from './response.js';
import { convertUsage } from './usage.js';

export function createGoogleModel(options: { modelId: string; settings: ProviderSettings }): ChatModel {
  const { modelId, settings } = options;
  const client =
    settings.apiKey == null
      ? undefined
      : new GoogleGenAI({
          // Always explicit: without a key the SDK falls back to Google application credentials.
          apiKey: settings.apiKey,
          // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends.
          vertexai: false,
          // No retryOptions: the SDK does not retry without them, and retries live above us.
          ...(settings.baseUrl != null ? { httpOptions: { baseUrl: settings.baseUrl } } : {}),
        });

  async function generate(request: ChatRequest): Promise<ChatResult> {
    if (client == null) throw missingKeyError(modelId, settings);

    // The SDK also enforces `httpOptions.timeout` (body included); ours covers the caller's signal.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([request.signal, deadline.signal])
      : deadline.signal;
    const { parameters, warnings } = buildGenerateContentRequest(modelId, request, signal);
    try {
      const response = await client.models.generateContent(parameters);
      return {
        ...readAnswer(response, label(modelId)),
        usage: convertUsage(response.usageMetadata),
        warnings,
        responseId: response.responseId,
      };
    } catch (error) {
      throw toProviderError(error, { modelId, settings, aborted: request.signal?.aborted === true });
    } finally {
      clearTimeout(timer);
    }
  }

  return { provider: 'google', modelId, spec: `google:${modelId}`, generate };
}
