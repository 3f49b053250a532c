// A response body's chunks, each as the socket read it. `for await` over a Readable reads it in
// paused mode, where every read() joins whatever arrived meanwhile into one new buffer: with a
// consumer that waits between chunks (a disk write each), the whole body is copied once more
// (8 MB downloaded = 16 MB of buffers until the next GC). In flowing mode a Readable hands out
// its chunks one by one, so the body is read that way, paused once `aheadBytes` wait here (pausing
// at every chunk would stop and restart the socket a hundred times for an 8 MB image).
//
// Chunks that are already waiting are handed on in one turn of the event loop (each resumes the
// reader as a microtask): a reader that parses and decodes a megabyte of them (an SSE stream's
// thousand deltas) would hold the extension host for 15-25 ms. After `BODY_SLICE_MS` of that,
// the loop is let turn once before the next chunk.
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';

/** How much of a body may wait here for a slow reader before the stream is paused. */
export const BODY_AHEAD_BYTES = 1024 * 1024;

/** The longest the reader is handed chunks (and works on them) before the event loop gets a turn. */
export const BODY_SLICE_MS = 4;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `body`'s chunks in order; its error is thrown, a close before its end is an error too. */
export async function* bodyChunks(body: Readable, aheadBytes = BODY_AHEAD_BYTES): AsyncGenerator<Uint8Array> {
  const waiting: Uint8Array[] = [];
  let waitingBytes = 0;
  let next = 0;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const woken = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onData = (chunk: Uint8Array): void => {
    waiting.push(chunk);
    waitingBytes += chunk.byteLength;
    // Past that, what comes stays in the stream (and, past its high-water mark, in the socket).
    if (waitingBytes >= aheadBytes) body.pause();
    woken();
  };
  const onEnd = (): void => {
    ended = true;
    woken();
  };
  const onError = (error: unknown): void => {
    failure ??= { error };
    woken();
  };
  const onClose = (): void => {
    if (!ended)
      failure ??= {
        error: Object.assign(new Error('the body closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }),
      };
    woken();
  };
  body.on('data', onData);
  body.on('end', onEnd);
  body.on('error', onError);
  body.on('close', onClose);
  // When this turn of the event loop began, as far as this reader knows.
  let turnBegan = performance.now();
  try {
    for (;;) {
      if (next < waiting.length) {
        if (performance.now() - turnBegan >= BODY_SLICE_MS) {
          await turn();
          turnBegan = performance.now();
          continue;
        }
        const chunk = waiting[next];
        // Dropped as soon as it is handed on: the consumer decides how long it lives.
        waiting[next++] = EMPTY;
        waitingBytes -= chunk.byteLength;
        if (body.isPaused() && waitingBytes < aheadBytes) body.resume();
        if (next === waiting.length) {
          waiting.length = 0;
          next = 0;
        }
        yield chunk;
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      const arrived = new Promise<void>((resolve) => (wake = resolve));
      if (body.isPaused()) body.resume();
      await arrived;
      turnBegan = performance.now();
    }
  } finally {
    body.off('data', onData);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
    // Left early (an answer's end read, a limit passed), the caller destroys the body; undici then
    // emits an AbortError, which with no listener would be an uncaught exception.
    if (!ended) body.on('error', () => undefined);
  }
}

const EMPTY = new Uint8Array(0);
