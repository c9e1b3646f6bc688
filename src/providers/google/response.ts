/**
 * GenerateContentResponse → answer text and finish reason. Gemini has no refusal field: a
 * blocked prompt comes back without candidates and with `promptFeedback.blockReason`, a blocked
 * answer with a filter finish reason (SAFETY, PROHIBITED_CONTENT, MODEL_ARMOR…) and usually no
 * parts. Both still bill the prompt (and any thoughts), so the errors carry the usage.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
import type { Candidate, GenerateContentResponse } from '@google/genai';
import { ProviderError } from '../../errors.js';
import type { ChatResult, FinishReason, TokenUsage } from '../model.js';
import { convertUsage } from './usage.js';

/**
 * Finish reasons that mean a filter stopped the answer, not the model finishing. MODEL_ARMOR
 * and JAILBREAK are not in the SDK's FinishReason enum (only in BlockedReason), but MODEL_ARMOR
 * comes back as a finish reason on a recorded answer.
 */
const FILTERED = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
  'MODEL_ARMOR',
  'JAILBREAK',
]);

export interface AnswerContext {
  /** `<provider> <model>`, the prefix of every error message. */
  label: string;
  /** Billed usage of this response, kept on the errors so a blocked call's cost is not lost. */
  usage: TokenUsage;
}

/** A response → ChatResult, online and in a batch alike; throws for a block or a filter stop. */
export function responseResult(response: GenerateContentResponse, label: string, warnings: string[]): ChatResult {
  const usage = convertUsage(response.usageMetadata);
  return { ...readAnswer(response, { label, usage }), usage, warnings, responseId: response.responseId };
}

export function readAnswer(
  response: GenerateContentResponse,
  context: AnswerContext,
): Pick<ChatResult, 'text' | 'finishReason'> {
  const { label, usage } = context;
  // We never ask for more than one candidate; the first is the answer.
  const candidate = response.candidates?.[0];
  if (candidate == null) {
    const blockReason = response.promptFeedback?.blockReason;
    if (blockReason != null) {
      const why = response.promptFeedback?.blockReasonMessage;
      throw new ProviderError(`${label}: the prompt was blocked (${blockReason})${why ? `: ${why}` : ''}`, {
        kind: 'refusal',
        usage,
      });
    }
    // Seen transiently on busy models: worth another attempt, like a 503.
    throw new ProviderError(`${label}: the answer has no candidates`, { kind: 'overloaded', usage });
  }
  const raw = candidate.finishReason ?? undefined;
  const unified = mapFinishReason(raw);
  if (unified === 'filter') {
    throw new ProviderError(`${label}: the answer was blocked (${raw})`, { kind: 'refusal', usage });
  }
  // A MAX_TOKENS stop returns what was written, possibly nothing when thoughts spent the limit,
  // with the length reason: the caller re-asks with more room.
  return { text: answerText(candidate), finishReason: { unified, raw } };
}

/** The text parts joined, thought summaries (`thought: true`) left out. */
function answerText(candidate: Candidate): string {
  // Not `response.text`: it writes console warnings for non-text parts.
  return (candidate.content?.parts ?? [])
    .flatMap((part) => (typeof part.text === 'string' && part.thought !== true ? [part.text] : []))
    .join('');
}

export function mapFinishReason(raw: string | undefined): FinishReason {
  if (raw === 'STOP') return 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (raw != null && FILTERED.has(raw)) return 'filter';
  if (raw === 'MALFORMED_FUNCTION_CALL' || raw === 'UNEXPECTED_TOOL_CALL' || raw === 'TOO_MANY_TOOL_CALLS') {
    return 'tool-calls';
  }
  return 'other';
}
