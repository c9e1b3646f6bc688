/**
 * The profile stage: intake's facts → a `ToolProfile` written by a model as structured output.
 * What intake knew for certain (a JSON profile file, JSON-LD) wins over the model's answer, and
 * a complete JSON profile needs no model at all.
 */
import {
  askStructured,
  priceUsage,
  unexpectedErrorLine,
  type ChatModel,
  type ChatRequest,
  type PriceTable,
  type RetryPolicy,
} from '../providers/index.js';
import { ProfileAnswer, profileAnswerFor, type Flag, type IntakeSource, type ToolProfile, type Usage } from '../schemas.js';
import type { PromptTemplate } from '../templates/index.js';
import { PanelError, ProviderError } from '../errors.js';
import { buildProfileRequest } from './prompt.js';
import { loadHypeWords, profileQualityIssues, qualityFlags } from './quality.js';

export { buildProfileRequest } from './prompt.js';
export { loadHypeWords, profileQualityIssues, type QualityIssue } from './quality.js';

export interface ProfileDeps {
  model: ChatModel;
  template: PromptTemplate;
  categories: readonly string[];
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Hype words a profile may use only when the page does; read from data/hype-words.json when absent. */
  hypeWords?: readonly string[];
}

/**
 * Re-asks spent on quality issues alone. One: the profile call carries the whole page, and a
 * second try rarely fixes what the first re-ask, naming the issue, did not.
 */
const QUALITY_REASKS = 1;

export interface ProfileResult {
  profile: ToolProfile;
  /** Undefined when no model was called (a complete profile file). */
  usage: Usage | undefined;
  model: string | undefined;
  latencyMs: number;
  /** Problems the editor should see (e.g. a number in the description no source gave). */
  flags: Flag[];
}

function toolProfile(answer: ProfileAnswer, source: IntakeSource): ToolProfile {
  return { ...answer, ...source.known, url: source.url, links: source.links, facts: source.facts };
}

/** One schema per category list, so its JSON Schema is built once (`jsonSchemaOf` caches per schema). */
const answerSchemas = new Map<string, ReturnType<typeof profileAnswerFor>>();

function answerSchema(categories: readonly string[]): ReturnType<typeof profileAnswerFor> {
  const key = JSON.stringify(categories);
  let schema = answerSchemas.get(key);
  if (schema == null) {
    schema = profileAnswerFor(categories);
    answerSchemas.set(key, schema);
  }
  return schema;
}

/**
 * The profile intake already knows in full (a complete JSON profile file), so no model needs
 * to write it; else undefined.
 */
export function completeProfile(source: IntakeSource): ToolProfile | undefined {
  const complete = ProfileAnswer.safeParse(source.known);
  return complete.success ? toolProfile(complete.data, source) : undefined;
}

/**
 * The profile call as it is sent (without the output schema and the signal): the run and
 * `review --dry-run` both build it here, so the plan cannot drift from the run.
 */
export function profileRequest(
  source: IntakeSource,
  deps: Pick<ProfileDeps, 'template' | 'categories' | 'timeoutMs'>,
): Omit<ChatRequest, 'output' | 'signal'> {
  return {
    ...buildProfileRequest(source, deps.template, { categories: deps.categories }),
    temperature: 0.2,
    maxOutputTokens: deps.template.maxOutputTokens,
    timeoutMs: deps.timeoutMs,
  };
}

/**
 * Throws only PanelErrors: an exception nobody expected (an adapter's TypeError on a shape it
 * did not know) becomes one that names the profile model, so the CLI prints one line.
 */
export async function buildProfile(source: IntakeSource, deps: ProfileDeps): Promise<ProfileResult> {
  try {
    return await writeProfile(source, deps);
  } catch (error) {
    if (error instanceof PanelError) throw error;
    throw new PanelError(`profile: ${deps.model.spec}: ${unexpectedErrorLine(error)}`, { cause: error });
  }
}

async function writeProfile(source: IntakeSource, deps: ProfileDeps): Promise<ProfileResult> {
  const complete = completeProfile(source);
  if (complete != null) return { profile: complete, usage: undefined, model: undefined, latencyMs: 0, flags: [] };
  const quality = { source, hypeWords: deps.hypeWords ?? (await loadHypeWords()) };
  const answer = await askStructured(
    deps.model,
    { ...profileRequest(source, deps), ...(deps.signal ? { signal: deps.signal } : {}) },
    {
      // The category list is in the schema itself (an enum), so the zod check re-asks with it.
      schema: answerSchema(deps.categories),
      name: 'tool_profile',
      description: 'The tool profile for the review page, written from the supplied facts and page text only.',
      softCheck: (value) => profileQualityIssues(value, quality).map((issue) => issue.message),
      maxSoftReasks: QUALITY_REASKS,
      retry: deps.retry,
      ...(deps.signal ? { hooks: { signal: deps.signal } } : {}),
    },
  );
  if (!answer.ok) {
    // Without a profile there is nothing for the panel to review: the whole review fails.
    throw new ProviderError(`profile: ${answer.error.message}`, {
      kind: answer.error.kind,
      retryable: false,
      ...(answer.error.hint ? { hint: answer.error.hint } : {}),
      // Billed even though it failed: whoever counts spend (the batch budget) can still see it.
      usage: answer.usage,
      ...(answer.providerCostUsd !== undefined ? { providerCostUsd: answer.providerCostUsd } : {}),
      cause: answer.error,
    });
  }
  return {
    profile: toolProfile(answer.value, source),
    usage: priceUsage(deps.prices, deps.model.spec, answer.usage, answer.providerCostUsd),
    model: deps.model.spec,
    latencyMs: answer.latencyMs,
    // Accepted with quality issues left: the editor sees them; nothing is failed for style.
    flags: answer.softIssues.length > 0 ? qualityFlags(profileQualityIssues(answer.value, quality)) : [],
  };
}
