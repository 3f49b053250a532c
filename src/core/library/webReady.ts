// Make Web-Ready on images already in the workspace: each converted (the existing codecs, through
// HeavyWork, off the host's thread) to the format, longest side and quality asked, its provenance
// carried over, and written as a new file beside it (never over anything); kept only when it is
// smaller. Which references then point at the new files, and whether the originals go, is the
// caller's (the adapter's one WorkspaceEdit and the trash).
import * as path from 'node:path';
import { ImageError, isImageError } from '../errors';
import { readImageFile, tempPathFor, type FileStore } from '../files/saveImages';
import { checkInsideWorkspace } from '../files/paths';
import type { HeavyWork } from '../heavy/heavyWork';
import { IMAGE_MAX_BYTES } from '../limits';
import type { ConvertOptions, SavedExt } from '../publish/convert';
import { embedProvenance, readProvenance } from '../publish/embedProvenance';

const posix = path.posix;

export type WebReadySkip = 'alreadyFits' | 'notSmaller' | 'cannotConvert' | 'tooManyPixels' | 'unreadable';

export type WebReadyOutcome =
  | { file: string; kind: 'written'; to: string; before: number; after: number; width: number; height: number }
  | { file: string; kind: 'skipped'; why: WebReadySkip; before: number };

export interface WebReadyDeps {
  store: FileStore;
  roots: readonly string[];
  heavy: Pick<HeavyWork, 'convert'>;
  signal?: AbortSignal;
  /** After each image, with how many are done. */
  progress?(done: number, total: number): void;
}

const MAX_SUFFIX = 1000;

/**
 * The new file's name beside `file`: the same base with the new extension; `-web` added when that
 * is the file itself (a resize in the same format), then `-1`, `-2`… past any name taken.
 */
export function webReadyName(file: string, ext: SavedExt, n: number): string {
  const dir = posix.dirname(file);
  const base = posix.basename(file).replace(/\.[^.]*$/, '');
  const sameExt = posix.extname(file).slice(1).toLowerCase() === ext || (ext === 'jpg' && /\.jpe?g$/i.test(file));
  const stem = sameExt ? `${base}-web` : base;
  return posix.join(dir, n === 0 ? `${stem}.${ext}` : `${stem}-${n}.${ext}`);
}

/** Writes `bytes` as a new file at the first free webReadyName (temp file, then a rename that never overwrites). */
async function writeBeside(store: FileStore, file: string, ext: SavedExt, bytes: Uint8Array): Promise<string> {
  const temp = tempPathFor(posix.dirname(file), posix.basename(file));
  await store.writeFile(temp, bytes);
  try {
    for (let n = 0; n <= MAX_SUFFIX; n++) {
      const to = webReadyName(file, ext, n);
      if ((await store.stat(to)) !== undefined) continue;
      try {
        await store.rename(temp, to);
        return to;
      } catch (e) {
        // Taken between the look and the rename: try the next name.
        if ((await store.stat(to)) === undefined) throw e;
      }
    }
    throw new ImageError('fs', `noFreeName: ${file}`, {
      reason: 'noFreeName',
      params: { path: webReadyName(file, ext, 0) },
    });
  } catch (e) {
    await store.delete(temp).catch(() => undefined);
    throw e;
  }
}

/** Each image made web-ready in turn; a wall refusal or a failing disk stops the run (what was written stays written and is returned with the error). */
export async function makeWebReady(
  files: readonly string[],
  options: ConvertOptions,
  deps: WebReadyDeps,
): Promise<WebReadyOutcome[]> {
  const out: WebReadyOutcome[] = [];
  for (const file of files) {
    if (deps.signal?.aborted === true) throw new ImageError('cancelled', 'Make Web-Ready was cancelled');
    let image;
    try {
      image = await readImageFile(deps.store, file, IMAGE_MAX_BYTES, deps.roots);
    } catch (e) {
      if (isImageError(e) && e.reason === 'escapesWorkspace') throw e;
      const size = (await deps.store.stat(file).catch(() => undefined))?.size ?? 0;
      out.push({
        file,
        kind: 'skipped',
        why: isImageError(e) && e.reason === 'notAnImage' ? 'cannotConvert' : 'unreadable',
        before: size,
      });
      deps.progress?.(out.length, files.length);
      continue;
    }
    const before = image.bytes.byteLength;
    const provenance = readProvenance(image.bytes);
    // The codec thread may take the bytes over: nothing below reads `image.bytes` again.
    const r = await deps.heavy.convert(image.bytes, options, deps.signal);
    if (r.kind !== 'converted') {
      const why: WebReadySkip =
        r.kind === 'unchanged' ? 'alreadyFits' : r.reason === 'tooManyPixels' ? 'tooManyPixels' : 'cannotConvert';
      out.push({ file, kind: 'skipped', why, before });
    } else {
      const bytes = provenance ? embedProvenance(r.bytes, provenance).bytes : r.bytes;
      if (bytes.byteLength >= before) out.push({ file, kind: 'skipped', why: 'notSmaller', before });
      else {
        await checkInsideWorkspace(deps.store, deps.roots, posix.dirname(file), 'write');
        const to = await writeBeside(deps.store, file, r.ext, bytes);
        out.push({ file, kind: 'written', to, before, after: bytes.byteLength, width: r.width, height: r.height });
      }
    }
    deps.progress?.(out.length, files.length);
  }
  return out;
}
