/**
 * Thinking on Gemini: thoughts are output tokens and count against `maxOutputTokens`, so a
 * thinking model left on its defaults can spend the whole limit thinking and answer with no
 * parts (`MAX_TOKENS`, seen on 2.5 Pro). Each family gets a bounded setting and the same number
 * of tokens added to the limit, so the caller's `maxOutputTokens` stays the answer's own.
 *
 * - Gemini 2.5 takes `thinkingBudget` (tokens; Pro cannot turn it off, its minimum is 128).
 * - Gemini 3 and later take `thinkingLevel`; every model of the family accepts LOW (3 Pro only
 *   LOW and HIGH, 3.7 Flash no MINIMAL). A level is not a hard cap, hence a fixed headroom.
 * - Flash-Lite models think little or not at all by default and are left on it.
 * - Before 2.5 there is no thinking; an id without a version (`gemini-flash-latest`) may name a
 *   thinking model, so it gets the headroom but no setting it might reject.
 * The two fields are never sent together: the API rejects that with a 400.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
import { ThinkingLevel, type ThinkingConfig } from '@google/genai';

/** Plenty for a short structured verdict; the answer itself is a few hundred tokens. */
export const THINKING_BUDGET = 1024;
/** Room for thoughts at LOW, which typically stay within a few hundred tokens. */
export const THINKING_HEADROOM = 2048;

export interface ThinkingPlan {
  config: ThinkingConfig | undefined;
  /** Added to the caller's `maxOutputTokens`. */
  headroom: number;
}

export function thinkingPlan(modelId: string): ThinkingPlan {
  const version = /gemini-(\d+)(?:\.(\d+))?/i.exec(modelId);
  const lite = /flash-lite/i.test(modelId);
  if (version == null) {
    return { config: undefined, headroom: /gemini/i.test(modelId) ? THINKING_HEADROOM : 0 };
  }
  const major = Number(version[1]);
  const minor = Number(version[2] ?? 0);
  if (major >= 3) {
    return { config: lite ? undefined : { thinkingLevel: ThinkingLevel.LOW }, headroom: THINKING_HEADROOM };
  }
  if (major === 2 && minor >= 5) {
    return lite
      ? { config: undefined, headroom: 0 }
      : { config: { thinkingBudget: THINKING_BUDGET }, headroom: THINKING_BUDGET };
  }
  return { config: undefined, headroom: 0 };
}
