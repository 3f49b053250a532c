// A real HTTP proxy on loopback (the `proxy` package, as Squid would behave) whose log the tests
// read: every CONNECT and plain request it was asked for, and every byte it received.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyLogEntry {
  method: string;
  /** `host:port` for CONNECT, the absolute URL for a plain proxied request. */
  target: string;
  proxyAuthorization?: string;
}

export interface LoopbackProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  log: ProxyLogEntry[];
  /** Everything clients sent to the proxy, tunnelled bytes included. */
  received(): Buffer;
  close(): Promise<void>;
}

/** Starts the proxy; with `credentials` ("user:pass") it answers 407 to anyone without them. */
export async function startLoopbackProxy(credentials?: string): Promise<LoopbackProxy> {
  // The package is ESM only; a dynamic import loads it from this CommonJS test build.
  const { createProxy } = await import('proxy');
  const server = createProxy(http.createServer());
  const log: ProxyLogEntry[] = [];
  const bytes: Buffer[] = [];
  const sockets = new Set<Socket>();
  const note = (req: http.IncomingMessage): void => {
    const auth = req.headers['proxy-authorization'];
    log.push({ method: req.method ?? '', target: req.url ?? '', ...(auth ? { proxyAuthorization: auth } : {}) });
  };
  server.prependListener('connect', note);
  server.prependListener('request', note);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('data', (d: Buffer) => bytes.push(d));
    socket.on('close', () => sockets.delete(socket));
  });
  if (credentials) {
    const expected = `Basic ${Buffer.from(credentials).toString('base64')}`;
    server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    received: () => Buffer.concat(bytes),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening (bound, then released). */
export async function deadPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
