// Quick-pick items for workspace images, shared by the Edit command's and the panel's pickers.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { WorkspacePort } from './ports';

/** Quick-pick items for workspace images: the file name, with its folder relative to the workspace. */
export function imagePickItems(workspace: WorkspacePort, uris: readonly vscode.Uri[]): { label: string; description: string; uri: vscode.Uri }[] {
  return uris.map((uri) => {
    const folder = workspace.folderOf(uri);
    const dir = path.posix.dirname(folder ? path.posix.relative(folder.path, uri.path) : uri.path);
    return { label: path.posix.basename(uri.path), description: dir === '.' ? '' : dir, uri };
  });
}
