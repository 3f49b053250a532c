// HeavyWork on a pool of worker threads (workerPool.ts), for the extension host and the MCP
// server. Small inputs stay on the calling thread, where a round trip would cost more than the
// work; a conversion always goes to a thread once it needs a codec.
import { existsSync } from 'node:fs';
import { ImageError, isImageError } from '../errors';
import type { Codecs } from '../publish/codecs';
import { conversionPlan, type ConvertResult } from '../publish/convert';
import { imageHeaderSize } from '../publish/imageSize';
import { inThreadWork, type HeavyWork, type ImageFacts } from './heavyWork';
import type { Blobs } from './jsonBlobs';
import { WorkerPool, WorkFailed, type PoolOptions } from './workerPool';
import { ownBuffer } from './workerProtocol';

/** Below these sizes the work is done on the calling thread (it takes well under a millisecond). */
export const IN_THREAD_LIMITS = { sha256: 1024 * 1024, imageFacts: 256 * 1024, parseJson: 1024 * 1024 };
/** A provenance read that takes longer is given up (a crafted file): the image shows without one. */
export const FACTS_TIMEOUT_MS = 10_000;

export interface WorkerWorkOptions extends PoolOptions {
  /** The codecs for the in-thread fallback (used only when the worker script is missing). */
  loadCodecs?: () => Promise<Codecs>;
}

export interface WorkerWork extends HeavyWork {
  readonly pool: WorkerPool;
}

const noCodecs = (): Promise<Codecs> => Promise.reject(new Error('no image codecs in this host'));

/**
 * Resolves in a later turn of the event loop than the previous call's, one call per turn (an
 * immediate queued from an immediate runs in the next turn), so what waits meanwhile (a
 * keystroke, another extension, a timer) runs between them.
 */
let turns: Promise<void> = Promise.resolve();
function copyTurn(): Promise<void> {
  const mine = turns.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  turns = mine;
  return mine;
}

function why(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** HeavyWork on worker threads; the in-thread one when the worker script is not there. */
export function heavyWork(o: WorkerWorkOptions): HeavyWork {
  return existsSync(o.file) ? workerWork(o) : inThreadWork(o.loadCodecs ?? noCodecs);
}

export function workerWork(o: WorkerWorkOptions): WorkerWork {
  const pool = new WorkerPool(o);
  const local = inThreadWork(o.loadCodecs ?? noCodecs);
  return {
    pool,
    async convert(bytes, options, signal): Promise<ConvertResult> {
      const plan = conversionPlan(bytes, options);
      if (plan.kind === 'done') return plan.result;
      // One copy goes to the thread; the original stays here, to be saved as it came if the thread
      // fails. Variations come in one go: each copy (a few ms for a large PNG) in a turn of the
      // event loop of its own, so four of them are not one stall of the host thread.
      await copyTurn();
      const copy = new Uint8Array(bytes); // a copy (Buffer#slice would be a view)
      try {
        const r = await pool.run({ op: 'convert', bytes: copy, options }, [copy.buffer], { signal });
        return r.kind === 'converted' ? r : { ...r, bytes };
      } catch (e) {
        if (isImageError(e) && e.kind === 'cancelled') throw e;
        return { kind: 'failed', bytes, ext: plan.sourceExt, reason: 'codecFailed', detail: why(e) };
      }
    },
    async sha256(bytes) {
      if (bytes.byteLength < IN_THREAD_LIMITS.sha256) return local.sha256(bytes);
      const copy = new Uint8Array(bytes); // a copy (Buffer#slice would be a view)
      try {
        return await pool.run({ op: 'sha256', bytes: copy }, [copy.buffer]);
      } catch {
        // A thread that could not hash is no reason to lose the reference's record.
        return local.sha256(bytes);
      }
    },
    async imageFacts(bytes): Promise<ImageFacts> {
      if (bytes.byteLength < IN_THREAD_LIMITS.imageFacts) return local.imageFacts(bytes);
      const byteLength = bytes.byteLength;
      const size = imageHeaderSize(bytes);
      const own = ownBuffer(bytes);
      try {
        return await pool.run({ op: 'imageFacts', bytes: own.bytes }, [own.buffer], { timeoutMs: FACTS_TIMEOUT_MS });
      } catch {
        // Unreadable in time or crashed the thread: a file with no provenance we can read.
        return size ? { byteLength, size } : { byteLength };
      }
    },
    async parseJson(bytes): Promise<{ value: unknown; blobs: Blobs }> {
      if (bytes.byteLength < IN_THREAD_LIMITS.parseJson) return local.parseJson(bytes);
      const own = ownBuffer(bytes);
      try {
        return await pool.run({ op: 'parseJson', bytes: own.bytes }, [own.buffer]);
      } catch (e) {
        if (e instanceof WorkFailed && e.code === 'notJson') throw new SyntaxError(e.message);
        throw new ImageError('badResponse', `the body could not be read: ${why(e)}`, { reason: 'notJson', cause: e });
      }
    },
    close: () => pool.close(),
  };
}
