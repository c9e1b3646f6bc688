/**
 * One structured answer from one model: call (with retries) → parse JSON → validate with zod
 * and the caller's own rules → on failure, re-ask with the validation issues, a bounded number
 * of times. A length stop is re-asked once with more output headroom. Usage is summed over every
 * attempt, failed ones included (a refusal or a length stop is billed), so a failed persona's
 * tokens and cost are still counted. Never throws for a provider failure: the result says what
 * happened.
 */
import { z } from 'zod';
import { ProviderError, InvalidAnswerError } from '../errors.js';
import { safeJsonParse } from '../json-file.js';
import { addTokenUsage, emptyTokenUsage } from './model.js';
import type { ChatModel, ChatRequest, ChatResult, TokenUsage } from './model.js';
import { withRetries, type RetryHooks, type RetryPolicy } from './retry.js';

export interface AskOptions<T> {
  /** What an answer is validated against. */
  schema: z.ZodType<T>;
  /**
   * The schema whose JSON Schema is sent, when it asks for more than `schema` accepts (a field
   * newer than answers recorded before it, e.g. the persona's `confidence`). Default: `schema`.
   */
  sentSchema?: z.ZodType;
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

/** What every outcome carries: the calls spent and what they were billed. */
interface AskSpend {
  /** Summed over every attempt, failed ones included. */
  usage: TokenUsage;
  /**
   * What the provider itself said the calls cost (OpenRouter `usage.cost`, xAI's cost ticks),
   * summed; present only when every billed call reported it, so it can replace the price table.
   */
  providerCostUsd?: number;
  calls: number;
  latencyMs: number;
  warnings: string[];
}

export type AskResult<T> =
  | (AskSpend & {
      ok: true;
      value: T;
      text: string;
      /** What `softCheck` still found in the accepted answer; empty when it passed. */
      softIssues: string[];
    })
  | (AskSpend & { ok: false; error: ProviderError });

/**
 * A length stop is re-asked once with twice the output limit, up to this many tokens: many times
 * what our answers need, so a model that rambles or reasons without end is stopped, not paid.
 */
export const LENGTH_REASK_CAP_TOKENS = 16_384;

/** The output limit for the one re-ask after a length stop (the same limit when it cannot grow). */
export function raisedOutputLimit(maxOutputTokens: number): number {
  return Math.max(maxOutputTokens, Math.min(maxOutputTokens * 2, LENGTH_REASK_CAP_TOKENS));
}

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
  if (text.trim() === '') return { ok: false, issues: ['the answer is empty'] };
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
    output: { name: options.name, description: options.description, jsonSchema: jsonSchemaOf(options.sentSchema ?? options.schema) },
  };
  const spend = new Spend();
  const warnings = new Set<string>();
  const done = (): AskSpend => ({ ...spend.result(), latencyMs: now() - started, warnings: [...warnings] });
  const accept = (answer: { value: T; text: string; softIssues: string[] }): AskResult<T> => ({
    ok: true,
    ...answer,
    ...done(),
  });
  const fail = (error: ProviderError): AskResult<T> => ({ ok: false, error, ...done() });
  let lengthReasked = false;
  let answers = 0;
  for (let round = 0; ; ) {
    let result: ChatResult;
    try {
      result = await withRetries(() => spend.call(model, request), options.retry, options.hooks);
    } catch (error) {
      return fail(asProviderError(model, error));
    }
    answers++;
    result.warnings.forEach((warning) => warnings.add(warning));
    const { text } = result;
    const verdict = validateAnswer(text, options.schema, options.check);
    if (!verdict.ok && result.finishReason.unified === 'length') {
      // Cut off, not wrong: the same limit would cut it off again, so ask once with more room.
      const raised = raisedOutputLimit(request.maxOutputTokens);
      if (!lengthReasked && raised > request.maxOutputTokens) {
        lengthReasked = true;
        request = { ...request, maxOutputTokens: raised };
        continue;
      }
      if (acceptable) return accept(acceptable);
      return fail(lengthError(model, request.maxOutputTokens, base.maxOutputTokens));
    }
    if (verdict.ok) {
      const softIssues = options.softCheck?.(verdict.value) ?? [];
      acceptable = { value: verdict.value, text, softIssues };
      if (softIssues.length === 0 || softReasks >= maxSoftReasks || round >= maxReasks) return accept(acceptable);
      softReasks++;
      request = reask(request, text, softIssues);
      round++;
      continue;
    }
    if (round >= maxReasks && acceptable) return accept(acceptable);
    if (round >= maxReasks) {
      return fail(
        new InvalidAnswerError(
          `${model.spec} gave no valid answer after ${answers} tries: ${verdict.issues.join('; ')}`,
          text,
          verdict.issues,
        ),
      );
    }
    request = reask(request, text, verdict.issues);
    round++;
  }
}

/** Calls, tokens and provider-reported cost over every attempt, the failed ones included. */
class Spend {
  calls = 0;
  private usage = emptyTokenUsage();
  private providerCost = 0;
  private billedCalls = 0;
  private costedCalls = 0;

  /** One attempt; a failure's billed tokens are counted before it goes on to the retry loop. */
  async call(model: ChatModel, request: ChatRequest): Promise<ChatResult> {
    this.calls++;
    try {
      const result = await model.generate(request);
      this.add(result.usage, result.providerCostUsd);
      return result;
    } catch (error) {
      if (error instanceof ProviderError && error.usage) this.add(error.usage, error.providerCostUsd);
      throw error;
    }
  }

  result(): Pick<AskSpend, 'usage' | 'calls' | 'providerCostUsd'> {
    const complete = this.billedCalls > 0 && this.costedCalls === this.billedCalls;
    return {
      usage: this.usage,
      calls: this.calls,
      ...(complete ? { providerCostUsd: Math.round(this.providerCost * 1e10) / 1e10 } : {}),
    };
  }

  private add(usage: TokenUsage, providerCostUsd: number | undefined): void {
    this.usage = addTokenUsage(this.usage, usage);
    const billed = usage.inputTokens > 0 || usage.outputTokens > 0 || providerCostUsd !== undefined;
    if (!billed) return;
    this.billedCalls++;
    if (providerCostUsd !== undefined) {
      this.costedCalls++;
      this.providerCost += providerCostUsd;
    }
  }
}

function asProviderError(model: ChatModel, error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError(`${model.spec}: ${error instanceof Error ? error.message : String(error)}`, {
    kind: 'network',
    retryable: false,
    cause: error,
  });
}

function lengthError(model: ChatModel, limit: number, firstLimit: number): ProviderError {
  const reasked = limit > firstLimit ? ` (re-asked once with more room than ${firstLimit})` : '';
  return new ProviderError(
    `${model.spec}: the answer hit the output limit (${limit} tokens) before it was complete${reasked}`,
    { kind: 'length', retryable: false },
  );
}
