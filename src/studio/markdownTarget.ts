// Remembers the editor of a document that takes images (Markdown, AsciiDoc, a notebook's
// Markdown cell, …) the user came from, so Insert goes there even though the Studio panel (not a
// text editor) is active when the button is pressed.
import * as vscode from 'vscode';
import { takesImages } from '../vscode/documentLanguages';

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
    if (editor && takesImages({ languageId: editor.document.languageId, document: editor.document.uri }))
      this.set(editor.document.uri);
  }
}
