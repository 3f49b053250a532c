// Moves of workspace images turned into one WorkspaceEdit: the files renamed, and every document
// that references one of them (the index says which; each is read as it is now, unsaved changes
// included) edited so its links follow. The wall is checked for every file moved, both ends.
import { checkInsideWorkspace, isInside } from '../../core/files/paths';
import { retargetEdits, type Moves } from '../../core/library/retargetEdits';
import { placementCache, type ResolveContext } from '../../core/library/targetResolver';
import { siteFilesOf } from '../../core/sites/siteFiles';
import type { EditorPort, WorkspacePort } from '../ports';
import { WorkspaceFileStore } from '../workspaceFileStore';
import type { ImageLibrary } from './imageLibrary';
import type { DocumentChange, LibraryPorts } from './libraryPorts';

export interface EditDeps {
  library: ImageLibrary;
  ports: LibraryPorts;
  editors: Pick<EditorPort, 'read'>;
  workspace: Pick<WorkspacePort, 'folders' | 'fs'>;
}

export function storeOf(workspace: Pick<WorkspacePort, 'folders' | 'fs'>): WorkspaceFileStore {
  return new WorkspaceFileStore(workspace.fs, () => workspace.folders()[0]);
}

export function resolveContext(deps: Pick<EditDeps, 'library' | 'workspace'>): ResolveContext {
  const roots = deps.workspace.folders().map((f) => f.path);
  return {
    rootOf: (p) => roots.find((r) => isInside(r, p)),
    placementOf: placementCache(siteFilesOf(storeOf(deps.workspace))),
    isImage: (p) => deps.library.index.images.has(p),
  };
}

/** The documents' edits for `moves`, from the documents the index says use a moved file. */
export async function changesFor(
  deps: EditDeps,
  moves: Moves,
): Promise<{ changes: DocumentChange[]; unreadable: string[] }> {
  const documents = new Set<string>();
  for (const from of moves.keys()) for (const r of deps.library.uses.get(from) ?? []) documents.add(r.document);
  const ctx = resolveContext(deps);
  const changes: DocumentChange[] = [];
  const unreadable: string[] = [];
  for (const d of [...documents].sort()) {
    const uri = deps.library.uriOf(d);
    const text = await deps.editors.read(uri);
    if (text === undefined) {
      unreadable.push(d);
      continue;
    }
    const replacements = await retargetEdits(ctx, d, text, moves);
    if (replacements.length > 0) changes.push({ document: uri, replacements });
  }
  return { changes, unreadable };
}

/** Throws core's `escapesWorkspace` when a move would read or write outside the workspace by real path. */
export async function checkMoves(deps: Pick<EditDeps, 'workspace'>, moves: Moves): Promise<void> {
  const store = storeOf(deps.workspace);
  const roots = deps.workspace.folders().map((f) => f.path);
  for (const [from, to] of moves) {
    await checkInsideWorkspace(store, roots, from, 'read');
    await checkInsideWorkspace(store, roots, to, 'write');
  }
}

/** Applies the moves and their documents' edits as one undoable edit; the counts for the message, or undefined when refused. */
export async function applyMoves(
  deps: EditDeps,
  moves: Moves,
): Promise<{ documents: number; links: number; unreadable: string[] } | undefined> {
  await checkMoves(deps, moves);
  const { changes, unreadable } = await changesFor(deps, moves);
  const list = [...moves].map(([from, to]) => ({ from: deps.library.uriOf(from), to: deps.library.uriOf(to) }));
  if (!(await deps.ports.applyEdit(list, changes))) return undefined;
  return { documents: changes.length, links: changes.reduce((n, c) => n + c.replacements.length, 0), unreadable };
}
