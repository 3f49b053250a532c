// The one dispatcher every request goes through (API calls and image downloads alike): direct, or
// through a proxy with undici's own EnvHttpProxyAgent/ProxyAgent, which tunnel with CONNECT, so an
// https request (and its Authorization header) is encrypted end to end past the proxy. Settings
// come first; the usual environment variables fill in what they leave empty.
import { readFileSync } from 'node:fs';
import type { LookupFunction } from 'node:net';
import * as tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ImageError } from '../errors';
import { AGENT_OPTIONS } from './httpClient';
import { ProxyHopPool, shownProxy } from './proxyHop';

export interface NetworkSettings {
  /** A proxy for http and https alike (`http.proxy`); empty: HTTPS_PROXY / HTTP_PROXY. */
  proxy?: string;
  /** Hosts reached directly (`http.noProxy`: `host`, `host:port`, `.domain`, `*`); empty: NO_PROXY. */
  noProxy?: readonly string[];
  /** Verify certificates (`http.proxyStrictSSL`); default true. */
  strictSSL?: boolean;
  /** The Proxy-Authorization header sent to the proxy (`http.proxyAuthorization`). */
  proxyAuthorization?: string;
  /** More certificate authorities (PEM), besides Node's, NODE_EXTRA_CA_CERTS' and the system's. */
  extraCaPems?: readonly string[];
  connectMs?: number;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ProxyPlan {
  httpProxy?: URL;
  httpsProxy?: URL;
  /** Comma-separated, as NO_PROXY. */
  noProxy: string;
}

function env(e: Environment, name: string): string | undefined {
  const v = (e[name.toLowerCase()] ?? e[name])?.trim();
  return v || undefined;
}

/** A proxy address as users write it (`proxy:3128` included); refused unless http(s). */
export function parseProxy(value: string): URL {
  const text = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    // Never the value itself in the message: it may hold a password.
    throw new ImageError('invalidInput', 'the proxy address is not an http(s) URL', { reason: 'badProxy' });
  }
  return url;
}

/** Which proxies apply: the setting for both schemes, else HTTPS_PROXY / HTTP_PROXY (lower case first). */
export function planProxy(s: NetworkSettings, e: Environment): ProxyPlan {
  const noProxy = s.noProxy?.length ? s.noProxy.join(',') : (env(e, 'NO_PROXY') ?? '');
  const setting = s.proxy?.trim();
  if (setting) {
    const proxy = parseProxy(setting);
    return { httpProxy: proxy, httpsProxy: proxy, noProxy };
  }
  const http = env(e, 'HTTP_PROXY');
  const https = env(e, 'HTTPS_PROXY');
  return { httpProxy: http ? parseProxy(http) : undefined, httpsProxy: https ? parseProxy(https) : undefined, noProxy };
}

/**
 * What the proxies are given to sign in, never to be shown or logged (see text/secrets.ts): the
 * password of each proxy address (as written and decoded) and the Proxy-Authorization value
 * (whole, and its credentials after the scheme). None for a proxy address that is not usable.
 */
export function proxyCredentials(s: NetworkSettings, e: Environment): string[] {
  const out: string[] = [];
  let plan: ProxyPlan | undefined;
  try {
    plan = planProxy(s, e);
  } catch {
    plan = undefined;
  }
  for (const proxy of [plan?.httpProxy, plan?.httpsProxy]) {
    if (!proxy?.password) continue;
    out.push(proxy.password);
    try {
      out.push(decodeURIComponent(proxy.password));
    } catch {
      // Not percent-encoded after all: as written is what it is.
    }
  }
  const auth = s.proxyAuthorization?.trim();
  if (auth) out.push(auth, auth.replace(/^\S+\s+/, ''));
  return out;
}

/** The operating system's trusted roots, where this Node has them (22.15+); none otherwise. */
function systemCertificates(): string[] {
  const get = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  try {
    return get ? get('system') : [];
  } catch {
    return [];
  }
}

/**
 * The certificate authorities to trust, or undefined for Node's defaults. Passing `ca` replaces
 * Node's list, so it is rebuilt whole: Node's roots, the system's, NODE_EXTRA_CA_CERTS, extras.
 */
export function trustedCertificates(s: NetworkSettings, e: Environment): string[] | undefined {
  const extra = [...(s.extraCaPems ?? [])];
  const file = env(e, 'NODE_EXTRA_CA_CERTS');
  if (file) {
    try {
      extra.push(readFileSync(file, 'utf8'));
    } catch {
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up.
    }
  }
  const system = systemCertificates();
  if (extra.length === 0 && system.length === 0) return undefined;
  return [...tls.rootCertificates, ...system, ...extra];
}

/**
 * Builds the dispatcher for `settings`, reading HTTPS_PROXY, HTTP_PROXY, NO_PROXY and
 * NODE_EXTRA_CA_CERTS from `environment`; `lookup` resolves the hosts it connects to directly.
 * Throws invalidInput/badProxy for a proxy that is not an http(s) address.
 */
export function createNetworkDispatcher(
  settings: NetworkSettings = {},
  environment: Environment = process.env,
  lookup?: LookupFunction,
): Dispatcher {
  const plan = planProxy(settings, environment);
  const ca = trustedCertificates(settings, environment);
  // One secure context for every connection: parsing a hundred roots per handshake is slow.
  const tlsOptions = {
    ...(ca ? { secureContext: tls.createSecureContext({ ca }) } : {}),
    ...(settings.strictSSL === false ? { rejectUnauthorized: false } : {}),
  };
  const toProxy = { timeout: settings.connectMs ?? 15_000, ...tlsOptions };
  // `lookup` (image downloads: guardedLookup) resolves the servers connected to directly, never the proxy.
  const connect = lookup ? { ...toProxy, lookup } : toProxy;
  if (!plan.httpProxy && !plan.httpsProxy) return new Agent({ ...AGENT_OPTIONS, connect });
  return new EnvHttpProxyAgent({
    ...AGENT_OPTIONS,
    httpProxy: plan.httpProxy?.href ?? '',
    httpsProxy: plan.httpsProxy?.href ?? '',
    noProxy: plan.noProxy,
    // Direct connections (NO_PROXY hosts), the TLS session inside a tunnel, an https proxy.
    connect,
    requestTls: tlsOptions,
    proxyTls: toProxy,
    ...(settings.proxyAuthorization ? { token: settings.proxyAuthorization } : {}),
    clientFactory: (origin: URL, options: object) => new ProxyHopPool(origin, options),
  });
}

/** One line for the log: which proxies apply, without credentials. */
export function describeProxies(plan: ProxyPlan): string {
  const shown = [plan.httpsProxy, plan.httpProxy].filter((p): p is URL => p !== undefined).map(shownProxy);
  if (shown.length === 0) return 'direct';
  return `proxy ${[...new Set(shown)].join(', ')}${plan.noProxy ? ` except ${plan.noProxy}` : ''}`;
}

/** Whether NO_PROXY-style `noProxy` (`host`, `host:port`, `.domain`, `*.domain`, `*`) sends `url` direct. */
function bypasses(noProxy: string, url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry);
    const name = (m?.[1] ?? entry).replace(/^\*/, '');
    if (m?.[2] && m[2] !== port) continue;
    if (name.startsWith('.') ? host === name.slice(1) || host.endsWith(name) : host === name) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through under `plan` (shown without credentials), or undefined when it goes direct. */
export function proxyForUrl(plan: ProxyPlan, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const proxy = u.protocol === 'https:' ? plan.httpsProxy : plan.httpProxy;
  if (!proxy || bypasses(plan.noProxy, u)) return undefined;
  return shownProxy(proxy);
}
