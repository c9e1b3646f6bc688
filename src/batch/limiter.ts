/**
 * The run's shared rate limiter: per provider, a request bucket and a token bucket (continuous
 * refill at the configured per-minute rate, sized `burstSeconds` of it), FIFO waiters, and
 * AIMD on 429s. One instance per batch run, shared by every tool and persona call through the
 * `limitModel` decorator, so a 429 that any call sees slows the provider down for all of them.
 *
 * Every 429 pauses the provider for everyone until its retry-after (capped like the retry loop
 * caps it). The refused call gets its slot back (a refusal is not a request the provider
 * served), and the buckets keep filling while paused, so a pause shifts calls rather than
 * losing them: an isolated 429 costs no throughput. The rate itself is multiplied by
 * `decreaseFactor` only when 429s are sustained — at least `congestionShare` of the provider's
 * last `congestionWindow` answers — and at most once per pause (the other 429s of one burst
 * were sent before anyone knew). Each successful call wins back `recoverPerSuccess` of the
 * configured rate. Sustained, because providers (and the simulator) also refuse now and then
 * when no limit is near.
 */
import { RecentOutcomes } from './congestion.js';
import { limitsFor, type AdaptiveSettings, type ProviderLimits, type RateLimitsFile } from './rate-limits.js';

export interface LimiterPermit {
  readonly provider: string;
  readonly tokens: number;
}

export interface PauseEvent {
  provider: string;
  pauseMs: number;
  /** The rate now in force, after any decrease. */
  requestsPerMinute: number;
  tokensPerMinute: number;
  decreased: boolean;
}

export interface ProviderLimiterStats {
  requests: number;
  /** 429s reported by calls. */
  rateLimited: number;
  /** Pauses (overlapping 429s extend one pause). */
  pauses: number;
  /** Times the rate was lowered (sustained 429s). */
  decreases: number;
  /** Time spent paused (overlaps merged). */
  pausedMs: number;
  configuredRequestsPerMinute: number;
  /** Current rates, after AIMD. */
  requestsPerMinute: number;
  tokensPerMinute: number;
}

export interface LimiterOptions {
  limits: RateLimitsFile;
  /** Longest pause a 429's retry-after may ask for (`PANEL_RETRY_AFTER_CAP_MS`). */
  pauseCapMs: number;
  now?: () => number;
  onPause?: (event: PauseEvent) => void;
}

interface Waiter {
  tokens: number;
  resolve: (permit: LimiterPermit) => void;
  reject: (reason: unknown) => void;
  detach: () => void;
}

interface Bucket {
  provider: string;
  limits: ProviderLimits;
  factor: number;
  requests: number;
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
  /** When the last decrease's pause ends: 429s before it belong to the same burst. */
  congestionUntil: number;
  recent: RecentOutcomes;
  queue: Waiter[];
  timer: NodeJS.Timeout | undefined;
  stats: { requests: number; rateLimited: number; pauses: number; decreases: number; pausedMs: number };
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly adaptive: AdaptiveSettings;
  private readonly now: () => number;

  constructor(private readonly options: LimiterOptions) {
    this.adaptive = options.limits.adaptive;
    this.now = options.now ?? Date.now;
  }

  /** Waits for a request slot and `tokens` of token budget on `provider`. */
  acquire(provider: string, tokens: number, signal?: AbortSignal): Promise<LimiterPermit> {
    const bucket = this.bucket(provider);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        bucket.queue = bucket.queue.filter((entry) => entry !== waiter);
        reject(signal?.reason);
        this.pump(bucket);
      };
      const waiter: Waiter = {
        tokens: Math.max(0, Math.ceil(tokens)),
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      bucket.queue.push(waiter);
      this.pump(bucket);
    });
  }

  /** The call answered: charge what it really used (refunding or adding to the estimate). */
  succeeded(permit: LimiterPermit, usedTokens: number): void {
    const bucket = this.bucket(permit.provider);
    bucket.tokens += permit.tokens - usedTokens;
    bucket.factor = Math.min(1, bucket.factor + this.adaptive.recoverPerSuccess);
    bucket.recent.record(false);
    this.pump(bucket);
  }

  /** The call failed otherwise (5xx, timeout…): the request counts, its tokens are refunded. */
  failed(permit: LimiterPermit): void {
    const bucket = this.bucket(permit.provider);
    bucket.tokens += permit.tokens;
    bucket.recent.record(false);
    this.pump(bucket);
  }

  /** A 429: pause the provider for everyone; lower its rate if 429s are sustained. */
  rateLimited(permit: LimiterPermit, retryAfterMs: number | undefined): void {
    const bucket = this.bucket(permit.provider);
    const now = this.now();
    this.refill(bucket, now);
    // Refused, not served: the slot and the tokens go back.
    bucket.requests += 1;
    bucket.tokens += permit.tokens;
    bucket.stats.rateLimited += 1;
    bucket.recent.record(true);
    const pauseMs = Math.max(1, Math.min(retryAfterMs ?? this.adaptive.defaultPauseMs, this.options.pauseCapMs));
    const until = now + pauseMs;
    if (now >= bucket.pausedUntil) bucket.stats.pauses += 1;
    bucket.stats.pausedMs += Math.max(0, until - Math.max(now, bucket.pausedUntil));
    bucket.pausedUntil = Math.max(bucket.pausedUntil, until);
    const decreased = now >= bucket.congestionUntil && bucket.recent.atLeast(this.adaptive.congestionShare);
    if (decreased) {
      bucket.factor = Math.max(this.adaptive.minFactor, bucket.factor * this.adaptive.decreaseFactor);
      bucket.stats.decreases += 1;
      bucket.congestionUntil = bucket.pausedUntil;
    }
    this.options.onPause?.({
      provider: permit.provider,
      pauseMs,
      requestsPerMinute: this.rate(bucket, 'requestsPerMinute'),
      tokensPerMinute: this.rate(bucket, 'tokensPerMinute'),
      decreased,
    });
    this.pump(bucket);
  }

  stats(): Record<string, ProviderLimiterStats> {
    return Object.fromEntries(
      [...this.buckets].map(([provider, bucket]) => [
        provider,
        {
          ...bucket.stats,
          configuredRequestsPerMinute: bucket.limits.requestsPerMinute,
          requestsPerMinute: round(this.rate(bucket, 'requestsPerMinute')),
          tokensPerMinute: round(this.rate(bucket, 'tokensPerMinute')),
        },
      ]),
    );
  }

  /** Stops every timer and refuses the waiters (end of run). */
  close(reason: unknown = new Error('the rate limiter was closed')): void {
    for (const bucket of this.buckets.values()) {
      clearTimeout(bucket.timer);
      for (const waiter of bucket.queue.splice(0)) {
        waiter.detach();
        waiter.reject(reason);
      }
    }
  }

  private bucket(provider: string): Bucket {
    let bucket = this.buckets.get(provider);
    if (bucket == null) {
      const stats = { requests: 0, rateLimited: 0, pauses: 0, decreases: 0, pausedMs: 0 };
      const recent = new RecentOutcomes(this.adaptive.congestionWindow);
      const limits = limitsFor(this.options.limits, provider);
      bucket = { provider, limits, factor: 1, requests: 0, tokens: 0, updatedAt: this.now(), pausedUntil: 0, congestionUntil: 0, recent, queue: [], timer: undefined, stats };
      // Start full: the first calls of a run need not wait.
      bucket.requests = this.capacity(bucket, 'requestsPerMinute');
      bucket.tokens = this.capacity(bucket, 'tokensPerMinute');
      this.buckets.set(provider, bucket);
    }
    return bucket;
  }

  private rate(bucket: Bucket, which: 'requestsPerMinute' | 'tokensPerMinute'): number {
    return bucket.limits[which] * bucket.factor;
  }

  /** At least one whole request (or one call's tokens) must fit, however low the rate. */
  private capacity(bucket: Bucket, which: 'requestsPerMinute' | 'tokensPerMinute'): number {
    return Math.max(1, (this.rate(bucket, which) * bucket.limits.burstSeconds) / 60);
  }

  /** Buckets fill while paused too: a pause moves calls later, it does not lose them. */
  private refill(bucket: Bucket, now: number): void {
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.updatedAt = now;
    const perMs = (which: 'requestsPerMinute' | 'tokensPerMinute') => this.rate(bucket, which) / 60_000;
    bucket.requests = Math.min(this.capacity(bucket, 'requestsPerMinute'), bucket.requests + elapsed * perMs('requestsPerMinute'));
    bucket.tokens = Math.min(this.capacity(bucket, 'tokensPerMinute'), bucket.tokens + elapsed * perMs('tokensPerMinute'));
  }

  /** Admits waiters in order while both buckets allow; otherwise sleeps until they will. */
  private pump(bucket: Bucket): void {
    clearTimeout(bucket.timer);
    const now = this.now();
    this.refill(bucket, now);
    while (bucket.queue.length > 0) {
      if (now < bucket.pausedUntil) return this.wake(bucket, bucket.pausedUntil - now);
      const head = bucket.queue[0] as Waiter;
      // A call larger than the bucket may still go when the bucket is full (it leaves a debt).
      const needTokens = Math.min(head.tokens, this.capacity(bucket, 'tokensPerMinute'));
      if (bucket.requests >= 1 && bucket.tokens >= needTokens) {
        bucket.queue.shift();
        bucket.requests -= 1;
        bucket.tokens -= head.tokens;
        bucket.stats.requests += 1;
        head.detach();
        head.resolve({ provider: bucket.provider, tokens: head.tokens });
        continue;
      }
      const perMs = (which: 'requestsPerMinute' | 'tokensPerMinute') => this.rate(bucket, which) / 60_000;
      const waitRequests = Math.max(0, 1 - bucket.requests) / perMs('requestsPerMinute');
      return this.wake(bucket, Math.max(waitRequests, Math.max(0, needTokens - bucket.tokens) / perMs('tokensPerMinute')));
    }
  }

  private wake(bucket: Bucket, delayMs: number): void {
    bucket.timer = setTimeout(() => this.pump(bucket), Math.max(1, Math.ceil(delayMs)));
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;
