// The active editor as plain data, and Markdown insertion into a document that may no longer be
// the active one (a generation can take minutes; the user may have switched editors).
import * as vscode from 'vscode';

export interface EditorSnapshot {
  document: vscode.Uri;
  languageId: string;
  selectionText: string;
  /** Last line of the selection (0-based), for inserting below it. */
  selectionEndLine: number;
  selectionEmpty: boolean;
}

export type InsertWhere = { at: 'cursor' } | { at: 'belowLine'; line: number };

export interface EditorPort {
  active(): EditorSnapshot | undefined;
  /** Inserts `text` into the document's editor (opening it if needed); false if that failed. */
  insert(document: vscode.Uri, text: string, where: InsertWhere): Promise<boolean>;
}

export function createEditorPort(): EditorPort {
  return {
    active() {
      const e = vscode.window.activeTextEditor;
      if (!e) return undefined;
      return {
        document: e.document.uri,
        languageId: e.document.languageId,
        selectionText: e.document.getText(e.selection),
        selectionEndLine: e.selection.end.line,
        selectionEmpty: e.selection.isEmpty,
      };
    },
    async insert(document, text, where) {
      const key = document.toString();
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key) ??
        (await vscode.window.showTextDocument(document, { preview: false }));
      const doc = editor.document;
      if (where.at === 'cursor') {
        const pos = editor.selection.active;
        return editor.edit((b) => b.insert(pos, text));
      }
      const line = Math.min(where.line, doc.lineCount - 1);
      const end = doc.lineAt(line).range.end;
      return editor.edit((b) => b.insert(end, `\n\n${text}`));
    },
  };
}
