/**
 * One review, end to end, reading like the spec's pipeline:
 * intake → profile → panel → aggregate → draft. Each stage is called through its index.
 */
import { randomUUID } from 'node:crypto';
import { aggregateVerdict } from '../aggregate/index.js';
import type { Engine } from '../engine/index.js';
import { sourceRecords } from '../freshness/index.js';
import { intake, parseTarget } from '../intake/index.js';
import { buildProfile } from '../profile/index.js';
import { chooseGroundingModel, groundReview } from '../grounding/index.js';
import { runPanel } from '../panel/index.js';
import { chooseModels, sumUsage } from '../providers/index.js';
import type { IntakeSource, Review, ReviewOrigin } from '../schemas.js';
import { personaVersions } from '../templates/index.js';
import { panelInputOf, repeatsOf, withListingLinks } from './panel-input.js';
import { DEFAULT_ROUTING_LIMITS, routeDraft, type CalibrationHistory } from './routing.js';

export { loadEngineContext as loadReviewContext, type EngineContext as ReviewContext } from '../engine/index.js';
export { planReview, planRequests, type ReviewPlan, type PlannedRequests } from './plan.js';
export { estimateTokens, requestText, EXPECTED_OUTPUT_TOKENS } from './plan.js';
export { repeatsOf } from './panel-input.js';
export { routeDraft, DEFAULT_ROUTING_LIMITS, type CalibrationHistory, type PersonaHistory, type RoutingLimits } from './routing.js';

export interface ReviewOptions {
  /** `--model`: every persona and the profile. */
  model?: string | undefined;
  /** `--persona-model persona=SPEC`. */
  personaModels?: Record<string, string>;
  /** Marks the review as made from simulated answers (demo, tests). */
  simulated?: boolean;
  /** False for `--no-grounding`: only the free checks run (grounding mode 'deterministic'). */
  grounding?: boolean;
  /** `--repeat N` (1–9): runs per persona; default the persona file's `repeat:`, else `PANEL_REPEAT`, else 1. */
  repeat?: number | undefined;
  /** What the calibration history says about each persona (confidence routing); default none. */
  calibration?: CalibrationHistory | undefined;
}

/** What belongs to one run of a review rather than to the engine. */
export interface ReviewRun {
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Pages that listed the tool (a batch feed's launch page): added to the tool's links. */
  listingLinks?: Record<string, string> | undefined;
  /** The target as intake has just read it (`batch --stale` compared it already): not fetched again. */
  source?: IntakeSource;
  /** Why the draft exists and what it would replace (`batch --stale`: a re-review of the published review). */
  draft?: { origin: ReviewOrigin; amends: string };
}

/** Saves the draft to `engine.store` when it has one (none: `--no-save`). */
export async function runReview(target: string, options: ReviewOptions, engine: Engine, run: ReviewRun = {}): Promise<Review> {
  const { config, context } = engine;
  const now = run.now ?? (() => new Date());
  const started = now();
  // The target and the models are checked before anything is fetched: bad input fails at once.
  parseTarget(target);
  const repeats = repeatsOf(context.personas, options.repeat, config.repeat);
  const choice = chooseModels({
    personas: context.personas,
    config,
    defaults: context.modelDefaults,
    model: options.model,
    personaModels: options.personaModels ?? {},
  });
  const signal = run.signal ? { signal: run.signal } : {};
  const groundingModel = options.grounding === false ? null : await chooseGroundingModel(config, choice.profileModel);

  run.onProgress?.(`reading ${target}`);
  const read = run.source ?? (await intake(target, { config, signal: run.signal }));
  // Hashed as read: a feed's listing links are the batch's, not the page's, and a re-fetch has none.
  const sources = sourceRecords(read);
  const source = withListingLinks(read, run.listingLinks);

  run.onProgress?.(`writing the profile with ${choice.profileModel}`);
  const profile = await buildProfile(source, {
    model: engine.model(choice.profileModel),
    template: context.templates.profile,
    categories: context.categories,
    ...engine.calls,
    ...signal,
  });

  const panelStarted = now();
  run.onProgress?.(`asking the panel: ${context.personas.map((persona) => persona.name).join(', ')}`);
  const panelInput = panelInputOf(source, profile.profile, context, choice.models, repeats);
  const panelResult = await runPanel(
    panelInput,
    {
      createModel: engine.model,
      ...engine.calls,
      concurrency: config.panelConcurrency,
      threshold: config.shipThreshold,
      ...signal,
    },
  );

  const panelFinished = now();
  run.onProgress?.(groundingModel ? `checking claims with ${groundingModel}` : 'checking numbers and names (no grounding model)');
  const grounded = await groundReview(
    { source, profile: profile.profile, profileModel: profile.model, panel: panelInput, reviews: panelResult.reviews, groundingModel },
    { createModel: engine.model, ...engine.calls, threshold: config.shipThreshold, profileTemplate: context.templates.profile, categories: context.categories, ...signal },
  );

  const finished = now();
  const spent = [
    ...(profile.usage ? [profile.usage] : []),
    ...panelResult.reviews.map((review) => review.usage),
    ...panelResult.failures.flatMap((failure) => (failure.usage ? [failure.usage] : [])),
    ...grounded.usage,
  ];
  const review: Review = {
    schemaVersion: 1,
    id: randomUUID(),
    status: 'draft',
    createdAt: started.toISOString(),
    tool: grounded.profile,
    reviews: grounded.reviews,
    panel: aggregateVerdict(grounded.reviews, context.personas.length),
    failures: panelResult.failures,
    usage: sumUsage(spent),
    ...(profile.usage ? { profileUsage: profile.usage, profileModel: choice.profileModel } : {}),
    flags: [...source.flags, ...profile.flags, ...grounded.flags],
    timing: {
      profileMs: panelStarted.getTime() - started.getTime(),
      panelMs: panelFinished.getTime() - panelStarted.getTime(),
      totalMs: finished.getTime() - started.getTime(),
    },
    versions: { prompts: context.templates.version, personas: personaVersions(context.personas) },
    ...(options.simulated ? { simulated: true } : {}),
    grounding: grounded.grounding,
    shipThreshold: config.shipThreshold,
  };
  review.routing = routeDraft(review, options.calibration ?? engine.calibration(), { ...DEFAULT_ROUTING_LIMITS, ...config.routing });
  // The page excerpt is kept beside the draft so one persona can be regenerated later; the
  // hashed sources so a later `batch --stale` can tell whether the tool changed.
  engine.store?.saveDraft(review, { pageExcerpt: source.text || null, sources, ...run.draft });
  return review;
}
