/**
 * One structured answer from one model: call (with retries) → parse JSON → validate with zod
 * and the caller's own rules → on failure, re-ask with the validation issues, a bounded number
 * of times. Usage is summed over every attempt, so a failed persona's tokens are still counted.
 * Never throws for a provider failure: the result says what happened.
 */
import { z } from 'zod';
import { ProviderError, InvalidAnswerError } from '../errors.js';
import { safeJsonParse } from '../json-file.js';
import { addTokenUsage, emptyTokenUsage } from './model.js';
import type { ChatModel, ChatRequest, TokenUsage } from './model.js';
import { withRetries, type RetryHooks, type RetryPolicy } from './retry.js';

export interface AskOptions<T> {
  schema: z.ZodType<T>;
  /** Names the structured output for the provider (letters, digits, `_`, `-`). */
  name: string;
  description: string;
  /** Semantic checks the JSON Schema cannot express; each string is one issue. */
  check?: (value: T) => string[];
  /**
   * Quality checks an answer should pass but may fail: their issues are re-asked like the
   * others, but once the re-asks for them are spent the answer is accepted and the issues come
   * back as `softIssues` (for the caller to flag) instead of failing the call. Runs only on an
   * answer that passed the schema and `check`.
   */
  softCheck?: (value: T) => string[];
  /** Re-asks after the first answer (default 2). */
  maxReasks?: number;
  /** Re-asks spent on soft issues alone, within `maxReasks` (default: `maxReasks`). */
  maxSoftReasks?: number;
  retry: RetryPolicy;
  hooks?: RetryHooks;
  now?: () => number;
}

export type AskResult<T> =
  | {
      ok: true;
      value: T;
      text: string;
      usage: TokenUsage;
      calls: number;
      latencyMs: number;
      warnings: string[];
      /** What `softCheck` still found in the accepted answer; empty when it passed. */
      softIssues: string[];
    }
  | { ok: false; error: ProviderError; usage: TokenUsage; calls: number; latencyMs: number; warnings: string[] };

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown>>();

/** JSON Schema for a zod schema, built once per schema. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let jsonSchema = schemaCache.get(schema);
  if (!jsonSchema) {
    jsonSchema = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
    schemaCache.set(schema, jsonSchema);
  }
  return jsonSchema;
}

/** Validation issues of one answer text, or the value when it is valid. */
export function validateAnswer<T>(
  text: string,
  schema: z.ZodType<T>,
  check?: (value: T) => string[],
): { ok: true; value: T } | { ok: false; issues: string[] } {
  const parsed = safeJsonParse(text.trim());
  if (!parsed.ok) return { ok: false, issues: [`the answer is not valid JSON (${parsed.error})`] };
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const issues = check?.(result.data) ?? [];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: result.data };
}

function reask(request: ChatRequest, previous: string, issues: string[]): ChatRequest {
  return {
    ...request,
    messages: [
      ...request.messages,
      { role: 'assistant', parts: [{ text: previous || '(empty answer)' }] },
      {
        role: 'user',
        parts: [
          {
            text:
              `Your answer was invalid:\n- ${issues.join('\n- ')}\n` +
              'Answer again with only a JSON object that matches the schema and fixes these problems.',
          },
        ],
      },
    ],
  };
}

export async function askStructured<T>(
  model: ChatModel,
  base: Omit<ChatRequest, 'output'>,
  options: AskOptions<T>,
): Promise<AskResult<T>> {
  const now = options.now ?? Date.now;
  const started = now();
  const maxReasks = options.maxReasks ?? 2;
  const maxSoftReasks = options.maxSoftReasks ?? maxReasks;
  let softReasks = 0;
  // The last answer that passed every hard rule, kept in case a later re-ask breaks one.
  let acceptable: { value: T; text: string; softIssues: string[] } | undefined;
  let request: ChatRequest = {
    ...base,
    output: { name: options.name, description: options.description, jsonSchema: jsonSchemaOf(options.schema) },
  };
  let usage = emptyTokenUsage();
  let calls = 0;
  const warnings = new Set<string>();
  const done = { usage: () => usage, latency: () => now() - started };
  const accept = (answer: { value: T; text: string; softIssues: string[] }): AskResult<T> => ({
    ok: true,
    ...answer,
    usage,
    calls,
    latencyMs: done.latency(),
    warnings: [...warnings],
  });
  for (let round = 0; ; round++) {
    let text: string;
    try {
      const result = await withRetries(
        () => {
          calls++;
          return model.generate(request);
        },
        options.retry,
        options.hooks,
      );
      usage = addTokenUsage(usage, result.usage);
      result.warnings.forEach((warning) => warnings.add(warning));
      text = result.text;
    } catch (error) {
      const providerError =
        error instanceof ProviderError
          ? error
          : new ProviderError(`${model.spec}: ${error instanceof Error ? error.message : String(error)}`, {
              kind: 'network',
              retryable: false,
              cause: error,
            });
      return { ok: false, error: providerError, usage: done.usage(), calls, latencyMs: done.latency(), warnings: [...warnings] };
    }
    const verdict = validateAnswer(text, options.schema, options.check);
    if (verdict.ok) {
      const softIssues = options.softCheck?.(verdict.value) ?? [];
      acceptable = { value: verdict.value, text, softIssues };
      if (softIssues.length === 0 || softReasks >= maxSoftReasks || round >= maxReasks) return accept(acceptable);
      softReasks++;
      request = reask(request, text, softIssues);
      continue;
    }
    if (round >= maxReasks && acceptable) return accept(acceptable);
    if (round >= maxReasks) {
      const error = new InvalidAnswerError(
        `${model.spec} gave no valid answer after ${round + 1} tries: ${verdict.issues.join('; ')}`,
        text,
        verdict.issues,
      );
      return { ok: false, error, usage, calls, latencyMs: done.latency(), warnings: [...warnings] };
    }
    request = reask(request, text, verdict.issues);
  }
}
