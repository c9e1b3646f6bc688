/**
 * GenerateContentResponse → answer text and finish reason. Gemini has no refusal field: a
 * blocked prompt comes back without candidates, a blocked answer with a safety finish reason.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
import type { GenerateContentResponse } from '@google/genai';
import { ProviderError } from '../../errors.js';
import type { ChatResult, FinishReason } from '../model.js';

/** Finish reasons that mean a filter stopped the answer, not the model finishing. */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

export function readAnswer(
  response: GenerateContentResponse,
  label: string,
): Pick<ChatResult, 'text' | 'finishReason'> {
  const candidate = response.candidates?.[0];
  const blockReason = response.promptFeedback?.blockReason;
  if (candidate == null && blockReason != null) {
    throw new ProviderError(`${label}: the prompt was blocked (${blockReason})`, {
      kind: 'refusal',
    });
  }
  const raw = candidate?.finishReason ?? undefined;
  if (raw != null && FILTERED.has(raw)) {
    throw new ProviderError(`${label}: the answer was blocked (${raw})`, { kind: 'refusal' });
  }
  // `response.text` would do the same, but it writes console warnings for non-text parts.
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text)
    .join('');
  return { text, finishReason: { unified: mapFinishReason(raw), raw } };
}

export function mapFinishReason(raw: string | undefined): FinishReason {
  if (raw === 'STOP') return 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (raw != null && FILTERED.has(raw)) return 'filter';
  if (raw === 'MALFORMED_FUNCTION_CALL' || raw === 'UNEXPECTED_TOOL_CALL') return 'tool-calls';
  return 'other';
}
