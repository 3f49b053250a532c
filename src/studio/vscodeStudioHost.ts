// StudioHost backed by the real VS Code API for one webview.
import * as vscode from 'vscode';
import { isInWorkspace as insideByRealPath } from '../vscode/workspaceRoots';
import type { HostToWebview } from '../../shared/protocol';
import type { MarkdownTarget } from './markdownTarget';
import type { StudioHost } from './ports';
import { COMMANDS } from '../contributionIds';

/** The settings view filtered to this extension's settings. */
const SETTINGS_QUERY = '@ext:geekai-image-studio.geekai-image-studio';

/** Inside an open workspace folder by real path (core's wall); no folder open, nothing is. */
function isInWorkspace(uri: vscode.Uri): Promise<boolean> {
  return insideByRealPath(
    { folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri), fs: vscode.workspace.fs },
    uri,
  );
}

/** Whether `uri` is an existing file (a folder is not an image; an unreadable path counts as gone). */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

export function vscodeStudioHost(
  webview: vscode.Webview,
  post: (m: HostToWebview) => void,
  target: MarkdownTarget,
): StudioHost {
  return {
    post,
    asWebviewUri: (u) => webview.asWebviewUri(u).toString(),
    parseUri: (text) => vscode.Uri.parse(text, true),
    isInWorkspace,
    exists: fileExists,
    target: () => target.current(),
    copyText: async (text) => vscode.env.clipboard.writeText(text),
    reveal: async (u) => {
      await vscode.commands.executeCommand('revealInExplorer', u);
    },
    open: async (u) => {
      await vscode.commands.executeCommand('vscode.open', u);
    },
    openSettings: async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS_QUERY);
    },
    reusePrompt: async (u) => {
      await vscode.commands.executeCommand(COMMANDS.reusePrompt, u);
    },
    locale: () => vscode.env.language,
  };
}
