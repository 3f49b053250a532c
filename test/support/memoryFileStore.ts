import * as path from 'node:path';
import type { FileStat, FileStore, FileWriter } from '../../src/core/files/saveImages';

const posix = path.posix;

/** `openWrite` creates a file to be written piece by piece; each piece is a `write`. */
export type StoreOp =
  'stat' | 'readFile' | 'writeFile' | 'rename' | 'delete' | 'createDirectory' | 'openWrite' | 'write';

export interface StoreCall {
  op: StoreOp;
  path: string;
  /** rename target */
  to?: string;
}

/** Runs before each call; throw to make the call fail, or change the store to stage a race. */
export type StoreHook = (call: StoreCall, store: MemoryFileStore) => void | Promise<void>;

function fsError(code: string, p: string): Error {
  return Object.assign(new Error(`${code}: ${p}`), { code });
}

/**
 * In-memory FileStore with real-file-system rules (parents must exist,
 * rename never overwrites) and hooks for failures and races.
 */
export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, Uint8Array>();
  readonly dirs = new Set<string>(['/']);
  readonly calls: StoreCall[] = [];
  private readonly hooks: StoreHook[] = [];

  /** Adds a hook; returns a function that removes it. */
  onCall(hook: StoreHook): () => void {
    this.hooks.push(hook);
    return () => this.hooks.splice(this.hooks.indexOf(hook), 1);
  }

  /** Makes the `nth` (1-based) call of `op` whose path matches fail with `code`. */
  failOn(op: StoreOp, match: (p: string) => boolean = () => true, nth = 1, code = 'EIO'): void {
    let seen = 0;
    this.onCall((call) => {
      if (call.op === op && match(call.path) && ++seen === nth) throw fsError(code, call.path);
    });
  }

  /** Puts a file (creating parent folders), bypassing hooks. */
  seed(p: string, bytes: Uint8Array): void {
    this.mkdirs(posix.dirname(p));
    this.files.set(p, bytes);
  }

  /** File paths under `dir` (direct children), sorted. */
  list(dir: string): string[] {
    return [...this.files.keys()].filter((p) => posix.dirname(p) === dir).sort();
  }

  private async before(call: StoreCall): Promise<void> {
    this.calls.push(call);
    for (const hook of [...this.hooks]) await hook(call, this);
  }

  private mkdirs(dir: string): void {
    for (let d = dir; !this.dirs.has(d); d = posix.dirname(d)) {
      if (this.files.has(d)) throw fsError('ENOTDIR', d);
      this.dirs.add(d);
    }
  }

  private requireParent(p: string): void {
    if (!this.dirs.has(posix.dirname(p))) throw fsError('ENOENT', p);
  }

  async stat(p: string): Promise<FileStat | undefined> {
    await this.before({ op: 'stat', path: p });
    const file = this.files.get(p);
    if (file !== undefined) return { type: 'file', size: file.length };
    return this.dirs.has(p) ? { type: 'directory' } : undefined;
  }

  /** No links in memory: a path is its own real path (not recorded in `calls`, as it changes nothing). */
  async realPath(p: string): Promise<string | undefined> {
    return this.files.has(p) || this.dirs.has(p) ? p : undefined;
  }

  async readFile(p: string): Promise<Uint8Array> {
    await this.before({ op: 'readFile', path: p });
    const file = this.files.get(p);
    if (file === undefined) throw fsError(this.dirs.has(p) ? 'EISDIR' : 'ENOENT', p);
    return file.slice();
  }

  async writeFile(p: string, bytes: Uint8Array): Promise<void> {
    await this.before({ op: 'writeFile', path: p });
    this.requireParent(p);
    if (this.dirs.has(p)) throw fsError('EISDIR', p);
    this.files.set(p, bytes.slice());
  }

  async rename(from: string, to: string): Promise<void> {
    await this.before({ op: 'rename', path: from, to });
    const file = this.files.get(from);
    if (file === undefined) throw fsError('ENOENT', from);
    if (this.files.has(to) || this.dirs.has(to)) throw fsError('EEXIST', to);
    this.requireParent(to);
    this.files.delete(from);
    this.files.set(to, file);
  }

  async delete(p: string): Promise<void> {
    await this.before({ op: 'delete', path: p });
    if (this.files.delete(p)) return;
    if (!this.dirs.has(p)) throw fsError('ENOENT', p);
    const prefix = `${p}/`;
    if ([...this.files.keys(), ...this.dirs].some((x) => x.startsWith(prefix))) throw fsError('ENOTEMPTY', p);
    this.dirs.delete(p);
  }

  async createDirectory(p: string): Promise<void> {
    await this.before({ op: 'createDirectory', path: p });
    this.mkdirs(p);
  }

  /** Set false to make this a store that cannot write piece by piece (every image is written whole). */
  streams = true;

  /** Like a file opened `wx`: the file exists (empty) at once and grows with each write. */
  async openWrite(p: string): Promise<FileWriter | undefined> {
    if (!this.streams) return undefined;
    await this.before({ op: 'openWrite', path: p });
    this.requireParent(p);
    if (this.files.has(p) || this.dirs.has(p)) throw fsError('EEXIST', p);
    this.files.set(p, new Uint8Array(0));
    let closed = false;
    // Grows by doubling, so a large download is not copied over and over.
    let room = new Uint8Array(64 * 1024);
    let length = 0;
    return {
      write: async (bytes) => {
        await this.before({ op: 'write', path: p });
        if (closed || !this.files.has(p)) throw fsError('EBADF', p);
        if (length + bytes.byteLength > room.byteLength) {
          const bigger = new Uint8Array(Math.max(room.byteLength * 2, length + bytes.byteLength));
          bigger.set(room.subarray(0, length));
          room = bigger;
        }
        room.set(bytes, length);
        length += bytes.byteLength;
        this.files.set(p, room.subarray(0, length));
      },
      close: () => {
        closed = true;
        return Promise.resolve();
      },
      // Each write is copied at once: nothing is held that the caller could change.
      settled: () => Promise.resolve(),
    };
  }

  /** Set undefined to make this a store that cannot read a file's part (no answer is then decoded to disk). */
  readInto?: (p: string, offset: number, into: Uint8Array) => Promise<number> = async (p, offset, into) => {
    await this.before({ op: 'readFile', path: p });
    const file = this.files.get(p);
    if (file === undefined) throw fsError('ENOENT', p);
    const part = file.subarray(offset, offset + into.byteLength);
    into.set(part);
    return part.byteLength;
  };
}
