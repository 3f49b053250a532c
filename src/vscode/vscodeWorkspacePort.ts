// The WorkspacePort over the real workspace: folders, `geekaiImage.*` settings, workspace.fs.
import * as vscode from 'vscode';
import { openDiskWriter, readFilePart } from '../core/files/nodeFileStore';
import { readSettings } from '../core/job/settings';
import type { FsLike, WorkspacePort } from './ports';

/** Keeps a change where the user set the value before (a workspace may pin one), else for the user. */
async function updateSetting(key: string, value: string): Promise<void> {
  const c = vscode.workspace.getConfiguration('geekaiImage');
  const target =
    c.inspect(key)?.workspaceValue !== undefined
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
  await c.update(key, value, target);
}

/**
 * workspace.fs, and for `file:` URIs what it lacks, done on this host's disk (where the extension
 * host runs, locally or remotely): a file's head read without the rest, and a file written piece
 * by piece. Other schemes (virtual file systems) read and write whole files.
 */
function workspaceFs(): FsLike {
  const fs = vscode.workspace.fs;
  return {
    stat: (uri) => fs.stat(uri),
    readFile: (uri) => fs.readFile(uri),
    writeFile: (uri, content) => fs.writeFile(uri, content),
    rename: (from, to, options) => fs.rename(from, to, options),
    delete: (uri, options) => fs.delete(uri, options),
    createDirectory: (uri) => fs.createDirectory(uri),
    readPart: (uri, offset, length, into) => readFilePart(uri.fsPath, offset, length, into),
    openWrite: async (uri) => (uri.scheme === 'file' ? openDiskWriter(uri.fsPath) : undefined),
  };
}

/**
 * The file a document is saved in: a notebook cell's document (scheme `vscode-notebook-cell`,
 * the notebook's path) stands for its notebook, which is what VS Code knows the folder and the
 * settings of.
 */
export function documentFile(uri: vscode.Uri): vscode.Uri {
  if (uri.scheme !== 'vscode-notebook-cell') return uri;
  const key = uri.toString();
  return (
    vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document.uri.toString() === key))?.uri ??
    uri
  );
}

export function vscodeWorkspacePort(): WorkspacePort {
  return {
    folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
    folderOf: (uri) => vscode.workspace.getWorkspaceFolder(documentFile(uri))?.uri,
    findImages: async () =>
      vscode.workspace.findFiles(
        '**/*.{png,jpg,jpeg,webp,gif,PNG,JPG,JPEG,WEBP,GIF}',
        '{**/node_modules/**,**/.*/**}',
        500,
      ),
    fs: workspaceFs(),
    settings: (scope) => {
      const c = vscode.workspace.getConfiguration('geekaiImage', scope && documentFile(scope));
      // An application-scoped setting (confirmBatches) is the user's own value only.
      return readSettings(
        (key) => c.get(key),
        (key) => c.inspect(key)?.globalValue,
      );
    },
    // The user's own value only: a workspace or folder setting (a committed .vscode/settings.json) does not count.
    userBaseUrl: () => {
      const user = vscode.workspace.getConfiguration('geekaiImage').inspect<unknown>('baseUrl')?.globalValue;
      return readSettings((key) => (key === 'baseUrl' ? user : undefined)).baseUrl;
    },
    setModel: (id) => updateSetting('model', id),
    setApi: (api) => updateSetting('api', api),
    isTrusted: () => vscode.workspace.isTrusted,
  };
}
