// VS Code's proxy settings (`http.*`) applied to every request the extension makes: the API
// calls, image downloads, the gateway's model list and the agent tools all share one dispatcher.
// When a proxy setting changes, later requests use the new one; requests in flight finish on the
// old one, which is then closed.
import type { Dispatcher } from 'undici';
import { isImageError } from '../core/errors';
import { createNetworkDispatcher, describeProxies, planProxy, type Environment, type NetworkSettings } from '../core/http/networkDispatcher';
import { RefusingDispatcher, SwitchingDispatcher } from '../core/http/switchingDispatcher';
import type { Logger } from '../core/logger';

/** The settings read here; a change to any of them rebuilds the dispatcher. */
export const NETWORK_SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'http.proxyAuthorization', 'http.proxySupport'] as const;

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
  const noProxy = Array.isArray(get('noProxy')) ? (get('noProxy') as unknown[]).map(text).filter((h): h is string => h !== undefined) : [];
  return {
    proxy: text(get('proxy')),
    noProxy,
    strictSSL: get('proxyStrictSSL') !== false,
    proxyAuthorization: text(get('proxyAuthorization')),
  };
}

export interface SessionNetwork {
  /** The one dispatcher to hand to every request; it follows the settings. */
  readonly dispatcher: Dispatcher;
  /** Reads the settings again (on a configuration change) and switches to a dispatcher built from them. */
  reload(): void;
  /** Closes the current dispatcher once its requests are done. */
  close(): Promise<void>;
}

export function sessionNetwork(get: HttpConfig, log: Logger, env: Environment = process.env): SessionNetwork {
  const build = (): Dispatcher => {
    const off = get('proxySupport') === 'off';
    const settings = off ? { strictSSL: get('proxyStrictSSL') !== false } : readNetworkSettings(get);
    const environment = off ? withoutProxies(env) : env;
    try {
      const dispatcher = createNetworkDispatcher(settings, environment);
      log.info(`network: ${describeProxies(planProxy(settings, environment))}${settings.strictSSL === false ? ', certificates not checked (http.proxyStrictSSL)' : ''}`);
      return dispatcher;
    } catch (e) {
      if (!isImageError(e)) throw e;
      // The message never holds the proxy address (it may carry a password).
      log.warn(`network: ${e.message}; requests fail until the proxy setting is fixed`);
      return new RefusingDispatcher(e);
    }
  };
  const dispatcher = new SwitchingDispatcher(build());
  return {
    dispatcher,
    reload: () => void dispatcher.switchTo(build()),
    close: () => dispatcher.close(),
  };
}
