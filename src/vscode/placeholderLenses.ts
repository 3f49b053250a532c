// "Generate image" above each `geekai:` placeholder of a document (in every language that takes them).
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { findPlaceholders } from '../core/text/placeholders';
import { COMMANDS } from '../contributionIds';
import { placeholderFinder } from './documentLanguages';

export function placeholderLenses(): vscode.CodeLensProvider {
  return {
    provideCodeLenses(document) {
      const text = document.getText();
      return findPlaceholders(text, placeholderFinder(document.uri, text)).map((p) => {
        const range = new vscode.Range(document.positionAt(p.link.span.start), document.positionAt(p.link.span.end));
        const title =
          p.problems.length === 0
            ? l10n.t('Generate image')
            : l10n.t('Generate image (the placeholder needs fixing first)');
        return new vscode.CodeLens(range, {
          title,
          command: COMMANDS.generatePlaceholder,
          arguments: [document.uri, range],
        });
      });
    },
  };
}
