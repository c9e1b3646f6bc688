/**
 * Which providers have a batch interface, and how many requests one batch may hold. Kept apart
 * from the adapters so `lazy-adapter.ts` can say whether a model has `batch` (and its limit)
 * without importing an SDK.
 */
import type { ProviderName } from '../config.js';

export const BATCH_MAX_REQUESTS: Partial<Record<ProviderName, number>> = {
  // @see https://platform.openai.com/docs/guides/batch (50,000 requests, 200 MB per file)
  openai: 50_000,
  // @see https://platform.claude.com/docs/en/build-with-claude/batch-processing (100,000 or 256 MB)
  anthropic: 100_000,
  // Inline requests must stay under 20 MB in all (ai.google.dev/gemini-api/docs/batch-mode);
  // a persona request is ~15-30 KB, so a few hundred per batch keeps well inside it.
  google: 500,
  // OpenRouter and Ollama: no batch interface (OpenRouter documents none; Ollama has none).
};
