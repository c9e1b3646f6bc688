/**
 * `provider:model` specs → models. Decides which model each persona runs on, following the
 * spec's order: --persona-model, then --model, then PANEL_MODEL, then the persona's default —
 * falling back to an available provider's default when the persona's provider has no key.
 */
import { z } from 'zod';
import { PROVIDERS, availableProviders, type Config, type ProviderName } from '../config.js';
import { UsageError } from '../errors.js';
import { readJsonFile } from '../json-file.js';
import { CallGate, gateModel } from './concurrency.js';
import { lazyAdapter } from './lazy-adapter.js';
import type { ChatModel } from './model.js';

export interface ModelSpec {
  provider: ProviderName;
  modelId: string;
}

export function parseModelSpec(spec: string, context = 'model'): ModelSpec {
  const colon = spec.indexOf(':');
  const provider = spec.slice(0, colon);
  const modelId = spec.slice(colon + 1).trim();
  if (colon <= 0 || !modelId) {
    throw new UsageError(`${context} "${spec}" must look like provider:model, e.g. openai:gpt-5.4-mini`);
  }
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new UsageError(`${context} "${spec}": unknown provider "${provider}" (known: ${PROVIDERS.join(', ')})`);
  }
  return { provider: provider as ProviderName, modelId };
}

const ModelsFile = z.object({
  defaults: z.record(z.enum(PROVIDERS), z.string().min(1)),
  providerOrder: z.array(z.enum(PROVIDERS)),
});
export type ModelDefaults = z.infer<typeof ModelsFile>;

export function loadModelDefaults(file: string): Promise<ModelDefaults> {
  return readJsonFile(file, ModelsFile);
}

export interface ModelChoice {
  /** Persona id → `provider:model`. */
  models: Map<string, string>;
  profileModel: string;
  /** Providers named by the choice that have no key (only possible when `requireKeys` is false). */
  missingKeys: ProviderName[];
}

export interface ModelChoiceInput {
  personas: ReadonlyArray<{ id: string; defaultModel: string }>;
  config: Pick<Config, 'providers' | 'panelModel' | 'profileModel'>;
  defaults: ModelDefaults;
  /** `--model`. */
  model?: string | undefined;
  /** `--persona-model persona=SPEC`, repeatable. */
  personaModels?: Record<string, string>;
  /** False for --dry-run: plan with the persona defaults even when no key is set. */
  requireKeys?: boolean;
}

export function chooseModels(input: ModelChoiceInput): ModelChoice {
  const { personas, config, defaults } = input;
  const requireKeys = input.requireKeys ?? true;
  const available = new Set(availableProviders(config as Config));
  const known = new Set(personas.map((persona) => persona.id));
  for (const id of Object.keys(input.personaModels ?? {})) {
    if (!known.has(id)) {
      throw new UsageError(`--persona-model: unknown persona "${id}" (panel: ${[...known].join(', ')})`);
    }
  }
  const fallbackProvider = defaults.providerOrder.find((name) => available.has(name));
  if (requireKeys && fallbackProvider == null) {
    throw new UsageError(
      'no provider key is set: put OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY or OPENROUTER_API_KEY (or OLLAMA_BASE_URL) in .env — or try `npm run demo`',
    );
  }
  const missing = new Set<ProviderName>();
  const explicit = (spec: string, context: string): string => {
    const { provider } = parseModelSpec(spec, context);
    if (!available.has(provider)) {
      if (requireKeys) {
        throw new UsageError(`${context} ${spec} needs ${config.providers[provider].keyVariable}, which is not set`);
      }
      missing.add(provider);
    }
    return spec;
  };
  // Explicit choices must work as given; defaults bend to the keys that exist.
  const defaulted = (spec: string, context: string): string => {
    const { provider } = parseModelSpec(spec, context);
    if (available.has(provider) || fallbackProvider == null) {
      if (!available.has(provider)) missing.add(provider);
      return spec;
    }
    return `${fallbackProvider}:${defaults.defaults[fallbackProvider]}`;
  };
  const everyone = input.model ?? config.panelModel;
  const everyoneContext = input.model ? '--model' : 'PANEL_MODEL';
  const models = new Map<string, string>();
  for (const persona of personas) {
    const own = input.personaModels?.[persona.id];
    if (own) models.set(persona.id, explicit(own, `--persona-model ${persona.id}=`));
    else if (everyone) models.set(persona.id, explicit(everyone, everyoneContext));
    else models.set(persona.id, defaulted(persona.defaultModel, `persona ${persona.id} defaultModel`));
  }
  let profileModel: string;
  if (config.profileModel) profileModel = explicit(config.profileModel, 'PANEL_PROFILE_MODEL');
  else if (everyone) profileModel = explicit(everyone, everyoneContext);
  else {
    const first = personas[0];
    profileModel = first ? (models.get(first.id) as string) : `${fallbackProvider ?? 'openai'}:${defaults.defaults[fallbackProvider ?? 'openai']}`;
  }
  return { models, profileModel, missingKeys: [...missing] };
}

export type ModelConfig = Pick<Config, 'providers'> &
  Partial<Pick<Config, 'callTimeoutMs' | 'providerConcurrency'>>;

/**
 * One gate per provider, server and bound for the whole process, created on first use: every
 * review, panel and batch tool that builds a model through `createModel` shares it.
 */
const gates = new Map<string, CallGate>();

/** The process's gate for a provider's server, for tests and diagnostics. */
export function callGate(provider: ProviderName, config: ModelConfig): CallGate | undefined {
  const limit = config.providerConcurrency?.[provider];
  if (limit == null) return undefined;
  const key = `${provider} ${config.providers[provider].baseUrl ?? ''} ${limit}`;
  let gate = gates.get(key);
  if (gate == null) {
    gate = new CallGate(limit);
    gates.set(key, gate);
  }
  return gate;
}

/**
 * The adapter for a spec, behind its provider's gate when one is configured; its SDK is
 * imported on the first call (`lazy-adapter.ts`). Keys and base URLs come from config, never
 * from the SDK's env.
 */
export function createModel(spec: string, config: ModelConfig): ChatModel {
  const { provider, modelId } = parseModelSpec(spec);
  const model = lazyAdapter({ provider, modelId, settings: config.providers[provider], callTimeoutMs: config.callTimeoutMs });
  const gate = callGate(provider, config);
  return gate ? gateModel(model, gate) : model;
}
