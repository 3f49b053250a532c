// Which network an address is on, and what a job's image downloads may reach: public addresses
// and the networks the base URL is on. IPv6 forms that carry an IPv4 address are judged by it.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addressClass } from '../../src/core/http/addressClass';
import {
  AddressPolicy,
  guardedLookup,
  policyForBase,
  RefusedAddressError,
  type Resolve,
} from '../../src/core/http/addressGuard';

const resolveTo =
  (map: Record<string, string[]>): Resolve =>
  async (host) => {
    const found = map[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('address classes', () => {
  const CASES: [string, string | undefined][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'sharedNat'],
    ['100.127.255.255', 'sharedNat'],
    ['100.128.0.1', 'public'],
    ['0.0.0.0', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['::', 'reserved'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['febf::1', 'linkLocal'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['ff02::1', 'reserved'],
    ['2606:4700::1111', 'public'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:a9fe:a9fe', 'linkLocal'],
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['2002:a00:1::1', 'private'],
    ['::10.0.0.1', 'private'],
    ['metadata.google.internal', undefined],
    ['', undefined],
  ];
  for (const [address, expected] of CASES) {
    it(`${address || '(empty)'} is ${expected ?? 'not an address'}`, () =>
      assert.equal(addressClass(address), expected));
  }

  it('an IPv4 address and its IPv4-mapped IPv6 forms (dotted and hex) are always of the same class', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split('.').map(Number);
        const hex = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const cls = addressClass(v4);
        assert.equal(addressClass(`::ffff:${v4}`), cls);
        assert.equal(addressClass(`::ffff:${hex}`), cls);
        assert.equal(addressClass(`64:ff9b::${hex}`), cls);
      }),
    );
  });

  it('never throws and answers a class for every IPv6 address', () => {
    fc.assert(fc.property(fc.ipV6(), (v6) => assert.ok(addressClass(v6) !== undefined, v6)));
  });
});

describe('address policy', () => {
  it('a base URL permits the networks it is on, by literal or by name', async () => {
    const resolve = resolveTo({
      'gateway.lan': ['192.168.1.20'],
      localhost: ['127.0.0.1', '::1'],
      'geekai.co': ['104.21.0.1'],
    });
    assert.deepEqual([...(await policyForBase('http://127.0.0.1:8080/api/v1', resolve)).allowed].sort(), [
      'loopback',
      'public',
    ]);
    assert.deepEqual([...(await policyForBase('http://[::1]:8080/v1', resolve)).allowed].sort(), [
      'loopback',
      'public',
    ]);
    assert.deepEqual([...(await policyForBase('http://gateway.lan/v1', resolve)).allowed].sort(), [
      'private',
      'public',
    ]);
    assert.deepEqual([...(await policyForBase('http://localhost:3000/v1', resolve)).allowed].sort(), [
      'loopback',
      'public',
    ]);
    assert.deepEqual([...(await policyForBase('https://geekai.co/api/v1', resolve)).allowed], ['public']);
    assert.deepEqual(
      [...(await policyForBase('https://unknown.example/v1', resolve)).allowed],
      ['public'],
      'unresolvable: public only',
    );
  });

  it('a host is refused when it is, or any of its addresses is, outside the policy', async () => {
    const resolve = resolveTo({
      'cdn.example': ['93.184.216.34'],
      'mixed.example': ['93.184.216.34', '10.0.0.7'],
      'mapped.example': ['::ffff:169.254.169.254'],
    });
    const publicOnly = new AddressPolicy();
    await publicOnly.checkHost('cdn.example', resolve);
    await publicOnly.checkHost('93.184.216.34', resolve);
    for (const host of ['169.254.169.254', '[::1]', '[fe80::1]', '0.0.0.0', 'mixed.example', 'mapped.example']) {
      await assert.rejects(publicOnly.checkHost(host, resolve), RefusedAddressError, host);
    }
    await new AddressPolicy(['loopback']).checkHost('[::1]', resolve);
  });

  it('the connection lookup answers like dns.lookup (one or all, by family) and refuses before any address is handed out', async () => {
    const resolve = resolveTo({
      'cdn.example': ['93.184.216.34', '2606:2800:220:1::1'],
      'rebound.example': ['10.0.0.7'],
    });
    const lookup = guardedLookup(new AddressPolicy(), resolve);
    const call = (host: string, options: object): Promise<{ err: Error | null; address: unknown; family?: number }> =>
      new Promise((done) =>
        (
          lookup as unknown as (
            h: string,
            o: object,
            cb: (err: Error | null, address: unknown, family?: number) => void,
          ) => void
        )(host, options, (err, address, family) => done({ err, address, family })),
      );
    assert.deepEqual(await call('cdn.example', { all: true }), {
      err: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
      family: undefined,
    });
    assert.deepEqual(await call('cdn.example', { family: 6 }), { err: null, address: '2606:2800:220:1::1', family: 6 });
    assert.deepEqual(await call('cdn.example', {}), { err: null, address: '93.184.216.34', family: 4 });
    const refused = await call('rebound.example', { all: true });
    assert.ok(refused.err instanceof RefusedAddressError);
    assert.deepEqual(refused.address, []);
  });
});
