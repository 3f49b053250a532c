// The one dispatcher a session hands to every request, while what stands behind it may change:
// when the proxy settings change, later requests go through a new dispatcher and the old one is
// closed once the requests it carries are done (undici's close() waits for them), so a change
// never breaks a job in flight.
import { Dispatcher } from 'undici';

type DispatchOptions = Dispatcher.DispatchOptions;
type DispatchHandler = Dispatcher.DispatchHandler;

export class SwitchingDispatcher extends Dispatcher {
  /** Closing twice is harmless: every owner may close it. */
  private closing: Promise<void> | undefined;

  constructor(private current: Dispatcher) {
    super();
  }

  /** Sends later requests through `next`; resolves when the previous dispatcher has closed. */
  switchTo(next: Dispatcher): Promise<void> {
    const old = this.current;
    this.current = next;
    return old.close().catch(() => undefined);
  }

  override dispatch(options: DispatchOptions, handler: DispatchHandler): boolean {
    return this.current.dispatch(options, handler);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    this.closing ??= this.current.close();
    const closed = this.closing;
    if (!callback) return closed;
    closed.then(callback, callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const err = typeof a === 'function' ? null : (a ?? null);
    const callback = typeof a === 'function' ? a : b;
    const destroyed = this.current.destroy(err);
    if (!callback) return destroyed;
    destroyed.then(callback, callback);
  }
}

/**
 * Stands in while the network settings cannot be used (a proxy that is not an http(s) address):
 * every request fails with that error, so the user reads why instead of being sent around the
 * proxy they set.
 */
export class RefusingDispatcher extends Dispatcher {
  constructor(private readonly error: Error) {
    super();
  }

  override dispatch(): boolean {
    throw this.error;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const callback = typeof a === 'function' ? a : b;
    if (!callback) return Promise.resolve();
    queueMicrotask(callback);
  }
}
