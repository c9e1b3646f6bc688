/**
 * SSRF guard: which addresses a fetch may connect to. Every hop of a fetch resolves its host
 * here first and then connects to exactly the address that was checked (see safe-fetch.ts), so
 * a DNS answer that changes between check and connect (rebinding) cannot reach a private host.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { IntakeError } from '../errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a hostname to every address it has; injectable so tests never touch real DNS. */
export type LookupFunction = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupFunction = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family === 6 ? 6 : 4 }));
};

// ipaddr.js range names → the words used in the error line. Anything not listed here and not
// plain 'unicast' is still refused, as "a reserved address".
const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  carrierGradeNat: 'a private (carrier-grade NAT) address',
  uniqueLocal: 'a private (unique-local) address',
  linkLocal: 'a link-local address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  deprecatedSiteLocal: 'a site-local address',
};

/**
 * Why an address must not be fetched, as words for an error line ("a private address"), or
 * null when it is a public unicast address. Unparseable input is refused.
 */
export function refusalReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not a valid IP address';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:a.b.c.d reaches the IPv4 host a.b.c.d, so it is judged as that address.
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else {
      // ipaddr.js calls ::a.b.c.d (IPv4-compatible, `[::127.0.0.1]` → `::7f00:1`) and the rest
      // of ::/8 "unicast"; some stacks route them to the IPv4 host. Only 2000::/3 is global
      // unicast, so anything outside it that no named range claims is reserved.
      const reason = reservedIPv6(v6);
      if (reason) return reason;
    }
  }
  const range = parsed.range();
  if (range === 'unicast') return null;
  // 0.0.0.0/8 is "this network": connecting to it reaches the local host on most systems.
  return RANGE_WORDS[range] ?? 'a reserved address';
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
const RESERVED_ZERO = ipaddr.parseCIDR('::/8');
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

function reservedIPv6(address: ipaddr.IPv6): string | null {
  if (address.range() !== 'unicast') return null;
  if (address.match(IPV4_COMPATIBLE)) return 'an IPv4-compatible IPv6 address (::/96)';
  if (address.match(RESERVED_ZERO)) return 'a reserved address (::/8)';
  return address.match(GLOBAL_UNICAST) ? null : 'a reserved address (outside 2000::/3)';
}

export interface HopPolicy {
  allowPrivateUrls: boolean;
  lookup?: LookupFunction | undefined;
}

/** The hostname as the resolver and `net.connect` want it: IPv6 literals lose their brackets. */
export function bareHostname(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

const ALLOW_HINT = '(set PANEL_ALLOW_PRIVATE_URLS=1 for local testing)';

/**
 * Checks one hop before it is requested: scheme, then every address the host resolves to.
 * Returns the address to connect to. A host with any refused address is refused as a whole,
 * since the system resolver could pick any of them.
 */
export async function checkHop(url: URL, policy: HopPolicy): Promise<ResolvedAddress> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new IntakeError(
      `refusing to fetch ${url.href}: only http and https URLs are supported`,
      { badInput: true },
    );
  }
  const hostname = bareHostname(url);
  // The WHATWG parser has already turned 2130706433, 0x7f000001 and 0177.0.0.1 into 127.0.0.1,
  // so a numeric host of any spelling arrives here as a canonical IP literal.
  const literal = ipaddr.isValid(hostname);
  let addresses: ResolvedAddress[];
  if (literal) {
    addresses = [{ address: hostname, family: ipaddr.parse(hostname).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    addresses = await resolve(url, hostname, policy.lookup ?? systemLookup);
  }
  if (!policy.allowPrivateUrls) {
    for (const { address } of addresses) {
      const reason = refusalReason(address);
      if (reason == null) continue;
      const subject = literal ? address : `${hostname} resolves to ${address},`;
      throw new IntakeError(`refusing to fetch ${url.href}: ${subject} ${literal ? 'is ' : ''}${reason} ${ALLOW_HINT}`, {
        badInput: true,
      });
    }
  }
  const first = addresses[0];
  if (first == null) throw new IntakeError(`cannot fetch ${url.href}: ${hostname} has no address`);
  return first;
}

async function resolve(url: URL, hostname: string, lookup: LookupFunction): Promise<ResolvedAddress[]> {
  try {
    return await lookup(hostname);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOTFOUND' || code === 'ENODATA' ? 'was not found' : `could not be resolved (${code ?? String(error)})`;
    throw new IntakeError(`cannot fetch ${url.href}: host ${hostname} ${why}`, { cause: error });
  }
}
