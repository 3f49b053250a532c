// The library over the local disk without VS Code: a folder walk that skips what every
// workspace search skips (dot-folders, node_modules), and the index's sources over NodeFileStore.
// The bench, the integration tests and any Node caller use it; the adapter lists through VS Code's
// search instead (files.exclude and search.exclude) and reads through workspace.fs.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NodeFileStore, readFilePart } from '../files/nodeFileStore';
import { siteFilesOf } from '../sites/siteFiles';
import type { IndexSources, ListedFile } from './libraryIndex';
import { isLibraryDocument, isLibraryImage, LIBRARY_DOCUMENT_MAX_BYTES, readDocumentPart } from './libraryFiles';

const posix = path.posix;

export interface Listing {
  images: ListedFile[];
  documents: ListedFile[];
}

const SKIPPED = new Set(['node_modules']);

/** Every library image and document under `roots` (links not followed into folders), sorted by path. */
export async function listDisk(roots: readonly string[]): Promise<Listing> {
  const images: ListedFile[] = [];
  const documents: ListedFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    const files: string[] = [];
    for (const e of entries) {
      if (e.name.startsWith('.') || SKIPPED.has(e.name)) continue;
      const p = posix.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (isLibraryImage(p) || isLibraryDocument(p)) files.push(p);
    }
    const stats = await Promise.all(files.map((p) => fs.stat(p).catch(() => undefined)));
    files.forEach((p, i) => {
      const s = stats[i];
      if (!s?.isFile()) return;
      (isLibraryImage(p) ? images : documents).push({ path: p, size: s.size, mtime: s.mtimeMs });
    });
  };
  for (const r of roots) await walk(r);
  const byPath = (a: ListedFile, b: ListedFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { images: images.sort(byPath), documents: documents.sort(byPath) };
}

/** The index's sources over the local disk (heads by parts, documents up to the cap). */
export function diskSources(roots: readonly string[], signal?: AbortSignal): IndexSources {
  const store = new NodeFileStore();
  return {
    roots,
    store,
    // Never more than the file holds: a small image's head costs a small buffer.
    imageBytes: (f) =>
      Promise.resolve({
        size: f.size,
        read: (offset, length) => readFilePart(f.path, offset, Math.max(0, Math.min(length, f.size - offset))),
      }),
    documentText: async (f) => {
      if (f.size > LIBRARY_DOCUMENT_MAX_BYTES) return undefined;
      const bytes = await readDocumentPart((o, l) => readFilePart(f.path, o, l), f.size);
      return bytes && new TextDecoder().decode(bytes);
    },
    exists: async (p) => (await store.stat(p)) !== undefined,
    siteFiles: siteFilesOf(store),
    ...(signal ? { signal } : {}),
  };
}
