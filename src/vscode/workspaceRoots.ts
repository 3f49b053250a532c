// The workspace as core's job sees it: folder paths, and which folder holds a path (asked of
// VS Code, which knows each file system's case rules).
import type * as vscode from 'vscode';
import type { Roots } from '../core/files/destination';
import { isImageError } from '../core/errors';
import { checkInsideWorkspace, type WallAccess } from '../core/files/paths';
import type { WorkspacePort } from './ports';
import { WorkspaceFileStore } from './workspaceFileStore';

/** `base` gives the scheme and authority of the paths core asks about. */
export function workspaceRoots(workspace: WorkspacePort, base: () => vscode.Uri | undefined): Roots {
  return {
    all: workspace.folders().map((f) => f.path),
    of: (p) => {
      const b = base();
      return b ? workspace.folderOf(b.with({ path: p }))?.path : undefined;
    },
  };
}

/** The document links are relative to: an untitled one has no folder, so none. */
export function linkedDocument(document: vscode.Uri | undefined): vscode.Uri | undefined {
  return document?.scheme === 'untitled' ? undefined : document;
}

/** The folder a new file for `document` goes under: the one holding the document, else the first. */
export function homeFolder(workspace: WorkspacePort, document: vscode.Uri | undefined): vscode.Uri | undefined {
  const doc = linkedDocument(document);
  return (doc && workspace.folderOf(doc)) ?? workspace.folders()[0];
}

/**
 * Core's workspace wall for one URI: throws `invalidInput`/`escapesWorkspace` unless `uri` is
 * inside a workspace folder (of its scheme and authority) by real path. With no folder open,
 * `home` (the folder of the document at hand) stands in for the workspace.
 */
export async function checkInWorkspace(
  workspace: Pick<WorkspacePort, 'folders' | 'fs'>,
  uri: vscode.Uri,
  access: WallAccess,
  home?: vscode.Uri,
): Promise<void> {
  const open = workspace.folders();
  const folders = (open.length > 0 ? open : home ? [home] : []).filter(
    (f) => f.scheme === uri.scheme && f.authority === uri.authority,
  );
  await checkInsideWorkspace(
    new WorkspaceFileStore(workspace.fs, uri),
    folders.map((f) => f.path),
    uri.path,
    access,
  );
}

/** `checkInWorkspace` as a yes or no (any other failure, such as an unreadable folder, is a no). */
export async function isInWorkspace(
  workspace: Pick<WorkspacePort, 'folders' | 'fs'>,
  uri: vscode.Uri,
  home?: vscode.Uri,
): Promise<boolean> {
  try {
    await checkInWorkspace(workspace, uri, 'read', home);
    return true;
  } catch (e) {
    if (isImageError(e)) return false;
    throw e;
  }
}
