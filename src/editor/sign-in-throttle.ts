/**
 * Sign-in throttling per client address. Guessing the token must be slow: after
 * `FREE_FAILURES` wrong tokens from one address, that address is locked out for 30 s, doubling
 * with each further failure up to 15 minutes; during a lockout every attempt is refused, the
 * right token included (otherwise a guesser would simply keep going). A success clears the
 * address. Wrong bearer tokens count the same as wrong sign-in forms.
 *
 * Kept in memory: a restart forgets the failures (it also costs the guesser a restart of
 * somebody else's server). The address is the TCP peer's: behind a reverse proxy every client
 * is the proxy, so the proxy should rate-limit too (X-Forwarded-For is not trusted).
 */
import type { Context } from 'hono';

export const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
const FORGET_MS = 60 * 60_000;
/** Addresses tracked at most; the oldest are dropped first, so the map cannot grow without end. */
const MAX_ADDRESSES = 10_000;

interface Record {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export interface SignInThrottle {
  /** Milliseconds until `address` may try again, 0 when it may now. */
  waitMs(address: string): number;
  /** A wrong token from `address`; returns the lockout it now has (0 while under the free failures). */
  failed(address: string): number;
  succeeded(address: string): void;
}

export function createSignInThrottle(now: () => Date): SignInThrottle {
  const records = new Map<string, Record>();
  const current = (address: string): Record | undefined => {
    const record = records.get(address);
    if (record && now().getTime() - record.lastFailure > FORGET_MS && record.lockedUntil <= now().getTime()) {
      records.delete(address);
      return undefined;
    }
    return record;
  };
  return {
    waitMs(address) {
      const record = current(address);
      return record ? Math.max(0, record.lockedUntil - now().getTime()) : 0;
    },
    failed(address) {
      const at = now().getTime();
      const record = current(address) ?? { failures: 0, lockedUntil: 0, lastFailure: at };
      record.failures += 1;
      record.lastFailure = at;
      const over = record.failures - FREE_FAILURES;
      const lockMs = over < 0 ? 0 : Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** over);
      record.lockedUntil = at + lockMs;
      records.delete(address);
      records.set(address, record); // most recent last
      if (records.size > MAX_ADDRESSES) records.delete(records.keys().next().value as string);
      return lockMs;
    },
    succeeded(address) {
      records.delete(address);
    },
  };
}

/** The TCP peer of the request (`@hono/node-server` puts the socket in the env); 'unknown' in tests. */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** "Try again in 2 minutes": the lockout as an editor reads it. */
export function lockoutMessage(waitMs: number): string {
  const seconds = Math.ceil(waitMs / 1000);
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `too many wrong tokens from this address: sign-in is locked for ${wait}, even with the right token`;
}
