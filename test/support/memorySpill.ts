// A SpillTarget in memory for unit tests: each file's bytes as written (copied, as a disk would
// take them), which files are still there, and failures on demand (no file, a write refused).
import type { DecodedDataUrl } from '../../src/core/images/dataUrl';
import type { SpillFile, SpillTarget, SpillWriter } from '../../src/core/heavy/spill';

interface MemoryFile {
  parts: Buffer[];
  closed: boolean;
  discarded: boolean;
}

export class MemorySpill implements SpillTarget {
  readonly files: MemoryFile[] = [];
  private readonly byHandle = new Map<SpillFile, MemoryFile>();

  constructor(
    readonly partBytes: number,
    private readonly fail: { open?: boolean; writeAfter?: number } = {},
  ) {}

  open(): Promise<SpillWriter | undefined> {
    if (this.fail.open) return Promise.resolve(undefined);
    const f: MemoryFile = { parts: [], closed: false, discarded: false };
    this.files.push(f);
    const discard = (): Promise<void> => {
      f.discarded = true;
      return Promise.resolve();
    };
    return Promise.resolve({
      write: async (bytes) => {
        await new Promise((r) => setImmediate(r));
        if (this.fail.writeAfter !== undefined && f.parts.length >= this.fail.writeAfter) throw new Error('ENOSPC');
        f.parts.push(Buffer.from(bytes));
      },
      close: () => {
        f.closed = true;
        const handle: SpillFile = {
          readInto: (into, offset) => {
            const all = Buffer.concat(f.parts);
            const part = all.subarray(offset, offset + into.byteLength);
            into.set(part);
            return Promise.resolve(part.byteLength);
          },
          discard,
        };
        this.byHandle.set(handle, f);
        return Promise.resolve(handle);
      },
      discard,
    });
  }

  /** Files written and not removed. */
  get left(): number {
    return this.files.filter((f) => !f.discarded).length;
  }

  /** A blob's bytes, wherever they are. */
  bytesOf(d: DecodedDataUrl | undefined): Uint8Array {
    if (!d) return new Uint8Array(0);
    if ('bytes' in d) return d.bytes;
    const f = this.byHandle.get(d.spilled.file);
    if (!f || f.discarded) throw new Error('a spilled blob whose file is gone');
    return Buffer.concat(f.parts);
  }
}

/** A blob's bytes when it is in memory (no spill in that test). */
export function inMemory(d: DecodedDataUrl | undefined): Uint8Array {
  if (!d) return new Uint8Array(0);
  if (!('bytes' in d)) throw new Error('spilled, where no spill was given');
  return d.bytes;
}
