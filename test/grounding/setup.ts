/** Grounding against the simulator: the real SDKs on loopback, the real intake, the real prompts. */
import { simulatorEnv } from '../../src/cli/commands/demo.js';
import { loadConfig } from '../../src/config.js';
import { groundReview, type GroundingOutcome } from '../../src/grounding/index.js';
import { intake } from '../../src/intake/index.js';
import type { PanelInput } from '../../src/panel/index.js';
import { createModel } from '../../src/providers/index.js';
import { loadReviewContext, type ReviewContext } from '../../src/review/index.js';
import type { IntakeSource, PersonaReview, ToolProfile } from '../../src/schemas.js';
import type { Simulator } from '../../src/simulator/index.js';
import { baseEnv } from '../helpers/cli.js';

export const usage = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, costUsd: 0 };

export function profileOf(source: IntakeSource, fields: Partial<ToolProfile>): ToolProfile {
  return {
    name: source.title ?? 'Tool', tagline: 'A tool', description: 'A tool.', category: 'Developer Tools',
    pricing: { entry: 'Unknown', detail: '' }, bestFor: 'teams', vendor: null,
    url: source.url, links: source.links, facts: source.facts, ...fields,
  };
}

export function reviewsOf(context: ReviewContext, quotes: Record<string, string>, spec = 'openai:gpt-5.4-mini'): PersonaReview[] {
  return context.personas.flatMap((persona) => {
    const quote = quotes[persona.id];
    return quote == null ? [] : [{ persona: persona.id, name: persona.name, score: 70, verdict: 'ship' as const, quote, model: spec, usage, latencyMs: 1, attempts: 1 }];
  });
}

export interface GroundCase {
  file: string;
  profile: (source: IntakeSource) => Partial<ToolProfile>;
  quotes?: Record<string, string>;
  /** The profile's writer; undefined when the profile text is given (nobody to re-ask). */
  profileModel?: string;
  groundingModel?: string | null;
  /** False: no re-ask, so what is measured is the checks' first verdict. */
  rewrite?: boolean;
}

export async function ground(simulator: Simulator, test: GroundCase): Promise<GroundingOutcome & { source: IntakeSource }> {
  const config = loadConfig(simulatorEnv(baseEnv(), simulator.baseUrls));
  const context = await loadReviewContext();
  const source = await intake(test.file, { config });
  const profile = profileOf(source, test.profile(source));
  const reviews = reviewsOf(context, test.quotes ?? {});
  const panel: PanelInput = {
    profile, pageExcerpt: source.text, personas: context.personas,
    models: new Map(reviews.map((review) => [review.persona, review.model])), template: context.templates.review,
  };
  const outcome = await groundReview(
    { source, profile, profileModel: test.profileModel, panel, reviews, groundingModel: test.groundingModel === undefined ? 'openai:gpt-5.4-nano' : test.groundingModel },
    {
      createModel: (spec) => createModel(spec, config), prices: context.prices, retry: { maxRetries: 0, retryAfterCapMs: 10 },
      timeoutMs: 5000, threshold: 50, profileTemplate: context.templates.profile, categories: context.categories,
      ...(test.rewrite === false ? { rewrite: false } : {}),
    },
  );
  return { ...outcome, source };
}
