// The actions on the image link under the cursor as code actions (the lightbulb and Ctrl+.),
// VS Code's place for what can be done to the code at hand, rather than a CodeLens above every
// link. Whether Regenerate applies is only known after reading the file, so they are all offered;
// the command says so when an image has no recipe.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributionIds';
import { shownText } from '../core/text/shownText';
import { linkedImageActionKind } from '../markdownProviders';
import type { WorkspacePort } from './ports';
import { linkActions } from './linkedImageHover';
import { linkedImageAt } from './linkedImages';

export function linkedImageActions(workspace: Pick<WorkspacePort, 'folderOf'>): vscode.CodeActionProvider {
  const kind = linkedImageActionKind();
  return {
    provideCodeActions(document, range) {
      // One link at a time: a selection spanning several lines is not "this image".
      if (range.start.line !== range.end.line) return undefined;
      const linked = linkedImageAt(workspace, document.uri, document.getText(), document.offsetAt(range.start));
      if (!linked) return undefined;
      // A link without alt text already has the Write alt text quick fix.
      const actions = linkActions(document.uri, { start: range.start }, true).filter(
        (a) => a.command !== COMMANDS.writeAltText || linked.link.alt.trim() !== '',
      );
      return actions.map((a) => {
        const action = new vscode.CodeAction(shownText(a.label), kind);
        action.command = {
          command: a.command,
          title: shownText(a.label),
          tooltip: shownText(a.tooltip),
          arguments: [document.uri, new vscode.Range(range.start, range.start)],
        };
        return action;
      });
    },
  };
}
