// Puts a job's Markdown where the user wants it: into the document, or on the clipboard when
// there is no document or its editor refused the edit. The commands and the panel both use it.
import type * as vscode from 'vscode';
import type { EditorPort, InsertWhere, Ui } from './ports';

/** True when inserted; false when copied instead (the caller says so in its own words). */
export async function insertOrCopy(
  ports: { editors: EditorPort; ui: Ui },
  document: vscode.Uri | undefined,
  markdown: string,
  where: InsertWhere,
): Promise<boolean> {
  if (document && (await ports.editors.insert(document, markdown, where))) return true;
  await ports.ui.copy(markdown);
  return false;
}
