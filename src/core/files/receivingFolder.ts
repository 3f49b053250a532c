// Where a job's downloads go as they arrive: hidden temp files in the very folder the images are
// saved in, so saving one is only a rename (saveImages' WrittenImage). The folder is checked
// against the workspace wall before anything is created and again once it exists, as saveImages
// does; whatever the job does not keep is removed, with the folders made for it.
import { checkInsideWorkspace } from './paths';
import {
  deleteQuietly,
  missingFolders,
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

  /** A new temp file in the folder; undefined when the store cannot write piece by piece. */
  async create(): Promise<TempFile | undefined> {
    if (!this.store.openWrite) return undefined;
    await (this.ready ??= this.prepare());
    const path = tempPathFor(this.target.folder, this.tempBase);
    const writer = await step('writeFailed', path, async () => this.store.openWrite?.(path));
    if (!writer) return undefined;
    this.temps.set(path, writer);
    return { path, writer };
  }

  /** The temp file belongs to the save now (moved into place, or moved back on its failure). */
  keep(path: string): void {
    this.temps.delete(path);
  }

  /** Hands a kept temp file back (the save failed and moved it back): it is removed with the rest. */
  reclaim(path: string): void {
    if (!this.temps.has(path)) this.temps.set(path, { write: () => Promise.resolve(), close: () => Promise.resolve() });
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
    for (const path of [...this.temps.keys()]) await this.remove(path);
    await deleteQuietly(this.store, this.created);
    this.created = [];
  }

  private async prepare(): Promise<void> {
    const { folder, inside } = this.target;
    await checkInsideWorkspace(this.store, inside, folder, 'write');
    this.created = await missingFolders(this.store, folder);
    await step('createFolderFailed', folder, () => this.store.createDirectory(folder));
    // A link planted between the check and the creation is caught before a byte is written.
    await checkInsideWorkspace(this.store, inside, folder, 'write');
  }
}
