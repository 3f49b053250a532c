// Appends the tools' links to a Markdown document through an edit of its text buffer, so an
// open editor with unsaved changes keeps them; a document that had none is saved again.
import * as vscode from 'vscode';
import { markdownAppendInsertion } from '../../agent/runAgentJob';
import { ImageError } from '../../core/errors';
import type { MarkdownFiles } from './toolDeps';

export const vscodeMarkdownFiles: MarkdownFiles = {
  async append(uri, markdown) {
    const doc = await vscode.workspace.openTextDocument(uri);
    const wasDirty = doc.isDirty;
    const ins = markdownAppendInsertion(doc.getText(), markdown);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(ins.offset), ins.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      throw new ImageError('fs', `could not edit ${uri.path}`, { reason: 'writeFailed', params: { path: uri.path } });
    }
    if (!wasDirty) await doc.save();
  },
};
