// The connection to a proxy, as undici's ProxyAgent opens it (one CONNECT per tunnel). Its own
// failures (refused, unknown host, 407, a CONNECT answered with 502) are marked here, so the user
// is told about the proxy instead of being sent to check the GeekAI address.
import { Pool, type Dispatcher } from 'undici';

/** Something went wrong between us and the proxy, before any byte reached the server. */
export class ProxyHopError extends Error {
  constructor(
    /** The proxy's origin, without credentials: safe to show. */
    readonly proxy: string,
    /** The proxy's answer to CONNECT, when it answered. */
    readonly status: number | undefined,
    cause?: unknown,
  ) {
    super(status === undefined ? `proxy ${proxy} failed` : `proxy ${proxy} answered ${status} to CONNECT`, { cause });
    this.name = 'ProxyHopError';
  }
}

/** `http://user:pass@proxy:8080/` → `http://proxy:8080`. */
export function shownProxy(uri: URL): string {
  return `${uri.protocol}//${uri.host}`;
}

type ConnectOptions = Parameters<Pool['connect']>[0];
type ConnectCallback = (err: Error | null, data: Dispatcher.ConnectData) => void;

/** A Pool to the proxy whose CONNECT failures become ProxyHopError (ProxyAgent's `clientFactory`). */
export class ProxyHopPool extends Pool {
  private readonly shown: string;

  constructor(origin: URL, options: Pool.Options) {
    super(origin, options);
    this.shown = shownProxy(origin);
  }

  override connect(options: ConnectOptions): Promise<Dispatcher.ConnectData>;
  override connect(options: ConnectOptions, callback: ConnectCallback): void;
  override connect(options: ConnectOptions, callback?: ConnectCallback): Promise<Dispatcher.ConnectData> | void {
    // ProxyAgent uses the promise form; the callback form is left as undici wrote it.
    if (callback) return super.connect(options, callback);
    return super.connect(options).then(
      (data) => {
        if (data.statusCode === 200) return data;
        data.socket.on('error', () => undefined).destroy();
        throw new ProxyHopError(this.shown, data.statusCode);
      },
      (e: unknown) => {
        throw new ProxyHopError(this.shown, undefined, e);
      },
    );
  }
}
