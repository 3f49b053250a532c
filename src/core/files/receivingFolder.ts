// Where a job's downloads go as they arrive: hidden temp files in the very folder the images are
// saved in, so saving one is only a rename (saveImages' WrittenImage). The folder is checked
// against the workspace wall before anything is created and again once it exists, as saveImages
// does; whatever the job does not keep is removed, with the folders made for it.
import type { SpillFile, SpillTarget, SpillWriter } from '../heavy/spill';
import { checkInsideWorkspace } from './paths';
import {
  deleteQuietly,
  readyFolder,
  step,
  tempPathFor,
  type FileStore,
  type FileWriter,
  type SaveTarget,
} from './saveImages';

export interface TempFile {
  path: string;
  writer: FileWriter;
}

export class ReceivingFolder {
  private ready: Promise<void> | undefined;
  private created: string[] = [];
  /** Temp files written here that nobody has kept or removed yet. */
  private readonly temps = new Map<string, FileWriter>();

  constructor(
    private readonly store: FileStore,
    private readonly target: SaveTarget,
    /** The temp files are named after it (hidden: `.<base>.<random>.tmp`). */
    private readonly tempBase: string,
  ) {}

  /** Whether the store can write a file piece by piece at all. */
  get canStream(): boolean {
    return this.store.openWrite !== undefined;
  }

  /**
   * Checks and makes the folder now, while the request is on its way (a model takes seconds), so
   * the first download does not wait for it; a refusal shows at `create`.
   */
  prepareAhead(): void {
    if (!this.store.openWrite) return;
    (this.ready ??= this.prepare()).catch(() => undefined);
  }

  /** A new temp file in the folder; undefined when the store cannot write piece by piece. */
  async create(): Promise<TempFile | undefined> {
    if (!this.store.openWrite) return undefined;
    const ahead = this.ready !== undefined;
    await (this.ready ??= this.prepare());
    // Made ahead (seconds ago, while the model drew): the folder may have been swapped for a link since.
    if (ahead) await checkInsideWorkspace(this.store, this.target.inside, this.target.folder, 'write');
    const path = tempPathFor(this.target.folder, this.tempBase);
    const writer = await step('writeFailed', path, async () => this.store.openWrite?.(path));
    if (!writer) return undefined;
    this.temps.set(path, writer);
    return { path, writer };
  }

  /**
   * Where an answer's long payloads are decoded to (spill.ts): temp files here, removed with the
   * rest when the job ends; undefined when the store cannot write and read back a file in parts.
   */
  spillTarget(): SpillTarget | undefined {
    const readInto = this.store.readInto?.bind(this.store);
    if (!this.store.openWrite || !readInto) return undefined;
    return {
      open: async () => {
        const file = await this.create();
        return file && spillWriter(this, file, (into, offset) => readInto(file.path, offset, into));
      },
    };
  }

  /** A temp file's bytes, written and closed (to compare two downloads of the same size). */
  read(path: string): Promise<Uint8Array> {
    return this.store.readFile(path);
  }

  /** The temp file belongs to the save now (moved into place, or moved back on its failure). */
  keep(path: string): void {
    this.temps.delete(path);
  }

  /** Hands a kept temp file back (the save failed and moved it back): it is removed with the rest. */
  reclaim(path: string): void {
    const done = (): Promise<void> => Promise.resolve();
    if (!this.temps.has(path)) this.temps.set(path, { write: done, close: done, settled: done });
  }

  /** Closes and deletes one temp file (a failed or duplicate download). */
  async remove(path: string): Promise<void> {
    const writer = this.temps.get(path);
    this.temps.delete(path);
    await writer?.close().catch(() => undefined);
    await deleteQuietly(this.store, [path]);
  }

  /** Removes every temp file not kept, then the folders made for them (deepest first; one that holds anything stays). */
  async discard(): Promise<void> {
    // A folder made ahead while the job failed is made by the time this resolves, and removed below.
    await this.ready?.catch(() => undefined);
    for (const path of [...this.temps.keys()]) await this.remove(path);
    await deleteQuietly(this.store, this.created);
    this.created = [];
  }

  private async prepare(): Promise<void> {
    await readyFolder(this.store, this.target, this.created);
  }
}

function spillWriter(folder: ReceivingFolder, file: TempFile, readInto: SpillFile['readInto']): SpillWriter {
  const discard = (): Promise<void> => folder.remove(file.path);
  return {
    async write(bytes) {
      await file.writer.write(bytes);
      // The buffer is refilled once this resolves: the writer must hold no view of it.
      await file.writer.settled();
    },
    async close(): Promise<SpillFile> {
      await file.writer.close();
      return { readInto, discard };
    },
    discard,
  };
}
