/**
 * One review, end to end, reading like the spec's pipeline:
 * intake → profile → panel → aggregate → draft. Each stage is called through its index.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import { aggregateVerdict } from '../aggregate/index.js';
import { intake, pageNotices, parseTarget } from '../intake/index.js';
import { buildProfile } from '../profile/index.js';
import { chooseGroundingModel, groundReview } from '../grounding/index.js';
import { runPanel, type PanelInput } from '../panel/index.js';
import { chooseModels, createModel, sumUsage, type ChatModel } from '../providers/index.js';
import type { Review } from '../schemas.js';
import type { Store } from '../store/index.js';
import { personaVersions } from '../templates/index.js';
import type { ReviewContext } from './context.js';

export { loadReviewContext, type ReviewContext } from './context.js';
export { planReview, type ReviewPlan } from './plan.js';

export interface ReviewOptions {
  /** `--model`: every persona and the profile. */
  model?: string | undefined;
  /** `--persona-model persona=SPEC`. */
  personaModels?: Record<string, string>;
  /** Marks the review as made from simulated answers (demo, tests). */
  simulated?: boolean;
  /** False for `--no-grounding`: only the free checks run (grounding mode 'deterministic'). */
  grounding?: boolean;
}

export interface ReviewDeps {
  config: Readonly<Config>;
  context: ReviewContext;
  /** Omit to not save (`--no-save`). */
  store?: Store | undefined;
  /** Tests inject fakes; defaults to the real adapters. */
  createModel?: (spec: string) => ChatModel;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Pages that listed the tool (a batch feed's launch page): added to the tool's links. */
  listingLinks?: Record<string, string> | undefined;
}

/**
 * The real adapters, one per model for the whole review: the profile and two personas often
 * share a model, and building an SDK client per call cost about 1 ms of CPU per review.
 */
function modelsOnce(config: Readonly<Config>): (spec: string) => ChatModel {
  const models = new Map<string, ChatModel>();
  return (spec) => {
    let model = models.get(spec);
    if (model == null) {
      model = createModel(spec, config);
      models.set(spec, model);
    }
    return model;
  };
}

export async function runReview(target: string, options: ReviewOptions, deps: ReviewDeps): Promise<Review> {
  const { config, context } = deps;
  const now = deps.now ?? (() => new Date());
  const started = now();
  // The target and the models are checked before anything is fetched: bad input fails at once.
  parseTarget(target);
  const choice = chooseModels({
    personas: context.personas,
    config,
    defaults: context.modelDefaults,
    model: options.model,
    personaModels: options.personaModels ?? {},
  });
  const groundingModel = options.grounding === false ? null : await chooseGroundingModel(config, choice.profileModel);
  const makeModel = deps.createModel ?? modelsOnce(config);
  const retry = { maxRetries: config.maxRetries, retryAfterCapMs: config.retryAfterCapMs };
  const signal = deps.signal ? { signal: deps.signal } : {};

  deps.onProgress?.(`reading ${target}`);
  const read = await intake(target, { config, signal: deps.signal });
  const source = deps.listingLinks ? { ...read, links: { ...deps.listingLinks, ...read.links } } : read;

  deps.onProgress?.(`writing the profile with ${choice.profileModel}`);
  const profile = await buildProfile(source, {
    model: makeModel(choice.profileModel),
    template: context.templates.profile,
    categories: context.categories,
    prices: context.prices,
    retry,
    timeoutMs: config.callTimeoutMs,
    ...signal,
  });

  const panelStarted = now();
  deps.onProgress?.(`asking the panel: ${context.personas.map((persona) => persona.name).join(', ')}`);
  const panelInput: PanelInput = {
    profile: profile.profile,
    pageExcerpt: source.text || null,
    personas: context.personas,
    models: choice.models,
    template: context.templates.review,
    notices: pageNotices(source.flags),
  };
  const panelResult = await runPanel(
    panelInput,
    {
      createModel: makeModel,
      prices: context.prices,
      retry,
      timeoutMs: config.callTimeoutMs,
      concurrency: config.panelConcurrency,
      threshold: config.shipThreshold,
      ...signal,
    },
  );

  const panelFinished = now();
  deps.onProgress?.(groundingModel ? `checking claims with ${groundingModel}` : 'checking numbers and names (no grounding model)');
  const grounded = await groundReview(
    { source, profile: profile.profile, profileModel: profile.model, panel: panelInput, reviews: panelResult.reviews, groundingModel },
    { createModel: makeModel, prices: context.prices, retry, timeoutMs: config.callTimeoutMs, threshold: config.shipThreshold, profileTemplate: context.templates.profile, categories: context.categories, ...signal },
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
    ...(profile.usage ? { profileUsage: profile.usage } : {}),
    flags: [...source.flags, ...profile.flags, ...grounded.flags],
    timing: {
      profileMs: panelStarted.getTime() - started.getTime(),
      panelMs: panelFinished.getTime() - panelStarted.getTime(),
      totalMs: finished.getTime() - started.getTime(),
    },
    versions: { prompts: context.templates.version, personas: personaVersions(context.personas) },
    ...(options.simulated ? { simulated: true } : {}),
    grounding: grounded.grounding,
  };
  // The page excerpt is kept beside the draft so one persona can be regenerated later.
  deps.store?.saveDraft(review, { pageExcerpt: source.text || null });
  return review;
}
