/**
 * The batch's rate limits are data (`data/rate-limits.json`), read through one zod schema:
 * a default, per-provider overrides, and the adaptive (AIMD) settings.
 */
import path from 'node:path';
import { z } from 'zod';
import { PROVIDERS, type ProviderName } from '../config.js';
import { readJsonFile } from '../json-file.js';
import { PROJECT_ROOT } from '../paths.js';

export const DEFAULT_RATE_LIMITS_FILE = path.join(PROJECT_ROOT, 'data', 'rate-limits.json');

const Limits = z.strictObject({
  requestsPerMinute: z.number().positive(),
  tokensPerMinute: z.number().positive(),
  /** Seconds of rate that may be spent at once (the bucket's size). */
  burstSeconds: z.number().positive().max(60).optional(),
});

const Adaptive = z.strictObject({
  /** Rate multiplier applied when 429s are sustained (at most once per pause). */
  decreaseFactor: z.number().gt(0).max(1).default(0.7),
  /** Share of 429s among the provider's last `congestionWindow` answers that counts as sustained. */
  congestionShare: z.number().gt(0).max(1).default(0.15),
  congestionWindow: z.number().int().min(1).max(1000).default(40),
  /** The rate never falls below this share of the configured one. */
  minFactor: z.number().gt(0).max(1).default(0.2),
  /** Share of the configured rate won back by each successful call. */
  recoverPerSuccess: z.number().min(0).max(1).default(0.02),
  /** Pause when a 429 carries no retry-after. */
  defaultPauseMs: z.number().int().min(0).default(1000),
});

export const RateLimitsFile = z.strictObject({
  about: z.string().optional(),
  default: Limits,
  providers: z.partialRecord(z.enum(PROVIDERS), Limits.partial()).default({}),
  adaptive: Adaptive.default(Adaptive.parse({})),
});
export type RateLimitsFile = z.infer<typeof RateLimitsFile>;

/** The limits one provider runs under. */
export interface ProviderLimits {
  requestsPerMinute: number;
  tokensPerMinute: number;
  burstSeconds: number;
}

export type AdaptiveSettings = z.infer<typeof Adaptive>;

export function limitsFor(file: RateLimitsFile, provider: ProviderName | string): ProviderLimits {
  const own = file.providers[provider as ProviderName] ?? {};
  return { burstSeconds: 2, ...file.default, ...own };
}

export function loadRateLimits(file: string = DEFAULT_RATE_LIMITS_FILE): Promise<RateLimitsFile> {
  return readJsonFile(file, RateLimitsFile);
}
