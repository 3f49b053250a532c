// Workspace facts and settings the service needs, behind an interface adapter tests can fake.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readSettings, type Settings } from './settings';
import type { FsLike } from './workspaceFileStore';

export interface WorkspacePort {
  folders(): readonly vscode.Uri[];
  folderOf(uri: vscode.Uri): vscode.Uri | undefined;
  /** Images in the workspace, for "which image to edit?" (node_modules and dot-folders left out). */
  findImages(): Promise<vscode.Uri[]>;
  readonly fs: FsLike;
  settings(scope?: vscode.Uri): Settings;
  setModel(id: string): Promise<void>;
}

export function createWorkspacePort(): WorkspacePort {
  return {
    folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    folderOf: (uri) => vscode.workspace.getWorkspaceFolder(uri)?.uri,
    findImages: async () => vscode.workspace.findFiles('**/*.{png,jpg,jpeg,webp,gif,PNG,JPG,JPEG,WEBP,GIF}', '{**/node_modules/**,**/.*/**}', 500),
    fs: vscode.workspace.fs,
    settings: (scope) => {
      const c = vscode.workspace.getConfiguration('geekaiImage', scope);
      return readSettings((key) => c.get(key));
    },
    setModel: async (id) => {
      const c = vscode.workspace.getConfiguration('geekaiImage');
      // Keep the change where the user set the model before (a workspace may pin one).
      const target = c.inspect('model')?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await c.update('model', id, target);
    },
  };
}

/** Quick-pick items for workspace images: the file name, with its folder relative to the workspace. */
export function imagePickItems(workspace: WorkspacePort, uris: readonly vscode.Uri[]): { label: string; description: string; uri: vscode.Uri }[] {
  return uris.map((uri) => {
    const folder = workspace.folderOf(uri);
    const dir = path.posix.dirname(folder ? path.posix.relative(folder.path, uri.path) : uri.path);
    return { label: path.posix.basename(uri.path), description: dir === '.' ? '' : dir, uri };
  });
}
