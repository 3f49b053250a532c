// The EditorPort over the real editors. Insertion finds the document's editor again: a
// generation can take minutes and the user may have switched editors meanwhile. The link goes
// in as its own paragraph, so a second one is never glued to the first.
import * as vscode from 'vscode';
import { editorInsertion } from '../core/text/ownParagraph';
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
        cursorOffset: e.document.offsetAt(e.selection.active),
      };
    },
    async insert(document, text, where) {
      const key = document.toString();
      const editor =
        vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key) ??
        (await vscode.window.showTextDocument(document, { preview: false }));
      const doc = editor.document;
      const ins = editorInsertion(doc.getText(), doc.offsetAt(editor.selection.active), where, text);
      return editor.edit((b) => b.insert(doc.positionAt(ins.offset), ins.text));
    },
    isOpen(document) {
      const key = document.toString();
      return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key);
    },
    async read(document) {
      try {
        return (await vscode.workspace.openTextDocument(document)).getText();
      } catch {
        return undefined;
      }
    },
    async replace(document, edits) {
      const doc = await vscode.workspace.openTextDocument(document);
      const edit = new vscode.WorkspaceEdit();
      for (const r of edits)
        edit.replace(document, new vscode.Range(doc.positionAt(r.span.start), doc.positionAt(r.span.end)), r.text);
      return vscode.workspace.applyEdit(edit);
    },
    async openNew(text, select) {
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      const selection = new vscode.Selection(doc.positionAt(select.start), doc.positionAt(select.end));
      await vscode.window.showTextDocument(doc, { selection, preview: false });
      return doc.uri;
    },
    async showAt(document, offset) {
      const doc = await vscode.workspace.openTextDocument(document);
      const at = doc.positionAt(offset);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
    },
  };
}
