/**
 * Every shape the engine reads or writes, defined once. Types come from `z.infer`; the JSON
 * Schemas sent to providers (and, later, exported for the site) come from `z.toJSONSchema`.
 */
import { z } from 'zod';
import { Attention, Flag, ReviewOrigin, Routing, Usage, VoterKey } from './schemas-base.js';

export { Attention, Flag, ReviewOrigin, Routing, Usage, VoterKey };

export const PRICING_ENTRIES = ['Free', 'Paid', 'Freemium', 'Open Source', 'Unknown'] as const;
export const PricingEntry = z.enum(PRICING_ENTRIES);

/** Plain facts gathered at intake (stars, license, dates…): what the profile may cite. */
export const Facts = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type Facts = z.infer<typeof Facts>;

/**
 * What the profile model writes. Every field is required (OpenAI strict structured output
 * demands it); an unknown vendor is `null`, not a guess.
 */
export const ProfileAnswer = z.object({
  name: z.string().min(1).max(120),
  tagline: z.string().min(1).max(160),
  description: z.string().min(1).max(2400),
  category: z.string().min(1).max(60),
  pricing: z.object({ entry: PricingEntry, detail: z.string().max(200) }),
  bestFor: z.string().min(1).max(200),
  vendor: z.string().max(120).nullable(),
});
export type ProfileAnswer = z.infer<typeof ProfileAnswer>;

/**
 * `ProfileAnswer` with `category` held to the site's list (`data/categories.json`), so the
 * JSON Schema sent carries the list as an `enum`: a grammar-constrained server (llama.cpp,
 * Ollama) or a strict provider then cannot answer outside it, and a provider that ignores the
 * schema is caught by the same zod check and re-asked with the list. The stored type stays
 * `ProfileAnswer`: the list is data and may change after a review was written.
 */
export function profileAnswerFor(categories: readonly string[]) {
  const [first, ...rest] = categories;
  if (first == null) return ProfileAnswer;
  const list = [first, ...rest] as const;
  return ProfileAnswer.extend({
    category: z.enum(list, {
      error: (issue) => `category ${JSON.stringify(issue.input)} is not one of: ${list.join(', ')}`,
    }),
  });
}

/** The tool section of a review: the model's profile plus what intake knew for certain. */
export const ToolProfile = ProfileAnswer.extend({
  url: z.string(),
  links: z.record(z.string(), z.string()),
  facts: Facts,
});
export type ToolProfile = z.infer<typeof ToolProfile>;

export const Verdict = z.enum(['ship', 'skip']);
export type Verdict = z.infer<typeof Verdict>;

/** Issue 14: a persona's self-rated confidence in its own verdict, 0–100. */
export const Confidence = z.number().int().min(0).max(100);

/**
 * What one persona model answers, as it is accepted. Score/verdict agreement is checked in the
 * panel stage. `confidence` is optional here because answers recorded before issue 14 (and a
 * model that ignores the schema) carry none: such an answer is kept with no confidence, not
 * re-asked. What is *sent* is `PersonaAnswerSent`.
 */
export const PersonaAnswer = z.object({
  score: z.number().int().min(0).max(100),
  verdict: Verdict,
  quote: z.string().min(1).max(700),
  confidence: Confidence.optional(),
});
export type PersonaAnswer = z.infer<typeof PersonaAnswer>;

/**
 * The persona answer's JSON Schema as sent to providers: the same fields with `confidence`
 * required (OpenAI strict structured output demands every property be required).
 */
export const PersonaAnswerSent = PersonaAnswer.required({ confidence: true });

/**
 * Issue 14, `review --repeat N`: one of the N runs of a persona (the same request each time).
 * `run` is 1-based. An answered run has the answer's fields; a failed one its error. Nothing is
 * filled in for a failed run.
 */
export const PersonaRunAnswered = PersonaAnswer.extend({
  run: z.number().int().min(1),
  status: z.literal('answered'),
  model: z.string(),
  usage: Usage,
  latencyMs: z.number().nonnegative(),
  attempts: z.number().int().positive(),
});
export const PersonaRunFailed = z.object({
  run: z.number().int().min(1),
  status: z.literal('failed'),
  model: z.string(),
  error: z.string(),
  usage: Usage.optional(),
});
export const PersonaRun = z.discriminatedUnion('status', [PersonaRunAnswered, PersonaRunFailed]);
export type PersonaRun = z.infer<typeof PersonaRun>;

/** How a repeated persona's runs spread, over the runs that answered. */
export const RunSpread = z.object({
  /** Runs asked (N) and runs that answered. */
  runs: z.number().int().min(1),
  answered: z.number().int().min(1),
  /** Sample standard deviation (n − 1) of the answered scores, 2 decimals; null with one answered run. */
  sd: z.number().nonnegative().nullable(),
  /** The median of the answered scores, rounded: the persona's score as the engine set it (an editor's edit may change the score, not this). */
  median: z.number().int().min(0).max(100),
  min: z.number().int().min(0).max(100),
  max: z.number().int().min(0).max(100),
  /** The answered runs did not all give the same verdict. */
  flipped: z.boolean(),
  /** The run whose quote is kept: the one closest to the median score with the median's verdict. */
  keptRun: z.number().int().min(1),
});
export type RunSpread = z.infer<typeof RunSpread>;

/**
 * One persona's answer on the review. With `--repeat N` (N > 1), `score` is the median of the
 * answered runs (rounded), `verdict` follows it through the review's threshold, `quote` is the
 * kept run's, `confidence` the median of the runs' confidences, `usage`/`attempts` sum every run
 * and `latencyMs` is the slowest run; `runs` keeps every run and `spread` summarises them.
 * `confidence` is absent when the model gave none (and on reviews made before issue 14).
 */
export const PersonaReview = PersonaAnswer.extend({
  persona: z.string(),
  name: z.string(),
  model: z.string(),
  usage: Usage,
  latencyMs: z.number().nonnegative(),
  /** Model calls spent, re-asks included. */
  attempts: z.number().int().positive(),
  runs: z.array(PersonaRun).optional(),
  spread: RunSpread.optional(),
});
export type PersonaReview = z.infer<typeof PersonaReview>;

export const Failure = z.object({
  persona: z.string(),
  model: z.string().optional(),
  error: z.string(),
  usage: Usage.optional(),
  /** With `--repeat N`: every run, all failed (a persona fails only when no run answered). */
  runs: z.array(PersonaRun).optional(),
});
export type Failure = z.infer<typeof Failure>;

export const PanelVerdict = z.enum(['ship', 'skip', 'mixed']);
/** The panel verdict. When no persona answered, `verdict`, `shipPercent` and `meanScore` are null ("No verdict"). */
export const Panel = z.object({
  verdict: PanelVerdict.nullable(),
  label: z.string(),
  ship: z.number().int().nonnegative(),
  skip: z.number().int().nonnegative(),
  shipPercent: z.number().int().min(0).max(100).nullable(),
  meanScore: z.number().nullable(),
  complete: z.boolean(),
});
export type Panel = z.infer<typeof Panel>;

export const ReviewStatus = z.enum(['draft', 'approved', 'rejected', 'superseded']);

/**
 * Grounding (issue 12): the factual claims of a review's texts and where the intake sources
 * support them. Taste and judgement are never claims. Spans are character offsets
 * (`start` inclusive, `end` exclusive) into the named text.
 */
export const ClaimKind = z.enum(['feature', 'number', 'date', 'name', 'integration', 'pricing', 'mode', 'benchmark', 'other']);
export const ClaimSupport = z.object({
  /** Which intake text: 'page' (readable text), 'description', 'readme', 'facts', 'json-ld', 'feed'. */
  source: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The source's own text over [start, end): found verbatim, never the model's paraphrase. */
  quote: z.string(),
  method: z.enum(['deterministic', 'model']),
});
export type ClaimSupport = z.infer<typeof ClaimSupport>;
export const Claim = z.object({
  /** Stable within the review, e.g. `c3`. */
  id: z.string(),
  /** Where the claim stands; `quote` claims name their persona. */
  field: z.enum(['tagline', 'description', 'quote']),
  personaId: z.string().optional(),
  /** The claim as the writer stated it. */
  text: z.string(),
  /** The claim's span in its field's final text, when it can be located. */
  span: z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
  kind: ClaimKind,
  status: z.enum(['supported', 'unsupported']),
  support: ClaimSupport.nullable(),
  /** Why an unsupported claim has no support (e.g. `number "30%" occurs in no source`), for the editor. */
  reason: z.string().optional(),
  /** True when the writer was re-asked without this claim and kept it (the flag stands). */
  rewritten: z.boolean().optional(),
});
export type Claim = z.infer<typeof Claim>;
export const Grounding = z.object({
  /** 'full': claims listed by a model and checked; 'deterministic': `--no-grounding`, only the free checks ran. */
  mode: z.enum(['full', 'deterministic']),
  /** The model that listed and matched claims (`provider:model`), null in deterministic mode. */
  model: z.string().nullable(),
  promptVersion: z.string().nullable(),
  claims: z.array(Claim),
  /** Texts rewritten once because a claim had no support. */
  rewrites: z.number().int().nonnegative(),
  usage: Usage.optional(),
});
export type Grounding = z.infer<typeof Grounding>;

/** The review JSON of the spec (`review --json`), as stored. */
export const Review = z.object({
  schemaVersion: z.literal(1),
  id: z.string(),
  status: ReviewStatus,
  createdAt: z.string(),
  tool: ToolProfile,
  reviews: z.array(PersonaReview),
  panel: Panel,
  failures: z.array(Failure),
  usage: Usage,
  /** The profile call's own usage, also counted in `usage`. */
  profileUsage: Usage.optional(),
  /**
   * The model that wrote the profile (`provider:model`), for the published disclosure. Absent
   * when no profile call was made (a complete profile file) and on reviews saved before it was kept.
   */
  profileModel: z.string().optional(),
  flags: z.array(Flag),
  versions: z.object({
    prompts: z.string(),
    personas: z.record(z.string(), z.string()),
  }),
  /** Wall time of the profile call, the panel and the whole review, in ms. */
  timing: z.object({ profileMs: z.number(), panelMs: z.number(), totalMs: z.number() }).optional(),
  /** True when the answers came from the built-in simulator (demo, tests). */
  simulated: z.boolean().optional(),
  /** Issue 12: absent on reviews written before grounding existed (shown as "not checked"). */
  grounding: Grounding.optional(),
  /**
   * Issue 13: the ship line the panel used (a score at or above it is ship). Edits are checked
   * against this value, not today's config; absent on older reviews (DEFAULT_SHIP_THRESHOLD).
   */
  shipThreshold: z.number().int().min(1).max(100).optional(),
  /** Issue 14: confidence routing, set when the draft is made; absent on older reviews. */
  routing: Routing.optional(),
});
export type Review = z.infer<typeof Review>;

/**
 * What intake hands to the profile stage: everything known about the tool before any model
 * is asked. `text` is untrusted page content; prompts must delimit it as data.
 */
export const IntakeSource = z.object({
  /** How the facts were obtained. */
  kind: z.enum(['html', 'markdown', 'text', 'profile-json', 'github']),
  /** The URL or file path the user gave. */
  target: z.string(),
  /** Canonical URL of the tool (after redirects / canonical link); the file path for files. */
  url: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** Readable main text, cut to a budget. */
  text: z.string(),
  /** True when `text` was cut; the prompt says so. */
  truncated: z.boolean(),
  facts: Facts,
  links: z.record(z.string(), z.string()),
  /** Profile fields known for certain (a `.json` profile file, JSON-LD): they win over the model. */
  known: ProfileAnswer.partial(),
  flags: z.array(Flag),
});
export type IntakeSource = z.infer<typeof IntakeSource>;
