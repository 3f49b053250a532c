// Quick-pick items for workspace images, shared by the Edit command's and the panel's pickers.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { shownText } from '../core/text/shownText';
import type { WorkspacePort } from './ports';

/** Quick-pick items for workspace images: the file name, with its folder relative to the workspace (a cloned repository names them). */
export function imagePickItems(
  workspace: WorkspacePort,
  uris: readonly vscode.Uri[],
): { label: string; description: string; uri: vscode.Uri }[] {
  return uris.map((uri) => {
    const folder = workspace.folderOf(uri);
    const dir = path.posix.dirname(folder ? path.posix.relative(folder.path, uri.path) : uri.path);
    return { label: shownText(path.posix.basename(uri.path)), description: dir === '.' ? '' : shownText(dir), uri };
  });
}
