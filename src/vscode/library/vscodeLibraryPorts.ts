// The LibraryPorts over the real VS Code API.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { Listing } from '../../core/library/diskLibrary';
import {
  isLibraryImage,
  libraryGlob,
  LIBRARY_MAX_DOCUMENTS,
  LIBRARY_MAX_IMAGES,
} from '../../core/library/libraryFiles';
import { INDEX_CACHE_MAX_BYTES } from '../../core/library/indexCache';
import type { ListedFile } from '../../core/library/libraryIndex';
import { moveToFreedesktopTrash } from './freedesktopTrash';
import type { LibraryPorts } from './libraryPorts';

const CACHE_FILE = 'image-library.json';

/** files.exclude and search.exclude as one glob (a pattern set to `true`; `when` clauses are left out), with node_modules and VCS folders always. */
export function excludeGlob(patterns: readonly Record<string, unknown>[]): string {
  const set = new Set<string>(['**/node_modules/**', '**/.git/**']);
  for (const p of patterns)
    for (const [glob, on] of Object.entries(p)) if (on === true && !/[{}]/.test(glob)) set.add(glob);
  return `{${[...set].join(',')}}`;
}

/** The glob in both cases, as VS Code's search matches case-sensitively on some platforms. */
function caseFreeGlob(): string {
  const g = libraryGlob();
  const inner = /\{(.*)\}/.exec(g)?.[1] ?? '';
  const exts = inner.split(',');
  return `**/*.{${[...new Set([...exts, ...exts.map((e) => e.toUpperCase())])].join(',')}}`;
}

async function statOf(uri: vscode.Uri): Promise<ListedFile | undefined> {
  try {
    if (uri.scheme === 'file') {
      const s = await fsp.stat(uri.fsPath);
      return s.isFile() ? { path: uri.path, size: s.size, mtime: s.mtimeMs } : undefined;
    }
    const s = await vscode.workspace.fs.stat(uri);
    return s.type & vscode.FileType.File ? { path: uri.path, size: s.size, mtime: s.mtime } : undefined;
  } catch {
    return undefined;
  }
}

export function vscodeLibraryPorts(storage: vscode.Uri | undefined): LibraryPorts {
  const cacheUri = storage && vscode.Uri.joinPath(storage, CACHE_FILE);
  return {
    async list(signal) {
      const config = (section: string): Record<string, unknown> =>
        vscode.workspace.getConfiguration(section).get<Record<string, unknown>>('exclude') ?? {};
      const source = new vscode.CancellationTokenSource();
      signal?.addEventListener('abort', () => source.cancel());
      const uris = await vscode.workspace.findFiles(
        caseFreeGlob(),
        excludeGlob([config('files'), config('search')]),
        LIBRARY_MAX_IMAGES + LIBRARY_MAX_DOCUMENTS + 1,
        source.token,
      );
      source.dispose();
      const listed: (ListedFile | undefined)[] = new Array<ListedFile | undefined>(uris.length);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < uris.length && signal?.aborted !== true) {
          const i = next++;
          listed[i] = await statOf(uris[i]);
        }
      };
      await Promise.all(Array.from({ length: 16 }, lane));
      const out: Listing = { images: [], documents: [] };
      for (const f of listed) if (f) (isLibraryImage(f.path) ? out.images : out.documents).push(f);
      const byPath = (a: ListedFile, b: ListedFile): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
      out.images.sort(byPath);
      out.documents.sort(byPath);
      return out;
    },
    async applyEdit(moves, changes) {
      const edit = new vscode.WorkspaceEdit();
      for (const m of moves) edit.renameFile(m.from, m.to, { overwrite: false });
      for (const c of changes) {
        const doc = await vscode.workspace.openTextDocument(c.document);
        for (const r of c.replacements)
          edit.replace(c.document, new vscode.Range(doc.positionAt(r.span.start), doc.positionAt(r.span.end)), r.text);
      }
      return vscode.workspace.applyEdit(edit, { isRefactoring: true });
    },
    async trash(uris) {
      for (const uri of uris) {
        try {
          await vscode.workspace.fs.delete(uri, { recursive: false, useTrash: true });
        } catch (e) {
          // A remote host on Linux has no trash of its own: the user's FreeDesktop trash there.
          if (uri.scheme !== 'file' || process.platform !== 'linux') throw e;
          await moveToFreedesktopTrash(uri.fsPath);
        }
      }
    },
    async readCache() {
      if (!cacheUri) return undefined;
      try {
        const s = await vscode.workspace.fs.stat(cacheUri);
        if (s.size > INDEX_CACHE_MAX_BYTES) return undefined;
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(cacheUri));
      } catch {
        return undefined;
      }
    },
    async writeCache(text) {
      if (!storage || !cacheUri) return;
      await vscode.workspace.fs.createDirectory(storage);
      await vscode.workspace.fs.writeFile(cacheUri, new TextEncoder().encode(text));
    },
  };
}
