/**
 * The panel: one structured call per persona, in parallel (bounded by p-limit), each on its
 * own model. Every persona either yields a validated review or a recorded failure; nothing is
 * invented. Aggregation is the caller's (pure) next step.
 */
import pLimit from 'p-limit';
import { scoreVerdictIssues } from '../aggregate/index.js';
import {
  askStructured,
  priceUsage,
  unexpectedErrorLine,
  type ChatModel,
  type ChatRequest,
  type PriceTable,
  type RetryPolicy,
} from '../providers/index.js';
import { PersonaAnswer, PersonaAnswerSent, type Failure, type PersonaReview, type ToolProfile } from '../schemas.js';
import type { Persona, PromptTemplate } from '../templates/index.js';
import { buildPersonaRequest } from './prompt.js';
import { combineRuns } from './repeat.js';

export { buildPersonaRequest } from './prompt.js';
export { combineRuns, median, sampleSd, MAX_REPEAT } from './repeat.js';

export interface PanelInput {
  profile: ToolProfile;
  /** Untrusted page text the reviewers may quote from; delimited by the prompt builder. */
  pageExcerpt: string | null;
  personas: readonly Persona[];
  /** Persona id → `provider:model`. */
  models: ReadonlyMap<string, string>;
  template: PromptTemplate;
  /** Notices for the shared prefix, e.g. a page flagged for prompt injection (`pageNotices`). */
  notices?: readonly string[] | undefined;
  /** Persona id → runs (issue 14's repeat-N, `repeatsOf`); a persona not in it runs once. */
  repeats?: ReadonlyMap<string, number> | undefined;
}

export interface PanelDeps {
  createModel: (spec: string) => ChatModel;
  prices: PriceTable;
  retry: RetryPolicy;
  timeoutMs: number;
  concurrency: number;
  threshold: number;
  signal?: AbortSignal;
  now?: () => number;
  /** Progress for the CLI: one event as each persona finishes. */
  onPersonaDone?: (event: { persona: string; ok: boolean }) => void;
  /**
   * Warm the tool's prefix before reading it: of the personas on one model, the first is
   * asked alone and the others once it has answered, so they read the prefix it wrote instead
   * of missing it in parallel. Off by default: it adds that first call's latency to the panel
   * whenever the model's calls are not the panel's slowest (measured in `npm run bench`).
   */
  warmPrefix?: boolean;
}

export interface PanelResult {
  reviews: PersonaReview[];
  failures: Failure[];
  warnings: string[];
}

/** Words a quote may use before it stops being "one to three sentences". */
const MAX_QUOTE_WORDS = 110;

function quoteIssues(quote: string): string[] {
  const words = quote.trim().split(/\s+/).length;
  return words > MAX_QUOTE_WORDS ? [`quote has ${words} words; keep it to one to three sentences`] : [];
}

/** How many times the panel asks this persona (1 unless `input.repeats` says more). */
export function runsOf(input: Pick<PanelInput, 'repeats'>, persona: Persona): number {
  return input.repeats?.get(persona.id) ?? 1;
}

export async function runPanel(input: PanelInput, deps: PanelDeps): Promise<PanelResult> {
  const limit = pLimit(deps.concurrency);
  const warnings = new Set<string>();
  // With warmPrefix: per model, the first persona's call; the others wait for it (not holding a slot).
  const firstOnModel = new Map<string, Promise<unknown>>();
  const ask = async (persona: Persona, spec: string | undefined): Promise<PersonaReview | Failure> => {
    const leader = deps.warmPrefix && spec != null ? firstOnModel.get(spec) : undefined;
    if (leader) await leader;
    // Each run of a repeated persona takes its own slot of the panel's bound.
    const asked = limit(async (): Promise<PersonaReview | Failure> => {
      if (spec == null) return { persona: persona.id, error: 'no model chosen for this persona' };
      const outcome = await reviewAsPersona(input, persona, spec, deps);
      outcome.warnings.forEach((warning) => warnings.add(`${spec}: ${warning}`));
      return outcome.result;
    });
    if (deps.warmPrefix && spec != null && leader === undefined) firstOnModel.set(spec, asked);
    return asked;
  };
  const outcomes = await Promise.all(
    input.personas.map(async (persona): Promise<PersonaReview | Failure> => {
      const spec = input.models.get(persona.id);
      const runs = await Promise.all(Array.from({ length: runsOf(input, persona) }, () => ask(persona, spec)));
      const result = spec == null ? (runs[0] as Failure) : combineRuns(persona, spec, runs, deps.threshold);
      try {
        deps.onPersonaDone?.({ persona: persona.id, ok: 'score' in result });
      } catch {
        // A progress display that fails must not take the persona's answer with it.
      }
      return result;
    }),
  );
  return {
    reviews: outcomes.filter((outcome): outcome is PersonaReview => 'score' in outcome),
    failures: outcomes.filter((outcome): outcome is Failure => !('score' in outcome)),
    warnings: [...warnings],
  };
}

/**
 * How many personas of this panel share the persona's model, so would read the tool's own
 * cached prefix: a prefix with a single reader is written at 1.25× and never read back.
 */
function toolPrefixReaders(input: PanelInput, persona: Persona): number {
  const spec = input.models.get(persona.id);
  return [...input.models.values()].filter((other) => other === spec).length;
}

/**
 * One persona's call as it is sent (without the output schema and the signal): the run, the
 * desk's regenerate and `review --dry-run` all build it here, so the plan cannot drift from
 * the run.
 */
export function personaRequest(
  input: PanelInput,
  persona: Persona,
  deps: Pick<PanelDeps, 'threshold' | 'timeoutMs'>,
): Omit<ChatRequest, 'output' | 'signal'> {
  return {
    ...buildPersonaRequest({
      profile: input.profile,
      pageExcerpt: input.pageExcerpt,
      panel: input.personas,
      persona,
      threshold: deps.threshold,
      template: input.template,
      notices: input.notices,
      toolPrefixReaders: toolPrefixReaders(input, persona),
    }),
    temperature: persona.temperature,
    maxOutputTokens: input.template.maxOutputTokens,
    timeoutMs: deps.timeoutMs,
  };
}

type PersonaOutcome = { result: PersonaReview | Failure; warnings: string[] };

/**
 * One persona's review (or its recorded failure). Used by the panel and, for regenerating a
 * single persona, by the editor's desk: pass the whole panel so the shared prefix is the same.
 * Never throws: an exception nobody expected (an adapter's TypeError on a shape it did not
 * know) becomes this persona's failure, and the rest of the panel goes on.
 */
export async function reviewAsPersona(
  input: PanelInput,
  persona: Persona,
  spec: string,
  deps: PanelDeps,
): Promise<PersonaOutcome> {
  try {
    return await askPersona(input, persona, spec, deps);
  } catch (error) {
    return { result: { persona: persona.id, model: spec, error: `${spec}: ${unexpectedErrorLine(error)}` }, warnings: [] };
  }
}

async function askPersona(
  input: PanelInput,
  persona: Persona,
  spec: string,
  deps: PanelDeps,
): Promise<PersonaOutcome> {
  let model: ChatModel;
  try {
    model = deps.createModel(spec);
  } catch (error) {
    return { result: { persona: persona.id, model: spec, error: String((error as Error).message ?? error) }, warnings: [] };
  }
  const answer = await askStructured(
    model,
    { ...personaRequest(input, persona, deps), ...(deps.signal ? { signal: deps.signal } : {}) },
    {
      // Confidence is asked for, but an answer without it (recorded before issue 14) is accepted.
      schema: PersonaAnswer,
      sentSchema: PersonaAnswerSent,
      name: 'persona_review',
      description: `The ${persona.name}'s review of the tool: score 0-100, ship or skip, a short first-person quote, and the reviewer's confidence 0-100 in that verdict.`,
      check: (value) => [...scoreVerdictIssues(value, deps.threshold), ...quoteIssues(value.quote)],
      retry: deps.retry,
      ...(deps.signal ? { hooks: { signal: deps.signal } } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    },
  );
  const usage = priceUsage(deps.prices, spec, answer.usage, answer.providerCostUsd);
  if (!answer.ok) {
    return {
      result: { persona: persona.id, model: spec, error: answer.error.message, usage },
      warnings: answer.warnings,
    };
  }
  return {
    result: {
      persona: persona.id,
      name: persona.name,
      score: answer.value.score,
      verdict: answer.value.verdict,
      quote: answer.value.quote.trim(),
      ...(answer.value.confidence !== undefined ? { confidence: answer.value.confidence } : {}),
      model: spec,
      usage,
      latencyMs: answer.latencyMs,
      attempts: answer.calls,
    },
    warnings: answer.warnings,
  };
}
