// The workspace's image library as the view and its commands see it: the index (core/library),
// brought up to date incrementally (only files whose size or mtime changed are read), one update
// at a time, after a file-system change (debounced), and kept in workspace storage so the next
// window starts from it. Heads are read through the wall and their facts on the worker pool.
import * as vscode from 'vscode';
import type { HeavyWork } from '../../core/heavy/heavyWork';
import { IMAGE_WHOLE_READ_MAX_BYTES } from '../../core/limits';
import { parseIndex, serializeIndex } from '../../core/library/indexCache';
import type { ImageReference } from '../../core/library/imageReferences';
import { LIBRARY_DOCUMENT_MAX_BYTES, readDocumentPart } from '../../core/library/libraryFiles';
import { emptyIndex, updateIndex, type IndexSources, type LibraryIndex } from '../../core/library/libraryIndex';
import { usesOf } from '../../core/library/libraryQuery';
import type { Logger } from '../../core/logger';
import { bytesSource } from '../../core/publish/imageHead';
import { siteFilesOf } from '../../core/sites/siteFiles';
import { headFacts } from '../imageFileHead';
import type { WorkspacePort } from '../ports';
import { WorkspaceFileStore } from '../workspaceFileStore';
import type { LibraryPorts } from './libraryPorts';

export interface ImageLibraryDeps {
  workspace: Pick<WorkspacePort, 'folders' | 'fs'>;
  ports: LibraryPorts;
  heavy?: HeavyWork;
  log?: Logger;
  /** Milliseconds a burst of file changes is gathered for before one update. */
  debounceMs?: number;
}

export class ImageLibrary {
  private current: LibraryIndex = emptyIndex();
  private currentUses = new Map<string, ImageReference[]>();
  private running: Promise<void> | undefined;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ImageLibraryDeps) {}

  get index(): LibraryIndex {
    return this.current;
  }

  /** The references to each file (from the current index). */
  get uses(): ReadonlyMap<string, readonly ImageReference[]> {
    return this.currentUses;
  }

  /** Whether the first update (from the cache, then the disk) has been made. */
  get ready(): boolean {
    return this.loaded;
  }

  private roots(): string[] {
    return this.deps.workspace.folders().map((f) => f.path);
  }

  /** The URI of a path the index holds (the folder's scheme and authority). */
  uriOf(p: string): vscode.Uri {
    const folders = this.deps.workspace.folders();
    const folder = folders.find((f) => p === f.path || p.startsWith(`${f.path}/`)) ?? folders[0];
    return folder ? folder.with({ path: p, query: '', fragment: '' }) : vscode.Uri.file(p);
  }

  /** A path as the view and messages name it: relative to its workspace folder (with the folder's name when there are several). */
  shown(p: string): string {
    const folders = this.deps.workspace.folders();
    const folder = folders.find((f) => p === f.path || p.startsWith(`${f.path}/`));
    if (!folder) return p;
    const rel = p === folder.path ? '' : p.slice(folder.path.length + 1);
    return folders.length > 1 ? `${folder.path.slice(folder.path.lastIndexOf('/') + 1)}/${rel}` : rel;
  }

  private sources(): IndexSources {
    const fs = this.deps.workspace.fs;
    const store = new WorkspaceFileStore(fs, () => this.deps.workspace.folders()[0]);
    const heavy = this.deps.heavy;
    return {
      roots: this.roots(),
      store,
      imageBytes: async (f) => {
        const uri = this.uriOf(f.path);
        // Never more than the file holds: a small image's head costs a small buffer.
        if (fs.readPart && uri.scheme === 'file')
          return {
            size: f.size,
            read: (o, l) =>
              fs.readPart?.(uri, o, Math.max(0, Math.min(l, f.size - o))) ?? Promise.resolve(new Uint8Array(0)),
          };
        return f.size <= IMAGE_WHOLE_READ_MAX_BYTES ? bytesSource(await fs.readFile(uri)) : undefined;
      },
      documentText: async (f) => {
        if (f.size > LIBRARY_DOCUMENT_MAX_BYTES) return undefined;
        const uri = this.uriOf(f.path);
        const byParts = fs.readPart !== undefined && uri.scheme === 'file';
        const bytes = byParts
          ? await readDocumentPart((o, l) => fs.readPart?.(uri, o, l) ?? Promise.resolve(new Uint8Array(0)), f.size)
          : await fs.readFile(uri);
        return bytes === undefined || bytes.byteLength > LIBRARY_DOCUMENT_MAX_BYTES
          ? undefined
          : new TextDecoder().decode(bytes);
      },
      exists: async (p) => (await store.stat(p).catch(() => undefined)) !== undefined,
      siteFiles: siteFilesOf(store),
      facts: (head) => headFacts(head, heavy),
    };
  }

  /** Brings the index up to date now (waits for one already running, then runs again if asked meanwhile). */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.update().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  /** A refresh soon: file changes come in bursts (a checkout, a build). */
  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, this.deps.debounceMs ?? 500);
  }

  private async update(): Promise<void> {
    const roots = this.roots();
    try {
      if (!this.loaded) {
        const cached = await this.deps.ports.readCache();
        const from = cached === undefined ? undefined : parseIndex(cached, roots);
        if (from) this.publish(from);
      }
      const listing = await this.deps.ports.list();
      const { index, readImages, readDocuments } = await updateIndex(this.current, listing, this.sources());
      this.loaded = true;
      this.publish(index);
      if (readImages + readDocuments > 0)
        await this.deps.ports.writeCache(serializeIndex(index, roots)).catch(() => undefined);
    } catch (e) {
      this.loaded = true;
      this.deps.log?.warn(
        `image library: the index could not be updated: ${e instanceof Error ? e.message : String(e)}`,
      );
      this.changed.fire();
    }
  }

  private publish(index: LibraryIndex): void {
    this.current = index;
    this.currentUses = usesOf(index);
    this.changed.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
