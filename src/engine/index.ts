/**
 * The engine: the pipeline wired once per command. It holds the config, the data files'
 * context (personas, prompts, categories, prices, default models), a pool that builds each
 * `provider:model` once (so SDK clients are reused across the reviews of a batch and the
 * desk's actions), the call settings every structured call takes (retry policy, per-attempt
 * timeout, prices) and the store. Review, batch, the desk's regenerate, compare and demo all
 * take one; nothing else builds a model or writes the retry policy.
 *
 * @example
 * ```ts
 * const engine = await createEngine(loadConfig(env), { store: openStore(config.dbPath) });
 * await runReview(url, {}, engine);
 * const limited = engine.withModelWrapper((model) => limitModel(model, limiter)); // batch
 * const faked = await createEngine(config, { createModel: (spec) => fakeModel(spec, answers) }); // tests
 * ```
 */
import { calibrationHistory, type CalibrationHistory } from '../calibrate/index.js';
import { availableProviders, type Config } from '../config.js';
import { UsageError } from '../errors.js';
import { createModel, parseModelSpec, type ChatModel, type PriceTable, type RetryPolicy } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { loadEngineContext, type EngineContext } from './context.js';
import { createModelPool, type ModelPool } from './model-pool.js';

export { loadEngineContext, type EngineContext } from './context.js';

/** What every structured call takes, from the config and the price table. */
export interface CallSettings {
  retry: RetryPolicy;
  /** Per attempt, in milliseconds. */
  timeoutMs: number;
  prices: PriceTable;
}

export interface Engine<S extends Store | undefined = Store | undefined> {
  readonly config: Readonly<Config>;
  readonly context: EngineContext;
  /** Where drafts are saved; undefined: nothing is saved (`--no-save`). */
  readonly store: S;
  readonly calls: CallSettings;
  /** The model for `provider:model`, built on first use and kept for the engine's life. */
  model(spec: string): ChatModel;
  /**
   * Refuses (UsageError) a spec whose provider has no key, before any work. Injected models
   * (tests) need none.
   */
  requireKey(spec: string, what: string): void;
  /** The same engine saving to another store (a batch item's store; undefined: no save). */
  withStore<T extends Store | undefined>(store: T): Engine<T>;
  /**
   * The same models, each passed once through `wrap` (the batch's rate limiter). The SDK
   * clients stay the ones this engine built.
   */
  withModelWrapper(wrap: (model: ChatModel) => ChatModel): Engine<S>;
  /**
   * What the store's calibration says about each persona on its model, for confidence routing
   * (issue 14); undefined without a store. Built on first use, once per store (a batch of 10k
   * tools reads the store's history once, not per tool), so it is the history as the run began.
   */
  calibration(): CalibrationHistory | undefined;
}

export interface EngineOptions<S extends Store | undefined> {
  store?: S;
  /** Replaces the real adapters (tests, the bench's recording model). Still built once per spec. */
  createModel?: (spec: string) => ChatModel;
  /** Already loaded (tests that build many engines); default: read from the data files. */
  context?: EngineContext;
}

/** The engine of one command: loads the data files unless given, then wires everything once. */
export async function createEngine<S extends Store | undefined = undefined>(
  config: Readonly<Config>,
  options: EngineOptions<S> = {},
): Promise<Engine<S>> {
  const context = options.context ?? (await loadEngineContext());
  return assembleEngine(config, context, options);
}

/** `createEngine` with the context at hand (no IO). */
export function assembleEngine<S extends Store | undefined = undefined>(
  config: Readonly<Config>,
  context: EngineContext,
  options: Omit<EngineOptions<S>, 'context'> = {},
): Engine<S> {
  const injected = options.createModel;
  const pool = createModelPool(injected ?? ((spec) => createModel(spec, config)));
  const calls: CallSettings = {
    retry: { maxRetries: config.maxRetries, retryAfterCapMs: config.retryAfterCapMs },
    timeoutMs: config.callTimeoutMs,
    prices: context.prices,
  };
  const requireKey = (spec: string, what: string): void => {
    if (injected != null) return;
    const { provider } = parseModelSpec(spec, what);
    if (!availableProviders(config as Config).includes(provider)) {
      throw new UsageError(`${what} ${spec} needs ${config.providers[provider].keyVariable}, which is not set`);
    }
  };
  return engineOver(pool, { config, context, calls, requireKey }, options.store as S);
}

interface Shared {
  config: Readonly<Config>;
  context: EngineContext;
  calls: CallSettings;
  requireKey: (spec: string, what: string) => void;
}

/**
 * Per database connection, across the engines and store wrappers that share it: a batch gives
 * each tool its own wrapper of the one store (`withStore(itemStore)`), and the history must be
 * read once per run, not once per tool.
 */
const calibrations = new WeakMap<Store['db'], CalibrationHistory>();

function calibrationOf(store: Store, config: Readonly<Config>): CalibrationHistory {
  let history = calibrations.get(store.db);
  if (history == null) {
    history = calibrationHistory(store, { band: config.calibration.band, agreementLevel: config.calibration.agreementLevel });
    calibrations.set(store.db, history);
  }
  return history;
}

function engineOver<S extends Store | undefined>(pool: ModelPool, shared: Shared, store: S): Engine<S> {
  return {
    ...shared,
    store,
    calibration: () => (store == null ? undefined : calibrationOf(store, shared.config)),
    model: (spec) => pool.get(spec),
    withStore: (other) => engineOver(pool, shared, other),
    withModelWrapper: (wrap) => engineOver(pool.wrapped(wrap), shared, store),
  };
}
