// The EditorPort over the real editors. Insertion finds the document's editor again: a
// generation can take minutes and the user may have switched editors meanwhile.
import * as vscode from 'vscode';
import type { EditorPort } from './ports';

export function vscodeEditorPort(): EditorPort {
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
