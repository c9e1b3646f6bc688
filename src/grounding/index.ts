/**
 * Grounding (issue 12): every factual claim of a review's texts (tagline, description, each
 * persona quote) traced to the intake sources, or flagged. After the profile and the panel:
 * one claims pass per text on a small model, the free checks (numbers, dates, quoted terms,
 * names must occur in a source), the model's supporting sentence for paraphrases (accepted only
 * verbatim), then one re-ask of the writer for a text with an unsupported claim, re-checked;
 * what is still unsupported becomes an `unsupported-claim` flag. Without a grounding model
 * (`--no-grounding`) only the free checks run, on the texts' hard terms, and nothing is re-asked.
 * A persona's answer is never failed or removed here.
 */
import type { PanelInput } from '../panel/index.js';
import { sumUsage, type ChatModel, type PriceTable, type RetryPolicy } from '../providers/index.js';
import type { Claim, Flag, Grounding, IntakeSource, PersonaReview, ToolProfile, Usage } from '../schemas.js';
import type { PromptTemplate } from '../templates/index.js';
import { checkText, type CheckDeps, type CheckedClaim, type TextToCheck } from './check.js';
import { loadGroundingPrompts, sharedPart, type GroundingPrompts } from './prompts.js';
import { personaWriter, profileWriter, rewriteText, type Writer } from './rewrite.js';
import { groundingSources } from './sources.js';

export { chooseGroundingModel, GROUNDING_MODELS_FILE } from './model.js';
export { loadGroundingPrompts, type GroundingPrompts } from './prompts.js';
export { groundingSources, prepareSource, type PreparedSource } from './sources.js';
export { checkDeterministic, verbatimSupport } from './support.js';
export { hardTerms, keyTerms, splitSentences, type HardTerm, type Sentence } from './terms.js';
export { BLOCK as GROUNDING_BLOCKS } from './prompts.js';

export const UNSUPPORTED_CLAIM_FLAG = 'unsupported-claim';
export const GROUNDING_INCOMPLETE_FLAG = 'grounding-incomplete';

export interface GroundingInput {
  source: IntakeSource;
  profile: ToolProfile;
  /** The profile model, or undefined when no model wrote the profile (a complete profile file): nobody to re-ask. */
  profileModel: string | undefined;
  /** What the panel was given: a persona's re-ask continues its own conversation. */
  panel: PanelInput;
  reviews: readonly PersonaReview[];
  /** `provider:model`, or null for `--no-grounding` (the free checks only). */
  groundingModel: string | null;
}

export interface GroundingDeps {
  createModel: (spec: string) => ChatModel;
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  threshold: number;
  /** For the profile model's re-ask: its own prompt and category list. */
  profileTemplate: PromptTemplate;
  categories: readonly string[];
  signal?: AbortSignal;
  /** Defaults to prompts/grounding-*.md. */
  prompts?: GroundingPrompts;
  /** False: no re-ask of the writers (measurements of the checks alone). Default true. */
  rewrite?: boolean;
}

export interface GroundingOutcome {
  grounding: Grounding;
  /** The profile and reviews with any rewritten text in place. */
  profile: ToolProfile;
  reviews: PersonaReview[];
  flags: Flag[];
  /** Every grounding call (claims, support, rewrites), also in `grounding.usage`. */
  usage: Usage[];
}

interface Slot {
  item: TextToCheck;
  writer: Writer | undefined;
  claims: CheckedClaim[];
  rewritten: boolean;
}

function texts(input: GroundingInput, deps: GroundingDeps): Slot[] {
  const { profile } = input;
  const profileBy = input.profileModel
    ? profileWriter(input.profileModel, input.source, profile, deps.profileTemplate, deps.categories)
    : undefined;
  // A field intake already knew (JSON-LD, a profile file) was not written by a model.
  const written = (field: 'tagline' | 'description') => (input.source.known[field] == null ? profileBy : undefined);
  return [
    { item: { field: 'tagline', text: profile.tagline }, writer: written('tagline'), claims: [], rewritten: false },
    { item: { field: 'description', text: profile.description }, writer: written('description'), claims: [], rewritten: false },
    ...input.reviews.map((review): Slot => ({
      item: { field: 'quote', personaId: review.persona, personaName: review.name, text: review.quote },
      writer: personaWriter(input.panel, review, deps.threshold),
      claims: [],
      rewritten: false,
    })),
  ];
}

/** The tool's and the personas' own names: ours, never claims about the tool. */
function knownNames(input: GroundingInput): string[] {
  const names = [input.profile.name, ...input.panel.personas.flatMap((persona) => [persona.name, persona.id])];
  return [...new Set(names.filter((name) => name.trim() !== ''))];
}

async function checkAll(slots: readonly Slot[], deps: CheckDeps, problems: string[], usage: Usage[]): Promise<void> {
  const run = async (slot: Slot) => {
    const result = await checkText(slot.item, deps);
    slot.claims = result.claims;
    usage.push(...result.usage);
    if (result.problem) problems.push(`${describe(slot.item)}: ${result.problem}`);
  };
  // The first call writes the sources into the provider's prompt cache; the rest then read it.
  const [first, ...rest] = slots;
  if (first) await run(first);
  await Promise.all(rest.map(run));
}

function describe(item: TextToCheck): string {
  return item.field === 'quote' ? `quote (${item.personaId ?? 'persona'})` : item.field;
}

export async function groundReview(input: GroundingInput, deps: GroundingDeps): Promise<GroundingOutcome> {
  const prompts = deps.prompts ?? (await loadGroundingPrompts());
  const sources = groundingSources(input.source);
  const known = knownNames(input);
  const problems: string[] = [];
  let model: ChatModel | undefined;
  try {
    model = input.groundingModel ? deps.createModel(input.groundingModel) : undefined;
  } catch (error) {
    // No grounding model to be had: the free checks still run, and the draft says so.
    problems.push(`${input.groundingModel}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const checkDeps: CheckDeps = {
    ...(model ? { model } : {}),
    prompts,
    shared: {
      claims: sharedPart(prompts.claims, sources, known, input.panel.notices),
      support: sharedPart(prompts.support, sources, known, input.panel.notices),
    },
    sources,
    known,
    prices: deps.prices,
    retry: deps.retry,
    timeoutMs: deps.timeoutMs,
    cacheKey: `grounding:${input.profile.url}`,
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  const slots = texts(input, deps);
  const usage: Usage[] = [];
  await checkAll(slots, checkDeps, problems, usage);

  // The one re-ask, only with a grounding model: `--no-grounding` runs no model at all.
  const toRewrite = model && deps.rewrite !== false ? slots.filter((slot) => slot.writer && slot.claims.some((claim) => claim.status === 'unsupported')) : [];
  const rewriteDeps = { createModel: deps.createModel, prompts, prices: deps.prices, retry: deps.retry, timeoutMs: deps.timeoutMs, ...(deps.signal ? { signal: deps.signal } : {}) };
  const rewritten = await Promise.all(
    toRewrite.map(async (slot) => {
      const unsupported = slot.claims.filter((claim) => claim.status === 'unsupported').map((claim) => claim.text);
      const result = await rewriteText(slot.writer as Writer, slot.item.field, slot.item.text, unsupported, rewriteDeps);
      if (result.usage) usage.push(result.usage);
      if (result.problem) problems.push(`${describe(slot.item)}: ${result.problem}`);
      if (result.text == null || result.text === slot.item.text) return { slot, before: unsupported, changed: false };
      slot.item = { ...slot.item, text: result.text };
      slot.rewritten = true;
      return { slot, before: unsupported, changed: true };
    }),
  );
  const changed = rewritten.filter((entry) => entry.changed);
  await checkAll(changed.map((entry) => entry.slot), checkDeps, problems, usage);
  for (const { slot, before } of rewritten) {
    for (const claim of slot.claims) if (claim.status === 'unsupported' && before.includes(claim.text)) claim.rewritten = true;
  }

  const claims: Claim[] = slots.flatMap((slot) => slot.claims).map((claim, index) => ({ id: `c${index + 1}`, ...claim }));
  const spent = sumUsage(usage);
  const grounding: Grounding = {
    mode: model ? 'full' : 'deterministic',
    model: model ? model.spec : null,
    promptVersion: model ? prompts.version : null,
    claims,
    rewrites: changed.length,
    ...(usage.length > 0 ? { usage: spent } : {}),
  };
  return {
    grounding,
    profile: withText(input.profile, slots),
    reviews: input.reviews.map((review) => {
      const slot = slots.find((candidate) => candidate.item.field === 'quote' && candidate.item.personaId === review.persona);
      return slot?.rewritten ? { ...review, quote: slot.item.text } : review;
    }),
    flags: [...claims.filter((claim) => claim.status === 'unsupported').map(claimFlag), ...problemFlags(problems)],
    usage,
  };
}

function withText(profile: ToolProfile, slots: readonly Slot[]): ToolProfile {
  const text = (field: 'tagline' | 'description') => slots.find((slot) => slot.item.field === field)?.item.text ?? profile[field];
  return { ...profile, tagline: text('tagline'), description: text('description') };
}

/** One flag per unsupported claim: the claim, where it stands, and why. */
export function claimFlag(claim: Claim): Flag {
  const where = claim.field === 'quote' ? `quote (${claim.personaId ?? 'persona'})` : claim.field;
  const why = claim.reason ? `: ${claim.reason}` : '';
  const kept = claim.rewritten ? ' (kept after one rewrite)' : '';
  return {
    kind: UNSUPPORTED_CLAIM_FLAG,
    detail: `${claim.id} ${where}: "${claim.text.replace(/\s+/g, ' ').slice(0, 200)}" has no support in the sources${why}${kept}`,
    snippet: claim.text.replace(/\s+/g, ' ').slice(0, 160),
  };
}

function problemFlags(problems: readonly string[]): Flag[] {
  return problems.length === 0 ? [] : [{ kind: GROUNDING_INCOMPLETE_FLAG, detail: `grounding ran partly: ${problems.join('; ').slice(0, 600)}` }];
}
