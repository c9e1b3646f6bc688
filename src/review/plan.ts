/**
 * `review --dry-run`: the calls a review would make, on which models, with an estimated cost —
 * without calling any model or fetching any page. Prompts are rendered for real (from a local
 * file's text, or a full-budget placeholder for a URL) so the token estimate follows them.
 */
import type { Engine } from '../engine/index.js';
import { intake, parseTarget } from '../intake/index.js';
import { completeProfile, profileRequest } from '../profile/index.js';
import { personaRequest, runsOf } from '../panel/index.js';
import { chooseModels, costOf, findRate, type ChatMessage, type ChatRequest, type ModelChoice } from '../providers/index.js';
import type { IntakeSource, ToolProfile } from '../schemas.js';
import { panelInputOf, repeatsOf } from './panel-input.js';

/** Rough tokens for English text; only used for estimates, never for billing. */
const CHARS_PER_TOKEN = 4;
const PLACEHOLDER_PAGE_CHARS = 24_000;
const EXPECTED_OUTPUT_TOKENS = { profile: 450, persona: 110 } as const;

export interface PlannedCall {
  step: 'profile' | 'persona';
  persona?: string;
  /** With `--repeat N`: which run of the persona (1…N); absent when it runs once. */
  run?: number;
  model: string;
  inputTokens: number;
  /** Of `inputTokens`, the share expected to be read from a warm prompt cache. */
  cachedInputTokens: number;
  outputTokens: number;
  /** Undefined when the model has no price in data/prices.json. */
  costUsd: number | undefined;
}

export interface ReviewPlan {
  target: string;
  calls: PlannedCall[];
  costUsd: number;
  unpriced: string[];
  /** Providers the plan names that have no key yet. */
  missingKeys: string[];
  notes: string[];
}

const tokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);
const messageText = (messages: ChatMessage[]): string =>
  messages.flatMap((message) => message.parts.map((part) => part.text)).join('');

function placeholderSource(target: string): IntakeSource {
  return {
    kind: 'html',
    target,
    url: target,
    title: '(page not fetched)',
    description: null,
    text: 'x'.repeat(PLACEHOLDER_PAGE_CHARS),
    truncated: false,
    facts: {},
    links: {},
    known: {},
    flags: [],
  };
}

/** A profile of typical length, standing in for the one the model has not written yet. */
function placeholderProfile(source: IntakeSource, category: string): ToolProfile {
  return {
    name: source.known.name ?? source.title ?? 'the tool',
    tagline: 'x'.repeat(80),
    description: 'x'.repeat(900),
    category,
    pricing: { entry: 'Unknown', detail: '' },
    bestFor: 'x'.repeat(60),
    vendor: null,
    url: source.url,
    links: source.links,
    facts: source.facts,
  };
}

type SentRequest = Omit<ChatRequest, 'output' | 'signal'>;

/** The requests a review of `target` would send, built by the run's own functions. */
export interface PlannedRequests {
  source: IntakeSource;
  choice: ModelChoice;
  /** Undefined when the source is a complete profile (no profile call). */
  profile: { model: string; request: SentRequest } | undefined;
  /** `runs`: how many times the run sends this same request (`--repeat`). */
  personas: Array<{ persona: string; model: string; request: SentRequest; runs: number }>;
  notes: string[];
}

type ModelOptions = { model?: string | undefined; personaModels?: Record<string, string>; repeat?: number | undefined };

/**
 * Reads a local file for real (a URL stands in as a full-budget placeholder page, never
 * fetched) and builds every call through `profileRequest`, `panelInputOf` and `personaRequest`,
 * the functions the run uses. The persona calls carry a placeholder profile unless the file
 * is a complete profile, which the run would use as it is.
 */
export async function planRequests(target: string, options: ModelOptions, engine: Pick<Engine, 'config' | 'context'>): Promise<PlannedRequests> {
  const { config, context } = engine;
  const parsed = parseTarget(target);
  const repeats = repeatsOf(context.personas, options.repeat, config.repeat);
  const notes: string[] = [];
  let source: IntakeSource;
  if (parsed.kind === 'file') source = await intake(target, { config });
  else {
    source = placeholderSource(target);
    notes.push(`the page was not fetched: the estimate assumes a full ${PLACEHOLDER_PAGE_CHARS.toLocaleString('en')}-character page`);
  }
  const choice = chooseModels({
    personas: context.personas,
    config,
    defaults: context.modelDefaults,
    model: options.model,
    personaModels: options.personaModels ?? {},
    requireKeys: false,
  });
  const known = completeProfile(source);
  if (known != null) notes.push('the file is a complete profile: no profile call is needed');
  const profile = known ?? placeholderProfile(source, context.categories[0] ?? 'Other');
  const input = panelInputOf(source, profile, context, choice.models, repeats);
  const settings = { template: context.templates.profile, categories: context.categories, timeoutMs: config.callTimeoutMs };
  return {
    source,
    choice,
    profile: known != null ? undefined : { model: choice.profileModel, request: profileRequest(source, settings) },
    personas: context.personas.map((persona) => ({
      persona: persona.id,
      model: choice.models.get(persona.id) as string,
      request: personaRequest(input, persona, { threshold: config.shipThreshold, timeoutMs: config.callTimeoutMs }),
      runs: runsOf(input, persona),
    })),
    notes,
  };
}

export async function planReview(target: string, options: ModelOptions, engine: Pick<Engine, 'config' | 'context'>): Promise<ReviewPlan> {
  const { config, context } = engine;
  const planned = await planRequests(target, options, engine);
  const notes = [...planned.notes];
  const calls: PlannedCall[] = [];
  const price = (spec: string, input: number, cached: number, output: number): number | undefined =>
    costOf(findRate(context.prices, spec), {
      inputTokens: input,
      cachedInputTokens: cached,
      cacheWriteInputTokens: 0,
      reasoningTokens: 0,
      outputTokens: output,
    });

  if (planned.profile != null) {
    const { model, request } = planned.profile;
    const input = tokens(request.system + messageText(request.messages));
    const output = EXPECTED_OUTPUT_TOKENS.profile;
    calls.push({ step: 'profile', model, inputTokens: input, cachedInputTokens: 0, outputTokens: output, costUsd: price(model, input, 0, output) });
  }

  const warmed = new Set<string>();
  for (const { persona, model, request, runs } of planned.personas) {
    const first = request.messages[0]?.parts[0]?.text ?? '';
    const input = tokens(request.system + messageText(request.messages));
    for (let run = 1; run <= runs; run++) {
      // The shared prefix is cached after the first call on the same model.
      const cached = warmed.has(model) ? tokens(request.system + first) : 0;
      warmed.add(model);
      const output = EXPECTED_OUTPUT_TOKENS.persona;
      calls.push({ step: 'persona', persona, ...(runs > 1 ? { run } : {}), model, inputTokens: input, cachedInputTokens: cached, outputTokens: output, costUsd: price(model, input, cached, output) });
    }
  }
  const repeated = planned.personas.filter((entry) => entry.runs > 1);
  if (repeated.length > 0) {
    notes.push(`repeat: ${repeated.map((entry) => `${entry.persona} ${entry.runs}×`).join(', ')} (the same request each run; the draft keeps the median)`);
  }
  const unpriced = [...new Set(calls.filter((call) => call.costUsd === undefined).map((call) => call.model))];
  if (unpriced.length > 0) notes.push(`no price in data/prices.json for ${unpriced.join(', ')}`);
  return {
    target,
    calls,
    costUsd: Math.round(calls.reduce((sum, call) => sum + (call.costUsd ?? 0), 0) * 1e6) / 1e6,
    unpriced,
    missingKeys: planned.choice.missingKeys.map((provider) => config.providers[provider].keyVariable),
    notes,
  };
}

// The estimate's pieces, for `eval --dry-run`, which plans persona calls over a whole eval set.
export { tokens as estimateTokens, messageText as requestText, EXPECTED_OUTPUT_TOKENS };
