// Remembers the Markdown editor the user came from, so Insert goes there even though the
// Studio panel (not a text editor) is active when the button is pressed.
import * as vscode from 'vscode';

export class MarkdownTarget implements vscode.Disposable {
  private uri: vscode.Uri | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor() {
    this.consider(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => this.consider(e));
  }

  current(): vscode.Uri | undefined {
    return this.uri;
  }

  /** For `openStudio` run from a Markdown editor's title bar, which passes that document. */
  set(uri: vscode.Uri): void {
    if (uri.toString() === this.uri?.toString()) return;
    this.uri = uri;
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private consider(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === 'markdown') this.set(editor.document.uri);
  }
}
