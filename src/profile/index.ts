/**
 * The profile stage: intake's facts → a `ToolProfile` written by a model as structured output.
 * What intake knew for certain (a JSON profile file, JSON-LD) wins over the model's answer, and
 * a complete JSON profile needs no model at all.
 */
import { askStructured, priceUsage, type ChatModel, type PriceTable, type RetryPolicy } from '../providers/index.js';
import { ProfileAnswer, type Flag, type IntakeSource, type ToolProfile, type Usage } from '../schemas.js';
import type { PromptTemplate } from '../templates/index.js';
import { ProviderError } from '../errors.js';
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

/** True when intake already knows every profile field, so no model needs to write it. */
export function isCompleteProfile(source: IntakeSource): boolean {
  return ProfileAnswer.safeParse(source.known).success;
}

export async function buildProfile(source: IntakeSource, deps: ProfileDeps): Promise<ProfileResult> {
  const complete = ProfileAnswer.safeParse(source.known);
  if (complete.success) {
    return { profile: toolProfile(complete.data, source), usage: undefined, model: undefined, latencyMs: 0, flags: [] };
  }
  const prompt = buildProfileRequest(source, deps.template, { categories: deps.categories });
  const categories = new Set(deps.categories);
  const quality = { source, hypeWords: deps.hypeWords ?? (await loadHypeWords()) };
  const answer = await askStructured(
    deps.model,
    {
      ...prompt,
      temperature: 0.2,
      maxOutputTokens: deps.template.maxOutputTokens,
      timeoutMs: deps.timeoutMs,
      ...(deps.signal ? { signal: deps.signal } : {}),
    },
    {
      schema: ProfileAnswer,
      name: 'tool_profile',
      description: 'The tool profile for the review page, written from the supplied facts and page text only.',
      check: (value) =>
        categories.has(value.category)
          ? []
          : [`category "${value.category}" is not one of: ${[...categories].join(', ')}`],
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
