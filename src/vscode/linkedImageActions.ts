// The actions on the image link under the cursor as code actions (the lightbulb and Ctrl+.),
// VS Code's place for what can be done to the code at hand, rather than a CodeLens above every
// link. Whether Regenerate applies is only known after reading the file, so they are all offered;
// the command says so when an image has no recipe.
import * as vscode from 'vscode';
import { WRITE_ALT_TEXT } from './commands/writeAltText';
import type { WorkspacePort } from './ports';
import { linkActions } from './linkedImageHover';
import { linkedImageAt } from './linkedImages';

export const LINKED_IMAGE_ACTION_KIND = vscode.CodeActionKind.RefactorRewrite.append('geekaiImage');

export function linkedImageActions(workspace: Pick<WorkspacePort, 'folderOf'>): vscode.CodeActionProvider {
  return {
    provideCodeActions(document, range) {
      // One link at a time: a selection spanning several lines is not "this image".
      if (range.start.line !== range.end.line) return undefined;
      const linked = linkedImageAt(workspace, document.uri, document.getText(), document.offsetAt(range.start));
      if (!linked) return undefined;
      // A link without alt text already has the Write alt text quick fix.
      const actions = linkActions(document.uri, { start: range.start }, true).filter((a) => a.command !== WRITE_ALT_TEXT || linked.link.alt.trim() !== '');
      return actions.map((a) => {
        const action = new vscode.CodeAction(a.label, LINKED_IMAGE_ACTION_KIND);
        action.command = { command: a.command, title: a.label, tooltip: a.tooltip, arguments: [document.uri, new vscode.Range(range.start, range.start)] };
        return action;
      });
    },
  };
}
