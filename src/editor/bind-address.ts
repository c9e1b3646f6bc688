/**
 * Where `serve` may listen. Kept apart from the web app's middleware (security.ts) so the
 * command-line desk can import the editor stage without loading Hono.
 */
import ipaddr from 'ipaddr.js';
import { UsageError } from '../errors.js';

/** 127.0.0.0/8, ::1 (also IPv4-mapped) and `localhost`: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  if (!ipaddr.isValid(bare)) return false;
  return ipaddr.process(bare).range() === 'loopback';
}

/** `serve`'s guard: listening beyond this machine needs `EDITOR_TOKEN`. Throws a one-line UsageError. */
export function checkBindAddress(host: string, token: string | undefined): void {
  if (isLoopbackHost(host) || (token != null && token !== '')) return;
  throw new UsageError(
    `refusing to listen on ${host} without EDITOR_TOKEN: set EDITOR_TOKEN to a long random secret, or use --host 127.0.0.1`,
  );
}
