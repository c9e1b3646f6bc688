/** ChatModel over `@google/genai` (`models.generateContent`, Gemini Developer API, one attempt). */
import { GoogleGenAI } from '@google/genai';
import type { ProviderSettings } from '../../config.js';
import { callWithDeadline } from '../adapter-call.js';
import { label, missingKeyError, type AdapterIdentity } from '../adapter-errors.js';
import { fetchWithTimeouts } from '../http-timeouts.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model.js';
import { googleErrors, recordFailedResponses } from './errors.js';
import { buildGenerateContentRequest } from './request.js';
import { googleBatchApi } from './batch.js';
import { responseResult } from './response.js';

export function createGoogleModel(options: {
  modelId: string;
  settings: ProviderSettings;
  /** The call timeout the HTTP layer's own timeouts follow (`http-timeouts.ts`). */
  callTimeoutMs?: number | undefined;
}): ChatModel {
  const { modelId, settings } = options;
  const identity: AdapterIdentity = { provider: 'google', modelId, settings };
  const transport = fetchWithTimeouts(options.callTimeoutMs);
  const client = settings.apiKey == null ? undefined : createClient(settings.apiKey, settings, transport);

  async function generate(request: ChatRequest): Promise<ChatResult> {
    if (client == null) throw missingKeyError(identity);
    // The SDK also enforces `httpOptions.timeout` (body included); ours covers the caller's signal.
    return callWithDeadline(identity, request, googleErrors, async (signal) => {
      const failed = recordFailedResponses(transport);
      const { parameters, warnings } = buildGenerateContentRequest(modelId, request, signal, failed.fetch);
      const response = await client.models.generateContent(parameters).catch((error: unknown) => {
        throw failed.attach(error);
      });
      return responseResult(response, label(identity), warnings);
    });
  }

  const batch = googleBatchApi(() => client, identity, transport);
  return { provider: 'google', modelId, spec: `google:${modelId}`, generate, batch };
}

function createClient(apiKey: string, settings: ProviderSettings, transport: typeof fetch): GoogleGenAI {
  return new GoogleGenAI({
    // Always explicit: without a key the SDK falls back to Google application credentials.
    apiKey,
    // Explicit, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch backends.
    vertexai: false,
    // No retryOptions: the SDK does not retry without them, and retries live above us.
    httpOptions: {
      ...(settings.baseUrl != null ? { baseUrl: settings.baseUrl } : {}),
      // Replaces the SDK's own dispatcher, which switches these timeouts off, by one that
      // follows ours like the other SDKs'.
      fetch: transport,
    },
  });
}
