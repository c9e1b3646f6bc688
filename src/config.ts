/**
 * The only reader of `process.env`. `cli/main.ts` loads `.env` through dotenv first, then calls
 * `loadConfig()` once and passes the frozen result down; nothing else looks at the environment.
 */
import { UsageError } from './errors.js';
import { redactSecrets, secretValues } from './redact.js';
import { quoteInput } from './terminal-text.js';

export const PROVIDERS = ['openai', 'anthropic', 'google', 'openrouter', 'ollama'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface ProviderSettings {
  /** Undefined when no key is set (ollama needs none). Never logged or stored. */
  apiKey: string | undefined;
  /** Undefined means the SDK's own default endpoint. */
  baseUrl: string | undefined;
  /** The variable a user sets to give this provider a key, for error messages. */
  keyVariable: string;
  baseUrlVariable: string;
}

export interface Config {
  providers: Record<ProviderName, ProviderSettings>;
  /** `PANEL_MODEL`: one model for every persona (and the profile), `provider:model`. */
  panelModel: string | undefined;
  /** `PANEL_PROFILE_MODEL`: the model that writes the tool profile. */
  profileModel: string | undefined;
  /** `PANEL_GROUNDING_MODEL`: the small model that lists and matches claims (default: data/grounding-models.json). */
  groundingModel: string | undefined;
  dbPath: string;
  /** `PANEL_DEMO_DB`: where `demo` saves its simulated drafts, never the real `dbPath`. */
  demoDbPath: string;
  shipThreshold: number;
  allowPrivateUrls: boolean;
  github: { apiUrl: string; token: string | undefined };
  /** Per provider call, per attempt. */
  callTimeoutMs: number;
  /** Transient-error retries per call, after the first attempt. */
  maxRetries: number;
  /** Longest `retry-after` we honour; a longer request waits this long (the SDKs may not cap). */
  retryAfterCapMs: number;
  /** Parallel persona calls in one panel. */
  panelConcurrency: number;
  /**
   * `PANEL_PROVIDER_CONCURRENCY`: calls in flight at once per provider, across the whole
   * process (every panel and every tool of a batch). Undefined means no bound but
   * `panelConcurrency`. A local server (`ollama`) defaults to 1.
   */
  providerConcurrency: Readonly<Record<ProviderName, number | undefined>>;
  fetch: { timeoutMs: number; maxBytes: number; maxRedirects: number };
  /** Bounds on parsing one HTML page beside the byte cap: a hostile page must not stall the engine. */
  html: HtmlLimits;
  editor: { name: string | undefined; token: string | undefined };
  /** `PANEL_DEBUG=1`: an unexpected error prints its stack trace. */
  debug: boolean;
  /** `PANEL_BATCH_MODE`: the default of `batch --mode` (`online`, or `batch-api` for provider batch APIs). */
  batchMode: 'online' | 'batch-api';
  /**
   * batch-api mode: `PANEL_BATCH_POLL_MS` between status checks of a provider batch (default
   * 30 s: batches take minutes to hours), `PANEL_BATCH_FLUSH_MS` a queue must stay still before
   * it is submitted (default 2 s: the calls of every tool in the run gather into one batch).
   */
  batchApi: { pollMs: number; flushMs: number };
  /**
   * `npm run calibrate` (issue 14): `PANEL_SHIP_BAND` (default `20-80`, percent) flags a persona
   * whose ship rate is outside it; `PANEL_AGREEMENT_LEVEL` (default 0.9) names a persona pair
   * whose verdicts agree at least that often.
   */
  calibration: { band: { min: number; max: number }; agreementLevel: number };
  /**
   * `PANEL_REPEAT`: runs per persona (1–9) when neither `--repeat` nor the persona file's
   * `repeat:` says; undefined = 1 (issue 14).
   */
  repeat: number | undefined;
  /**
   * Confidence routing (issue 14): `PANEL_ROUTING_MIN_CONFIDENCE` (default 60), the confidence
   * every persona needs for a routine draft; `PANEL_ROUTING_MAX_SD` (default 10), the largest
   * score SD across repeats that still counts as stable.
   */
  routing: { minConfidence: number; maxScoreSd: number };
}

export interface HtmlLimits {
  /** Elements nested inside each other (`PANEL_HTML_MAX_DEPTH`). */
  maxDepth: number;
  /** Elements in the page (`PANEL_HTML_MAX_ELEMENTS`). */
  maxElements: number;
  /** Attributes on one element (`PANEL_HTML_MAX_ATTRIBUTES`). */
  maxAttributesPerElement: number;
  /** Attributes in the page (`PANEL_HTML_MAX_TOTAL_ATTRIBUTES`). */
  maxAttributes: number;
  /** CPU time for parsing and extraction, in its own thread (`PANEL_PARSE_TIMEOUT_MS`). */
  parseTimeoutMs: number;
}

export const DEFAULT_HTML_LIMITS: Readonly<HtmlLimits> = Object.freeze({
  maxDepth: 256,
  maxElements: 200_000,
  maxAttributesPerElement: 256,
  maxAttributes: 400_000,
  parseTimeoutMs: 5_000,
});

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw == null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, got ${quoteInput(redactSecrets(raw, secretValues(env)))}`);
  }
  return value;
}

function baseUrl(env: Env, name: string, fallback?: string): string | undefined {
  const raw = text(env, name) ?? fallback;
  if (raw == null) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    // Not a URL at all is often a key pasted into the wrong variable: never echo it.
    const shown = URL.canParse(raw)
      ? `, got ${quoteInput(redactSecrets(raw, secretValues(env)))}`
      : ' (the value is not shown: it is not a URL and may be a key)';
    throw new UsageError(`${name} must be an http(s) URL${shown}`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * A local server has a few slots shared by every request: parallel calls split them, each runs
 * slower, and none finishes in time; one at a time they also share the cached prompt prefix.
 */
const DEFAULT_PROVIDER_CONCURRENCY: Readonly<Record<ProviderName, number | undefined>> = {
  openai: undefined,
  anthropic: undefined,
  google: undefined,
  openrouter: undefined,
  ollama: 1,
};

/** `20-80` → { min: 20, max: 80 }: whole percents, min below max. */
export function parseShipBand(raw: string, name: string): { min: number; max: number } {
  const match = /^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})\s*%?\s*$/.exec(raw);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (match == null || min >= max || max > 100) throw new UsageError(`${name} must look like 20-80 (whole percents, the first below the second, up to 100), got ${quoteInput(raw)}`);
  return { min, max };
}

/** A share from 0 to 1, e.g. `0.9`. */
export function parseShare(raw: string, name: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${name} must be a number from 0 to 1, got ${quoteInput(raw)}`);
  return value;
}

function batchMode(env: Env): 'online' | 'batch-api' {
  const raw = text(env, 'PANEL_BATCH_MODE');
  if (raw == null || raw === 'online' || raw === 'batch-api') return raw ?? 'online';
  throw new UsageError(`PANEL_BATCH_MODE must be online or batch-api, got ${quoteInput(redactSecrets(raw, secretValues(env)))}`);
}

/** `ollama=1,openai=8`: provider=calls pairs, comma separated. */
function providerConcurrency(env: Env, name: string): Record<ProviderName, number | undefined> {
  const limits = { ...DEFAULT_PROVIDER_CONCURRENCY };
  const raw = text(env, name);
  if (raw == null) return limits;
  for (const pair of raw.split(',')) {
    const [provider = '', count = '', extra] = pair.split('=').map((part) => part.trim());
    if (!(PROVIDERS as readonly string[]).includes(provider)) {
      throw new UsageError(
        `${name}: "${pair.trim()}" must be provider=calls with a provider among ${PROVIDERS.join(', ')}`,
      );
    }
    const value = Number(count);
    if (extra != null || !Number.isInteger(value) || value < 1 || value > 64) {
      throw new UsageError(`${name}: the calls in "${pair.trim()}" must be an integer from 1 to 64`);
    }
    limits[provider as ProviderName] = value;
  }
  return limits;
}

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const provider = (
    keyVariable: string,
    baseUrlVariable: string,
    apiKey: string | undefined,
    defaultBaseUrl?: string,
  ): ProviderSettings => ({
    apiKey,
    baseUrl: baseUrl(env, baseUrlVariable, defaultBaseUrl),
    keyVariable,
    baseUrlVariable,
  });
  const config: Config = {
    providers: {
      openai: provider('OPENAI_API_KEY', 'OPENAI_BASE_URL', text(env, 'OPENAI_API_KEY')),
      anthropic: provider('ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', text(env, 'ANTHROPIC_API_KEY')),
      google: provider(
        'GEMINI_API_KEY',
        'GOOGLE_GEMINI_BASE_URL',
        // The Google SDK prefers GOOGLE_API_KEY when both are set; so do we.
        text(env, 'GOOGLE_API_KEY') ?? text(env, 'GEMINI_API_KEY'),
      ),
      openrouter: provider(
        'OPENROUTER_API_KEY',
        'OPENROUTER_BASE_URL',
        text(env, 'OPENROUTER_API_KEY'),
        'https://openrouter.ai/api/v1',
      ),
      ollama: provider(
        'OLLAMA_API_KEY',
        'OLLAMA_BASE_URL',
        // Ollama needs no key: setting its base URL is what makes it available.
        text(env, 'OLLAMA_API_KEY') ?? (text(env, 'OLLAMA_BASE_URL') ? 'ollama' : undefined),
        'http://127.0.0.1:11434/v1',
      ),
    },
    panelModel: text(env, 'PANEL_MODEL'),
    profileModel: text(env, 'PANEL_PROFILE_MODEL'),
    groundingModel: text(env, 'PANEL_GROUNDING_MODEL'),
    dbPath: text(env, 'PANEL_DB') ?? 'data/panel.db',
    demoDbPath: text(env, 'PANEL_DEMO_DB') ?? 'data/demo.db',
    shipThreshold: integer(env, 'PANEL_SHIP_THRESHOLD', 50, 1, 100),
    allowPrivateUrls: text(env, 'PANEL_ALLOW_PRIVATE_URLS') === '1',
    github: {
      apiUrl: baseUrl(env, 'GITHUB_API_URL', 'https://api.github.com') ?? 'https://api.github.com',
      token: text(env, 'GITHUB_TOKEN'),
    },
    callTimeoutMs: integer(env, 'PANEL_CALL_TIMEOUT_MS', 90_000, 100, 3_600_000),
    maxRetries: integer(env, 'PANEL_MAX_RETRIES', 3, 0, 10),
    retryAfterCapMs: integer(env, 'PANEL_RETRY_AFTER_CAP_MS', 60_000, 0, 3_600_000),
    panelConcurrency: integer(env, 'PANEL_CONCURRENCY', 8, 1, 64),
    providerConcurrency: Object.freeze(providerConcurrency(env, 'PANEL_PROVIDER_CONCURRENCY')),
    fetch: {
      timeoutMs: integer(env, 'PANEL_FETCH_TIMEOUT_MS', 15_000, 100, 600_000),
      maxBytes: integer(env, 'PANEL_FETCH_MAX_BYTES', 5_000_000, 1_000, 100_000_000),
      maxRedirects: 5,
    },
    html: {
      maxDepth: integer(env, 'PANEL_HTML_MAX_DEPTH', DEFAULT_HTML_LIMITS.maxDepth, 16, 1_000_000),
      maxElements: integer(env, 'PANEL_HTML_MAX_ELEMENTS', DEFAULT_HTML_LIMITS.maxElements, 100, 10_000_000),
      maxAttributesPerElement: integer(env, 'PANEL_HTML_MAX_ATTRIBUTES', DEFAULT_HTML_LIMITS.maxAttributesPerElement, 8, 10_000_000),
      maxAttributes: integer(env, 'PANEL_HTML_MAX_TOTAL_ATTRIBUTES', DEFAULT_HTML_LIMITS.maxAttributes, 100, 100_000_000),
      parseTimeoutMs: integer(env, 'PANEL_PARSE_TIMEOUT_MS', DEFAULT_HTML_LIMITS.parseTimeoutMs, 50, 3_600_000),
    },
    editor: { name: text(env, 'EDITOR_NAME'), token: text(env, 'EDITOR_TOKEN') },
    debug: debugEnabled(env),
    batchMode: batchMode(env),
    batchApi: {
      pollMs: integer(env, 'PANEL_BATCH_POLL_MS', 30_000, 10, 3_600_000),
      flushMs: integer(env, 'PANEL_BATCH_FLUSH_MS', 2_000, 0, 600_000),
    },
    calibration: {
      band: parseShipBand(text(env, 'PANEL_SHIP_BAND') ?? '20-80', 'PANEL_SHIP_BAND'),
      agreementLevel: parseShare(text(env, 'PANEL_AGREEMENT_LEVEL') ?? '0.9', 'PANEL_AGREEMENT_LEVEL'),
    },
    repeat: text(env, 'PANEL_REPEAT') == null ? undefined : integer(env, 'PANEL_REPEAT', 1, 1, 9),
    routing: {
      minConfidence: integer(env, 'PANEL_ROUTING_MIN_CONFIDENCE', 60, 0, 100),
      maxScoreSd: integer(env, 'PANEL_ROUTING_MAX_SD', 10, 0, 100),
    },
  };
  return Object.freeze(config);
}

/** The environment commands read: the one given (tests), else the process's own. */
export function environment(env?: Env): Env {
  return env ?? process.env;
}

/** `PANEL_DEBUG=1`; readable before (and without) a valid config, for the top-level error printer. */
export function debugEnabled(env?: Env): boolean {
  return text(environment(env), 'PANEL_DEBUG') === '1';
}

/** The values of the environment's keys and tokens, to mask them in any printed line. */
export function secretsOf(env?: Env): string[] {
  return secretValues(environment(env));
}

/** Providers that can be called: a key is set (ollama only needs its base URL to be set). */
export function availableProviders(config: Config): ProviderName[] {
  return PROVIDERS.filter((name) => config.providers[name].apiKey != null);
}
