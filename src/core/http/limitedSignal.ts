// The user's Cancel and a time limit tied into one AbortSignal, remembering which one fired so
// the error can say "cancelled" or "took too long". Used by API requests and image downloads.
import type { TransportContext } from './httpErrors';

export interface LimitedSignal {
  signal: AbortSignal;
  ctx: TransportContext;
  /** Stops the timer and the listener; call when the request and its body are done. */
  close: () => void;
}

export function limitedSignal(user: AbortSignal | undefined, limitMs: number, host: string): LimitedSignal {
  const controller = new AbortController();
  const ctx: TransportContext = { cancelled: false, timedOut: false, gotHeaders: false, host };
  const onUser = (): void => {
    ctx.cancelled = true;
    controller.abort();
  };
  if (user?.aborted) onUser();
  user?.addEventListener('abort', onUser, { once: true });
  const timer = setTimeout(() => {
    ctx.timedOut = true;
    controller.abort();
  }, limitMs);
  return {
    signal: controller.signal,
    ctx,
    close: () => {
      clearTimeout(timer);
      user?.removeEventListener('abort', onUser);
    },
  };
}
