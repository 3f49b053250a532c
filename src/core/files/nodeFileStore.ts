// core's FileStore over Node's own file system (the MCP server, tests and benches): real paths,
// no-overwrite writes through a hidden temp file, and reads of a file's part.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { FileStat, FileStore, FileWriter } from './saveImages';

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/** Links followed for one path at most, as the kernel's own limit (ELOOP) would. */
const MAX_HOPS = 40;

/** Where `p` would be once every link is followed: the real path of its deepest existing part, with the rest appended. */
async function realForm(p: string, hops: number): Promise<string> {
  const tail: string[] = [];
  for (let at = p; ; at = path.dirname(at)) {
    const real = await realOnDisk(at, hops);
    if (real !== undefined) return path.join(real, ...tail);
    if (at === path.dirname(at)) return p;
    tail.unshift(path.basename(at));
  }
}

async function realOnDisk(p: string, hops: number): Promise<string | undefined> {
  try {
    return await fs.realpath(p);
  } catch (e) {
    if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw e;
  }
  // Nothing there, or a link whose target is missing: what is created through such a link lands
  // at its target, so that is its real path.
  let target: string;
  try {
    target = await fs.readlink(p);
  } catch {
    return undefined;
  }
  if (hops >= MAX_HOPS) throw Object.assign(new Error(`ELOOP: too many links: ${p}`), { code: 'ELOOP' });
  return realForm(path.resolve(path.dirname(p), target), hops + 1);
}

/**
 * The real path of `p` on this machine's disk (native form); undefined when nothing is there. A
 * link leading to a missing target resolves to where that target would be; a loop rejects (ELOOP).
 */
export function diskRealPath(p: string): Promise<string | undefined> {
  return realOnDisk(p, 0);
}

/** FileStore over the local file system (POSIX paths): the MCP server's store, and the integration tests'. */
export class NodeFileStore implements FileStore {
  async stat(p: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(p);
      return { type: s.isDirectory() ? 'directory' : 'file', size: s.size };
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined;
      throw e;
    }
  }

  realPath(p: string): Promise<string | undefined> {
    return diskRealPath(p);
  }

  async readFile(p: string): Promise<Uint8Array> {
    // A view, not a copy (new Uint8Array(buffer) would copy it): a 50 MB file read for a hover
    // is copied nowhere on this thread, and its own ArrayBuffer can be handed to a worker.
    const b = await fs.readFile(p);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }

  async writeFile(p: string, bytes: Uint8Array): Promise<void> {
    await fs.writeFile(p, bytes);
  }

  /** fs.rename overwrites on POSIX, so link (fails with EEXIST) and unlink instead. */
  async rename(from: string, to: string): Promise<void> {
    try {
      await fs.link(from, to);
    } catch (e) {
      // Some file systems (FAT, some network mounts) have no hard links.
      if (code(e) !== 'EPERM' && code(e) !== 'ENOTSUP' && code(e) !== 'EOPNOTSUPP') throw e;
      await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    }
    await fs.unlink(from);
  }

  /** Like workspace.fs.delete without `recursive`: a file, or an empty folder. */
  async delete(p: string): Promise<void> {
    if ((await fs.stat(p)).isDirectory()) await fs.rmdir(p);
    else await fs.rm(p);
  }

  async createDirectory(p: string): Promise<void> {
    await fs.mkdir(p, { recursive: true });
  }

  openWrite(p: string): Promise<FileWriter> {
    return openDiskWriter(p);
  }

  async readInto(p: string, offset: number, into: Uint8Array): Promise<number> {
    return (await readFilePart(p, offset, into.byteLength, into)).byteLength;
  }
}

/** Bytes waiting for the disk before `write` makes its caller wait: the network stays ahead of the disk by this much at most. */
const WRITE_AHEAD_BYTES = 1024 * 1024;

/**
 * A new file on disk written piece by piece; `wx`: fails when anything (a file, a link) is at `p`.
 * Pieces that come while a write is on its way go to the disk together (one writev), not each
 * after the previous one's round trip through the thread pool: a download of a thousand pieces
 * would otherwise wait on a thousand of those. A failed write fails the next `write` or `close`.
 */
export async function openDiskWriter(p: string): Promise<FileWriter> {
  const handle = await fs.open(p, 'wx');
  let waiting: Uint8Array[] = [];
  let waitingBytes = 0;
  let writing: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  // A function, so the check after an await reads what drain set meanwhile.
  const check = (): void => {
    if (failure) throw failure.error;
  };
  let closed: Promise<void> | undefined;
  const drain = async (): Promise<void> => {
    try {
      while (waiting.length > 0) {
        const batch = waiting;
        waiting = [];
        waitingBytes = 0;
        await writeAll(handle, batch);
      }
    } catch (error) {
      failure = { error };
      waiting = [];
    } finally {
      writing = undefined;
    }
  };
  return {
    async write(bytes) {
      check();
      if (bytes.byteLength === 0) return;
      waiting.push(bytes);
      waitingBytes += bytes.byteLength;
      writing ??= drain();
      if (waitingBytes >= WRITE_AHEAD_BYTES) await writing;
      check();
    },
    async settled() {
      await writing;
      check();
    },
    close: () =>
      (closed ??= (async () => {
        await writing;
        await handle.close();
        check();
      })()),
  };
}

/** Every byte of `parts`, however the system splits the writes. */
async function writeAll(handle: fs.FileHandle, parts: Uint8Array[]): Promise<void> {
  let left = parts;
  while (left.length > 0) {
    let { bytesWritten } = await handle.writev(left);
    const rest: Uint8Array[] = [];
    for (const part of left) {
      if (bytesWritten >= part.byteLength) {
        bytesWritten -= part.byteLength;
      } else {
        rest.push(part.subarray(bytesWritten));
        bytesWritten = 0;
      }
    }
    left = rest;
  }
}

/** Up to `length` bytes of the file at `p` from `offset` (fewer at its end): a part, never the whole file. */
export async function readFilePart(
  p: string,
  offset: number,
  length: number,
  buffer: Uint8Array = new Uint8Array(length),
): Promise<Uint8Array> {
  const handle = await fs.open(p, 'r');
  try {
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}
