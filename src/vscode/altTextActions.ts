// The "Write alt text" quick fix on every image link with empty alt text, attached to
// markdownlint's MD045 diagnostics where that extension reports them. Not offered in a workspace
// the user has not trusted: a repository's links must not lead to a paid request with the key
// on a click the editor suggested (the command itself, run on purpose, still works).
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { ImageLink } from '../core/text/imageLinks';
import { isMd045 } from '../core/text/markdownHints';
import { linksMissingAlt } from '../core/text/missingAlt';
import { COMMANDS } from '../contributionIds';
import { languageFor } from './documentLanguages';

export function altTextActions(trusted: () => boolean): vscode.CodeActionProvider {
  // The cursor moves often; the document is parsed again only when it changed.
  let cache: { key: string; version: number; text: string; from: number; to: number; links: ImageLink[] } | undefined;
  return {
    provideCodeActions(document, range, context) {
      if (!trusted()) return undefined;
      const from = document.offsetAt(new vscode.Position(range.start.line, 0));
      const to = document.offsetAt(document.lineAt(range.end.line).range.end);
      const key = document.uri.toString();
      if (!cache || cache.key !== key || cache.version !== document.version || cache.from !== from || cache.to !== to) {
        const text = document.getText();
        cache = {
          key,
          version: document.version,
          text,
          from,
          to,
          links: linksMissingAlt(text, from, to, languageFor(document.uri, text).find),
        };
      }
      const lint = context.diagnostics.filter((d) => isMd045(d.code, d.message));
      return cache.links.map((link) => {
        const linkRange = new vscode.Range(document.positionAt(link.span.start), document.positionAt(link.span.end));
        const title = l10n.t('Write alt text');
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.command = { command: COMMANDS.writeAltText, title, arguments: [document.uri, linkRange] };
        action.diagnostics = lint.filter(
          (d) => document.offsetAt(d.range.start) <= link.span.end && document.offsetAt(d.range.end) >= link.span.start,
        );
        action.isPreferred = action.diagnostics.length > 0;
        return action;
      });
    },
  };
}
