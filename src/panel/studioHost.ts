// The VS Code pieces the Studio session uses, narrowed so the session runs under plain mocha
// with fakes. `vscodeStudioHost.ts` backs it with the real API.
import type * as vscode from 'vscode';
import type { HostToWebview } from '../../shared/protocol';

export interface StudioHost {
  /** Posts to the webview; dropped until the webview has said `ready`. */
  post(msg: HostToWebview): void;
  asWebviewUri(uri: vscode.Uri): string;
  /** Throws on text that is not a URI. */
  parseUri(text: string): vscode.Uri;
  /** Whether `uri` is inside an open workspace folder (the webview may only read those). */
  isInWorkspace(uri: vscode.Uri): boolean;
  exists(uri: vscode.Uri): Promise<boolean>;
  /** The Markdown document Insert goes to: the last one the user had active. */
  target(): vscode.Uri | undefined;
  copyText(text: string): Promise<void>;
  reveal(uri: vscode.Uri): Promise<void>;
  open(uri: vscode.Uri): Promise<void>;
  openSettings(): Promise<void>;
  /** VS Code's display language, e.g. `en` or `zh-cn`. */
  locale(): string;
}
