// The workspace as core's job sees it: folder paths, and which folder holds a path (asked of
// VS Code, which knows each file system's case rules).
import type * as vscode from 'vscode';
import type { Roots } from '../core/files/destination';
import type { WorkspacePort } from './ports';

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
