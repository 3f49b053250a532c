// What a server's image address may reach: public addresses, and the kinds of network the base
// URL itself is on (the local test server on 127.0.0.1, a self-hosted gateway on the LAN), never
// the others (cloud metadata at 169.254.169.254, the user's router, other machines on the LAN).
// The host is checked before a request is made, and again by the connection's own DNS lookup
// (`guardedLookup`), so a name that answers a public address first and a private one next (DNS
// rebinding) is refused before any connection is opened.
import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { addressClass, type AddressClass } from './addressClass';

/** Every address a host name resolves to (dns.lookup with `all`). */
export type Resolve = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** A host that is, or resolves to, an address the policy does not permit. */
export class RefusedAddressError extends Error {
  readonly code = 'EGEEKAI_REFUSED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly addressKind: AddressClass,
  ) {
    super(`${host} is on a ${addressKind} address (${address}), which image downloads may not reach`);
    this.name = 'RefusedAddressError';
  }
}

function unbracketed(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The kinds of network a job's image downloads may reach: public, plus those the base URL is on. */
export class AddressPolicy {
  readonly allowed: ReadonlySet<AddressClass>;

  constructor(extra: Iterable<AddressClass> = []) {
    this.allowed = new Set<AddressClass>(['public', ...extra]);
  }

  /** One key per distinct policy (the download dispatchers are kept per policy). */
  get key(): string {
    return [...this.allowed].sort().join(',');
  }

  /** Throws RefusedAddressError for an address outside the policy (or not an address at all). */
  check(host: string, address: string): void {
    const kind = addressClass(address) ?? 'reserved';
    if (!this.allowed.has(kind)) throw new RefusedAddressError(host, address, kind);
  }

  /** Checks a URL's host: an IP literal as it is, a name by every address it resolves to. */
  async checkHost(hostname: string, resolve: Resolve): Promise<void> {
    const host = unbracketed(hostname);
    if (addressClass(host) !== undefined) return this.check(host, host);
    for (const a of await resolve(host)) this.check(host, a.address);
  }
}

/**
 * The policy for downloads of a job whose API is at `baseUrl`: a base URL on loopback permits
 * loopback, one on a private network permits private addresses, and so on. A base URL that does
 * not resolve permits public addresses only.
 */
export async function policyForBase(baseUrl: string, resolve: Resolve): Promise<AddressPolicy> {
  let host: string;
  try {
    host = unbracketed(new URL(baseUrl).hostname);
  } catch {
    return new AddressPolicy();
  }
  const literal = addressClass(host);
  if (literal !== undefined) return new AddressPolicy([literal]);
  try {
    return new AddressPolicy((await resolve(host)).map((a) => addressClass(a.address) ?? 'reserved'));
  } catch {
    return new AddressPolicy();
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls connections (undici's `connect` options) that resolves with `resolve`
 * and refuses, before connecting, a host with any address outside `policy`.
 */
export function guardedLookup(policy: AddressPolicy, resolve: Resolve): LookupFunction {
  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (all) => {
        try {
          for (const a of all) policy.check(hostname, a.address);
        } catch (e) {
          callback(e as NodeJS.ErrnoException, []);
          return;
        }
        const fitting =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : [...all];
        if (fitting.length === 0) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        if (options.all) callback(null, fitting);
        else callback(null, fitting[0].address, fitting[0].family);
      },
      (e: NodeJS.ErrnoException) => callback(e, []),
    );
  };
  return lookup;
}
