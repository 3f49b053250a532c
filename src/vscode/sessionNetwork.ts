// VS Code's proxy settings (`http.*`) applied to every request the extension makes: the API
// calls, the gateway's model list and the agent tools share one dispatcher; image downloads go
// through dispatchers built from the same settings whose direct connections refuse addresses
// the job's base URL is not on (core/http/downloadNetwork.ts). When a proxy setting changes,
// later requests use the new ones; requests in flight finish on the old ones, then closed.
// VS Code registers `http.proxy` and its siblings as application-scoped (machine-scoped in a
// remote window) and restricted, so a workspace's settings cannot set them; only the user-level
// value is read here all the same (`userLevel`).
import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { isImageError } from '../core/errors';
import {
  createNetworkDispatcher,
  describeProxies,
  planProxy,
  proxyCredentials,
  proxyForUrl,
  type Environment,
  type NetworkSettings,
} from '../core/http/networkDispatcher';
import type { Secrets } from '../core/text/secrets';
import { RefusingDispatcher, SwitchingDispatcher } from '../core/http/switchingDispatcher';
import type { Logger } from '../core/logger';
import { GuardedDownloads } from '../core/http/downloadNetwork';
import type { Resolve } from '../core/http/addressGuard';

/** The settings read here; a change to any of them rebuilds the dispatcher. */
export const NETWORK_SETTINGS = [
  'http.proxy',
  'http.noProxy',
  'http.proxyStrictSSL',
  'http.proxyAuthorization',
  'http.proxySupport',
] as const;

/** `get` over the `http` section, as `workspace.getConfiguration('http').get` is. */
export type HttpConfig = (key: string) => unknown;

/** The environment with no proxy variables: `http.proxySupport: off` turns proxies off altogether. */
function withoutProxies(env: Environment): Environment {
  const kept: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (!/^(https?|no)_proxy$/i.test(k)) kept[k] = v;
  return kept;
}

/** The `http.*` settings as core's NetworkSettings (empty strings and lists leave it to the environment). */
export function readNetworkSettings(get: HttpConfig): NetworkSettings {
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const noProxy = Array.isArray(get('noProxy'))
    ? (get('noProxy') as unknown[]).map(text).filter((h): h is string => h !== undefined)
    : [];
  return {
    proxy: text(get('proxy')),
    noProxy,
    strictSSL: get('proxyStrictSSL') !== false,
    proxyAuthorization: text(get('proxyAuthorization')),
  };
}

/** The user's own value of an `http.*` setting (else the default), from `inspect`: a workspace's is ignored. */
export function userLevel(
  inspect: (key: string) => { globalValue?: unknown; defaultValue?: unknown } | undefined,
): HttpConfig {
  return (key) => {
    const i = inspect(key);
    return i?.globalValue ?? i?.defaultValue;
  };
}

export interface SessionNetwork {
  /** The one dispatcher to hand to every request; it follows the settings. */
  readonly dispatcher: Dispatcher;
  /** The dispatchers for image downloads, per address policy; they follow the settings too. */
  readonly downloads: GuardedDownloads;
  /** Reads the settings again (on a configuration change) and switches to a dispatcher built from them. */
  reload(): void;
  /** Closes the current dispatcher once its requests are done. */
  close(): Promise<void>;
  /** The proxy a request to `url` goes through under the current settings (without credentials); undefined: direct (or the proxy setting is unusable). */
  proxyFor(url: string): string | undefined;
}

/** `secrets`: the session's holder, which the proxies' credentials join as they are read. */
export function sessionNetwork(
  get: HttpConfig,
  log: Logger,
  secrets: Secrets,
  env: Environment = process.env,
  resolve?: Resolve,
): SessionNetwork {
  const build = (quiet = false, lookup?: LookupFunction): Dispatcher => {
    const off = get('proxySupport') === 'off';
    const settings = off ? { strictSSL: get('proxyStrictSSL') !== false } : readNetworkSettings(get);
    const environment = off ? withoutProxies(env) : env;
    for (const credential of proxyCredentials(settings, environment)) secrets.add(credential);
    try {
      const dispatcher = createNetworkDispatcher(settings, environment, lookup);
      if (!quiet)
        log.info(
          `network: ${describeProxies(planProxy(settings, environment))}${settings.strictSSL === false ? ', certificates not checked (http.proxyStrictSSL)' : ''}`,
        );
      return dispatcher;
    } catch (e) {
      if (!isImageError(e)) throw e;
      // The message never holds the proxy address (it may carry a password).
      if (!quiet) log.warn(`network: ${e.message}; requests fail until the proxy setting is fixed`);
      return new RefusingDispatcher(e);
    }
  };
  const dispatcher = new SwitchingDispatcher(build());
  // Built from the same settings, logged once above.
  const forDownloads = (lookup: LookupFunction): Dispatcher => build(true, lookup);
  const downloads = new GuardedDownloads(forDownloads, resolve);
  return {
    dispatcher,
    downloads,
    reload: () => {
      void dispatcher.switchTo(build());
      downloads.rebuild(forDownloads);
    },
    close: async () => {
      await Promise.all([dispatcher.close(), downloads.close()]);
    },
    proxyFor: (url) => {
      const off = get('proxySupport') === 'off';
      try {
        return proxyForUrl(planProxy(off ? {} : readNetworkSettings(get), off ? withoutProxies(env) : env), url);
      } catch {
        return undefined;
      }
    },
  };
}
