import { describe, expect, it, vi } from 'vitest';
import { errorExitCode } from '../../src/cli/error-line.js';
import { IntakeError } from '../../src/errors.js';
import { checkHop, refusalReason, type LookupFunction } from '../../src/intake/address-check.js';

describe('refusalReason', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.0.9', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['10.0.0.5', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['100.64.0.1', 'a private (carrier-grade NAT) address'],
    ['169.254.169.254', 'a link-local address'],
    ['169.254.1.1', 'a link-local address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['240.0.0.1', 'a reserved address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:10.1.2.3', 'a private address'],
    ['::ffff:169.254.169.254', 'a link-local address'],
    ['fd00::1', 'a private (unique-local) address'],
    ['fc00::1', 'a private (unique-local) address'],
    ['fe80::1', 'a link-local address'],
    ['ff02::1', 'a multicast address'],
    ['::', 'an unspecified address'],
    ['2001:db8::1', 'a reserved address'],
    ['not-an-ip', 'not a valid IP address'],
  ])('%s is refused as %s', (address, reason) => {
    expect(refusalReason(address)).toBe(reason);
  });

  // The rest of the IPv6 special ranges, by ipaddr.js range name, and what ipaddr.js calls
  // plain unicast but is not global unicast (outside 2000::/3), such as IPv4-compatible
  // addresses: `http://[::127.0.0.1]/` is parsed by the URL parser to [::7f00:1].
  it.each([
    ['::7f00:1', 'IPv4-compatible (loopback)', 'an IPv4-compatible IPv6 address (::/96)'],
    ['::127.0.0.1', 'dotted form, judged as its IPv4 address', 'a loopback address'],
    ['::a9fe:a9fe', 'IPv4-compatible (metadata 169.254.169.254)', 'an IPv4-compatible IPv6 address (::/96)'],
    ['::a00:1', 'IPv4-compatible (10.0.0.1)', 'an IPv4-compatible IPv6 address (::/96)'],
    ['0:0:0:0:0:1:7f00:1', 'rest of ::/8', 'a reserved address (::/8)'],
    ['ff::1', 'rest of ::/8', 'a reserved address (::/8)'],
    ['100::1', 'discard', 'a reserved address'],
    ['64:ff9b::7f00:1', 'rfc6052 (NAT64)', 'a reserved address'],
    ['::ffff:0:7f00:1', 'rfc6145', 'a reserved address'],
    ['2002:7f00:1::', '6to4', 'a reserved address'],
    ['2001::1', 'teredo', 'a reserved address'],
    ['2001:2::1', 'benchmarking', 'a reserved address'],
    ['2001:10::1', 'deprecatedOrchid', 'a reserved address'],
    ['2001:20::1', 'orchid2', 'a reserved address'],
    ['fec0::1', 'deprecatedSiteLocal', 'a site-local address'],
    ['4000::1', 'unallocated (outside 2000::/3)', 'a reserved address (outside 2000::/3)'],
  ])('%s (%s) is refused as %s', (address, _range, reason) => {
    expect(refusalReason(address)).toBe(reason);
  });

  it('refuses http://[::127.0.0.1]/ and http://[::a9fe:a9fe]/ before connecting', async () => {
    for (const target of ['http://[::127.0.0.1]/', 'http://[::a9fe:a9fe]/latest/meta-data/']) {
      const error: unknown = await checkHop(new URL(target), { allowPrivateUrls: false }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IntakeError);
      expect(errorExitCode(error)).toBe(2);
      expect((error as Error).message).toMatch(/is an IPv4-compatible IPv6 address \(::\/96\)/);
    }
  });

  it.each(['8.8.8.8', '93.184.216.34', '1.1.1.1', '172.32.0.1', '2606:4700::1', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8'])(
    '%s is allowed',
    (address) => {
      expect(refusalReason(address)).toBeNull();
    },
  );
});

const noDns: LookupFunction = () => Promise.reject(new Error('DNS must not be consulted for an IP literal'));

describe('checkHop', () => {
  it.each([
    // The WHATWG URL parser turns every numeric spelling into the dotted form before we see it.
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
    ['http://[::1]:8080/', '::1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://0.0.0.0:3000/', '0.0.0.0'],
  ])('refuses %s without asking DNS', async (href, address) => {
    const url = new URL(href);
    const refused = checkHop(url, { allowPrivateUrls: false, lookup: noDns });
    await expect(refused).rejects.toBeInstanceOf(IntakeError);
    await expect(refused).rejects.toMatchObject({
      kind: 'intake-refused',
      message: expect.stringMatching(
        new RegExp(`^refusing to fetch ${url.href.replace(/[.[\]]/g, '\\$&')}: ${address.replace(/\./g, '\\.')} is an? .* \\(set PANEL_ALLOW_PRIVATE_URLS=1 for local testing\\)$`),
      ),
    });
  });

  it('names the private address a hostname resolves to', async () => {
    const lookup: LookupFunction = async () => [{ address: '10.0.0.5', family: 4 }];
    await expect(checkHop(new URL('http://intranet.test/'), { allowPrivateUrls: false, lookup })).rejects.toThrow(
      'refusing to fetch http://intranet.test/: intranet.test resolves to 10.0.0.5, a private address (set PANEL_ALLOW_PRIVATE_URLS=1 for local testing)',
    );
  });

  it('refuses a host when any of its addresses is private (the resolver could pick it)', async () => {
    const lookup: LookupFunction = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(checkHop(new URL('https://mixed.test/'), { allowPrivateUrls: false, lookup })).rejects.toThrow(
      /127\.0\.0\.1, a loopback address/,
    );
  });

  it('returns the checked public address to pin the connection to', async () => {
    const lookup = vi.fn<LookupFunction>(async () => [{ address: '93.184.216.34', family: 4 }]);
    const pinned = await checkHop(new URL('https://public.test/page'), { allowPrivateUrls: false, lookup });
    expect(pinned).toEqual({ address: '93.184.216.34', family: 4 });
    expect(lookup).toHaveBeenCalledWith('public.test');
  });

  it('checks each redirect hop on its own: a public first hop does not clear a private second', async () => {
    const lookup: LookupFunction = async (hostname) =>
      hostname === 'public.test' ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '169.254.169.254', family: 4 }];
    const policy = { allowPrivateUrls: false, lookup };
    await expect(checkHop(new URL('https://public.test/'), policy)).resolves.toEqual({ address: '93.184.216.34', family: 4 });
    await expect(checkHop(new URL('http://metadata.test/latest/'), policy)).rejects.toThrow(
      /metadata\.test resolves to 169\.254\.169\.254, a link-local address/,
    );
  });

  it('allows private addresses when PANEL_ALLOW_PRIVATE_URLS is set', async () => {
    await expect(checkHop(new URL('http://127.0.0.1:8080/'), { allowPrivateUrls: true, lookup: noDns })).resolves.toEqual({
      address: '127.0.0.1',
      family: 4,
    });
  });

  it('refuses a non-http scheme on a hop (a redirect to file: or ftp:)', async () => {
    await expect(checkHop(new URL('file:///etc/passwd'), { allowPrivateUrls: true })).rejects.toMatchObject({
      kind: 'intake-refused',
      message: 'refusing to fetch file:///etc/passwd: only http and https URLs are supported',
    });
  });

  it('reports a DNS failure as a failed fetch (exit 1), not bad input', async () => {
    const lookup: LookupFunction = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nope.test'), { code: 'ENOTFOUND' });
    };
    await expect(checkHop(new URL('https://nope.test/'), { allowPrivateUrls: false, lookup })).rejects.toMatchObject({
      kind: 'intake-failed',
      message: 'cannot fetch https://nope.test/: host nope.test was not found',
    });
  });
});
