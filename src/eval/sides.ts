/**
 * The two sides of an eval: the current persona and prompt files, and the candidate ones
 * (either directory may be omitted: that side keeps the current files). Also which personas
 * the candidate side must ask again, and why.
 */
import type { Config } from '../config.js';
import type { EngineContext } from '../engine/index.js';
import { UsageError } from '../errors.js';
import { chooseModels } from '../providers/index.js';
import { loadPersonas, loadPromptTemplates, personaVersions, type Persona, type PromptTemplates } from '../templates/index.js';

export interface EvalSide {
  personas: Persona[];
  templates: PromptTemplates;
  /** Where the files came from; null: the project's own `personas/` or `prompts/`. */
  personasDir: string | null;
  promptsDir: string | null;
  /** Persona id → `provider:model`. */
  models: ReadonlyMap<string, string>;
  /** Providers this side needs whose key is not set (a dry run lists them). */
  missingKeys: string[];
}

export type RerunMode = 'changed' | 'all';

export interface RerunChoice {
  mode: RerunMode;
  /** Candidate personas that are asked. */
  personas: string[];
  /** Candidate personas whose current answers stand for theirs. */
  reused: string[];
  why: string;
}

export interface ModelOptions {
  model?: string | undefined;
  personaModels?: Record<string, string>;
}

function sideOf(
  personas: Persona[],
  templates: PromptTemplates,
  dirs: { personasDir: string | null; promptsDir: string | null },
  config: Readonly<Config>,
  context: EngineContext,
  options: ModelOptions,
): EvalSide {
  const choice = chooseModels({
    personas,
    config,
    defaults: context.modelDefaults,
    model: options.model,
    // A --persona-model for a persona this side lacks is the other side's business.
    personaModels: Object.fromEntries(Object.entries(options.personaModels ?? {}).filter(([id]) => personas.some((persona) => persona.id === id))),
    requireKeys: false,
  });
  const missingKeys = choice.missingKeys.map((provider) => config.providers[provider].keyVariable);
  return { personas, templates, ...dirs, models: choice.models, missingKeys };
}

/**
 * Loads the candidate files (a persona file that does not parse, or a directory that is not
 * there, is a UsageError naming it: exit 2) and builds both sides.
 */
export async function loadSides(
  config: Readonly<Config>,
  context: EngineContext,
  dirs: { personas?: string | undefined; prompts?: string | undefined },
  options: ModelOptions,
): Promise<{ current: EvalSide; candidate: EvalSide }> {
  const [personas, templates] = await Promise.all([
    dirs.personas != null ? loadPersonas(dirs.personas) : context.personas,
    dirs.prompts != null ? loadPromptTemplates(dirs.prompts) : context.templates,
  ]);
  const unknown = Object.keys(options.personaModels ?? {}).filter(
    (id) => !context.personas.some((persona) => persona.id === id) && !personas.some((persona) => persona.id === id),
  );
  if (unknown.length > 0) {
    // chooseModels' own message names one side's panel only; name both.
    const known = [...new Set([...context.personas, ...personas].map((persona) => persona.id))];
    throw new UsageError(`--persona-model: unknown persona "${unknown[0]}" (panels: ${known.join(', ')})`);
  }
  const current = sideOf(context.personas, context.templates, { personasDir: null, promptsDir: null }, config, context, options);
  const candidate = sideOf(personas, templates, { personasDir: dirs.personas ?? null, promptsDir: dirs.prompts ?? null }, config, context, options);
  return { current, candidate };
}

/**
 * Which candidate personas to ask. Every persona's prompt carries the whole roster, so a
 * changed persona file changes every persona's prompt a little; in `changed` mode a persona
 * whose own file, model and the review template are all unchanged keeps its current answers
 * (the saving), on the assumption that another persona's brief in the roster does not move
 * its verdict. `all` asks every candidate persona and measures that assumption too.
 */
export function chooseRerun(current: EvalSide, candidate: EvalSide, mode: RerunMode): RerunChoice {
  const templateChanged = current.templates.review.version !== candidate.templates.review.version;
  const currentVersions = personaVersions(current.personas);
  const unchanged = (persona: Persona): boolean =>
    currentVersions[persona.id] === persona.version && current.models.get(persona.id) === candidate.models.get(persona.id);
  const ids = candidate.personas.map((persona) => persona.id);
  if (mode === 'all') return { mode, personas: ids, reused: [], why: '--rerun all: every candidate persona is asked' };
  if (templateChanged) return { mode, personas: ids, reused: [], why: 'prompts/review.md differs: every persona is asked' };
  const reused = candidate.personas.filter(unchanged).map((persona) => persona.id);
  const asked = ids.filter((id) => !reused.includes(id));
  if (asked.length === 0) {
    return { mode, personas: [], reused, why: 'the candidate files equal the current ones: nothing is asked on the candidate side' };
  }
  const why =
    reused.length === 0
      ? 'every persona file (or its model) differs: every persona is asked'
      : `only ${asked.join(', ')} differ${asked.length === 1 ? 's' : ''}: ${reused.join(', ')} keep${reused.length === 1 ? 's' : ''} the current side's answers ` +
        "(their prompts differ only in the roster's copy of the changed file; --rerun all asks them too)";
  return { mode, personas: asked, reused, why };
}
