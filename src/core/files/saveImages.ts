// Saving images without loss: each to a free name (never overwriting), through a temp file
// renamed into place, inside the wall; the FileStore port every file system implements.
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ImageError, isImageError, type ImageErrorInit, type Reason } from '../errors';
import { sniffImageType, type ImageType } from '../imageType';
import { capGraphemes } from './naming';
import { checkInsideWorkspace, type RealPaths } from './paths';

const posix = path.posix;

export interface FileStat {
  type: 'file' | 'directory';
  /** Bytes, when the store knows it without reading (lets big files be refused unread). */
  size?: number;
}

/** The only way core touches files; paths are absolute posix strings. */
export interface FileStore extends RealPaths {
  /** undefined when nothing exists at `path`. */
  stat(path: string): Promise<FileStat | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  /** Must fail (reject) when `to` already exists; never overwrite. */
  rename(from: string, to: string): Promise<void>;
  /** A file, or an empty folder; must fail on a folder that still holds anything. */
  delete(path: string): Promise<void>;
  /** Recursive; fine when the folder exists. */
  createDirectory(path: string): Promise<void>;
  /**
   * Creates a new file at `path` (failing when anything is there) to be written piece by piece, so
   * a download goes to disk as it arrives. Undefined (or absent) where the store cannot; the
   * bytes are then written whole.
   */
  openWrite?(path: string): Promise<FileWriter | undefined>;
  /** Fills `into` with the file's bytes from `offset` (fewer at its end): how many. Absent where the store cannot read a part. */
  readInto?(path: string, offset: number, into: Uint8Array): Promise<number>;
}

/** A file being written piece by piece (`FileStore.openWrite`). */
export interface FileWriter {
  /**
   * Takes the bytes for the file; it may resolve before they are on disk (the writer keeps them
   * until then, so the caller must not change them), and a failure may show at the next write or
   * at `close`.
   */
  write(bytes: Uint8Array): Promise<void>;
  /** The file then holds every byte written; fine to call twice. */
  close(): Promise<void>;
  /** Resolves once every byte taken so far is in the file, so the caller may reuse their buffers. */
  settled(): Promise<void>;
}

export interface ImageToSave {
  bytes: Uint8Array;
  /** Extension without the dot, from the sniffed bytes. */
  ext: string;
}

/**
 * An image already in a hidden temp file in the folder (written as it downloaded): it is only
 * moved into place, and moved back to `temp` when the save fails, so the caller still has it.
 */
export interface WrittenImage {
  temp: string;
  ext: string;
}

export type SavableImage = ImageToSave | WrittenImage;

function isWritten(image: SavableImage): image is WrittenImage {
  return 'temp' in image;
}

/** The hidden temp file name for `base` in `folder`: short enough for long CJK bases (255-byte names). */
export function tempPathFor(folder: string, base: string): string {
  return posix.join(folder, `.${capGraphemes(base, 40)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** `<base>.<ext>`, then `<base>-1.<ext>` … `<base>-1000.<ext>`. */
const MAX_SUFFIX = 1000;

function invalid(message: string, init: ImageErrorInit<'invalidInput'>): ImageError {
  return new ImageError('invalidInput', message, init);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new ImageError('cancelled', 'Saving was cancelled');
}

/** Runs one store call; anything but a ImageError becomes `fs` with `reason` and the path. */
export async function step<T>(reason: Reason<'fs'>, at: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    if (isImageError(e)) throw e;
    throw new ImageError('fs', `${reason}: ${at}`, { reason, params: { path: at }, cause: e });
  }
}

function checkInputs(folder: string, baseNames: readonly string[], images: readonly SavableImage[]): void {
  if (baseNames.length !== images.length)
    throw invalid('One base name per image is needed', { reason: 'namesMismatch' });
  images.forEach((img, index) => {
    if (isWritten(img)) {
      // Only moved within the folder: a temp file elsewhere would be a path out of it.
      if (posix.dirname(img.temp) !== folder)
        throw invalid('Bad file name', { reason: 'badFileName', params: { name: img.temp } });
    } else if (img.bytes.length === 0) {
      throw invalid('Refusing to write an empty image', {
        reason: 'emptyImage',
        params: { name: baseNames[index] ?? '' },
      });
    }
    if (!/^[a-z0-9]{1,8}$/i.test(img.ext))
      throw invalid('Bad file extension', { reason: 'badExtension', params: { ext: img.ext } });
  });
  // Names come from naming.ts; this guards the folder against anything that could leave it.
  for (const base of baseNames) {
    if (base === '' || base.startsWith('.') || /[/\\\p{Cc}]/u.test(base)) {
      throw invalid('Bad file name', { reason: 'badFileName', params: { name: base } });
    }
  }
}

/** Renames `temp` to the first free `<base>[-n].<ext>`; a name that appears mid-rename is skipped. */
async function moveToFreeName(
  store: FileStore,
  temp: string,
  folder: string,
  base: string,
  ext: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  for (let n = 0; n <= MAX_SUFFIX; n++) {
    throwIfAborted(signal);
    const target = posix.join(folder, `${base}${n === 0 ? '' : `-${n}`}.${ext}`);
    // The first name is tried straight away (it is free nearly always, and the rename refuses a
    // taken one itself); the others are looked at first, so a folder of `-1` … `-999` costs no renames.
    if (n > 0 && (await step('statFailed', target, () => store.stat(target))) !== undefined) continue;
    try {
      await store.rename(temp, target);
      return target;
    } catch (e) {
      // Lost a race only if someone else's file now holds the name and ours is still there to retry.
      const taken = (await step('statFailed', target, () => store.stat(target))) !== undefined;
      const tempLeft = (await step('statFailed', temp, () => store.stat(temp))) !== undefined;
      if (!(taken && tempLeft)) {
        throw new ImageError('fs', `renameFailed: ${target}`, {
          reason: 'renameFailed',
          params: { path: target },
          cause: e,
        });
      }
    }
  }
  const first = posix.join(folder, `${base}.${ext}`);
  throw new ImageError('fs', `noFreeName: ${first}`, { reason: 'noFreeName', params: { path: first } });
}

/**
 * The folders `createDirectory(folder)` would create, deepest first (none when it exists), and
 * whether `folder` is already a folder (so it need not be made).
 */
async function missingFolders(store: FileStore, folder: string): Promise<{ missing: string[]; isFolder: boolean }> {
  const missing: string[] = [];
  for (let dir = folder; dir !== posix.dirname(dir) && missing.length < 64; dir = posix.dirname(dir)) {
    // A stat that fails is taken for something there: nothing of it is ever removed.
    const found = await store.stat(dir).catch(() => 'unknown' as const);
    if (found) return { missing, isFolder: missing.length === 0 && found !== 'unknown' && found.type === 'directory' };
    missing.push(dir);
  }
  return { missing, isFolder: false };
}

/** Best effort: the original error matters more than a failed clean-up. */
export async function deleteQuietly(store: FileStore, paths: readonly string[]): Promise<void> {
  for (const p of paths) {
    try {
      await store.delete(p);
    } catch {
      // already gone or not ours to fix
    }
  }
}

/** Best effort: a written image moved into place goes back to its temp name (the caller's again). */
async function moveBackQuietly(store: FileStore, moved: readonly { from: string; to: string }[]): Promise<void> {
  for (const m of moved) {
    try {
      await store.rename(m.to, m.from);
    } catch {
      // left where it is: a whole file, not a partial one
    }
  }
}

/**
 * Checks `target.folder` against the wall and makes it when missing (checked again once it exists:
 * a link planted meanwhile is caught before a byte is written), noting in `created` the folders
 * made, deepest first, as soon as they are known (a failure after that removes them). A folder
 * already there is not made or checked again: each step is a trip to the file system.
 */
export async function readyFolder(store: FileStore, target: SaveTarget, created: string[]): Promise<void> {
  const { folder, inside } = target;
  await checkInsideWorkspace(store, inside, folder, 'write');
  const { missing, isFolder } = await missingFolders(store, folder);
  if (isFolder) return;
  created.push(...missing);
  await step('createFolderFailed', folder, () => store.createDirectory(folder));
  await checkInsideWorkspace(store, inside, folder, 'write');
}

/** Where `saveImages` writes: `folder`, which must stay inside the workspace folders `inside` by real path. */
export interface SaveTarget {
  folder: string;
  inside: readonly string[];
}

/**
 * Writes each image to a hidden temp file in `folder`, then renames it to
 * `<base>.<ext>` (or `-1`, `-2`, … when taken), never overwriting; a `WrittenImage` (already in
 * its temp file) is only renamed, and on failure renamed back. The folder
 * is checked against the workspace wall before anything is created and again
 * once it exists (a link planted meanwhile is caught before a byte is
 * written). On any failure or cancellation it removes the temp file and every
 * file this call already wrote, then throws `fs` (reason and `path`),
 * `cancelled` or `invalidInput` (`escapesWorkspace` for the wall). Returns the
 * absolute posix paths written, in order.
 */
export async function saveImages(
  store: FileStore,
  target: SaveTarget,
  baseNames: readonly string[],
  images: readonly SavableImage[],
  signal?: AbortSignal,
): Promise<string[]> {
  const { folder } = target;
  checkInputs(folder, baseNames, images);
  if (images.length === 0) return [];
  throwIfAborted(signal);
  const created: string[] = [];
  const written: string[] = [];
  const moved: { from: string; to: string }[] = [];
  let temp: string | undefined;
  try {
    await readyFolder(store, target, created);
    for (const [i, image] of images.entries()) {
      throwIfAborted(signal);
      const base = baseNames[i];
      if (isWritten(image)) {
        const to = await moveToFreeName(store, image.temp, folder, base, image.ext, signal);
        moved.push({ from: image.temp, to });
        written.push(to);
        continue;
      }
      const tempPath = tempPathFor(folder, base);
      temp = tempPath;
      await step('writeFailed', tempPath, () => store.writeFile(tempPath, image.bytes));
      throwIfAborted(signal);
      written.push(await moveToFreeName(store, tempPath, folder, base, image.ext, signal));
      temp = undefined;
    }
    throwIfAborted(signal);
    return written;
  } catch (e) {
    await moveBackQuietly(store, moved);
    const ours = written.filter((w) => !moved.some((m) => m.to === w));
    await deleteQuietly(store, temp === undefined ? ours : [temp, ...ours]);
    // Folders this call made are removed again (deepest first); one that now holds anything stays.
    await deleteQuietly(store, created);
    if (isImageError(e)) throw e;
    throw new ImageError('fs', `saveFailed: ${folder}`, { reason: 'saveFailed', params: { path: folder }, cause: e });
  }
}

export interface ImageFile {
  bytes: Uint8Array;
  mime: ImageType['mime'];
  ext: ImageType['ext'];
  /** File name with extension, for messages and the request. */
  name: string;
}

/**
 * Reads a reference image for an edit, once the workspace wall (`inside`, the
 * workspace folders) lets it through. Throws `invalidInput` with
 * `escapesWorkspace`, `missingFile`, `notAFile`, `emptyImage`, `imageTooLarge` (name, size,
 * limit) or `notAnImage` (by magic bytes, not the extension); `fs`/`readFailed`
 * when the store fails.
 */
export async function readImageFile(
  store: FileStore,
  filePath: string,
  maxBytes: number,
  inside: readonly string[],
): Promise<ImageFile> {
  const name = posix.basename(filePath);
  const tooLarge = (size: number): ImageError =>
    invalid('Image is too large', { reason: 'imageTooLarge', params: { name, size, limit: maxBytes } });

  await checkInsideWorkspace(store, inside, filePath, 'read');
  const stat = await step('readFailed', filePath, () => store.stat(filePath));
  if (stat === undefined) throw invalid('File does not exist', { reason: 'missingFile', params: { name } });
  if (stat.type !== 'file') throw invalid('Not a file', { reason: 'notAFile', params: { name } });
  if (stat.size === 0) throw invalid('Image file is empty', { reason: 'emptyImage', params: { name } });
  if (stat.size !== undefined && stat.size > maxBytes) throw tooLarge(stat.size);

  const bytes = await step('readFailed', filePath, () => store.readFile(filePath));
  if (bytes.length === 0) throw invalid('Image file is empty', { reason: 'emptyImage', params: { name } });
  if (bytes.length > maxBytes) throw tooLarge(bytes.length);
  const type = sniffImageType(bytes);
  if (type === undefined)
    throw invalid('Not a PNG, JPEG, WebP or GIF image', { reason: 'notAnImage', params: { name } });
  return { bytes, mime: type.mime, ext: type.ext, name };
}
