// The ProblemsPort over a DiagnosticCollection: each problem follows its placeholder as the
// document is edited, and is cleared when the placeholder is changed or removed.
import * as vscode from 'vscode';
import type { TextSpan } from '../core/text/imageLinks';
import { problemsAfterScopedRun, relocateProblems, type SpanProblem } from '../core/text/placeholderProblems';
import type { ProblemsPort } from './ports';
import { placeholderFinder } from './documentLanguages';

export function vscodeProblems(): ProblemsPort & vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('geekaiImage');
  const raised = new Map<string, { uri: vscode.Uri; text: string; problems: SpanProblem[] }>();

  const show = (doc: vscode.TextDocument, problems: readonly SpanProblem[]): void => {
    collection.set(
      doc.uri,
      problems.map((p) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(doc.positionAt(p.span.start), doc.positionAt(p.span.end)),
          p.message,
          vscode.DiagnosticSeverity.Warning,
        );
        d.source = 'GeekAI Image';
        return d;
      }),
    );
  };

  const changes = vscode.workspace.onDidChangeTextDocument((e) => {
    const key = e.document.uri.toString();
    const entry = raised.get(key);
    if (!entry || e.contentChanges.length === 0) return;
    const text = e.document.getText();
    const problems = relocateProblems(entry.text, text, entry.problems, placeholderFinder(e.document.uri, text));
    if (problems.length === 0) raised.delete(key);
    else raised.set(key, { uri: entry.uri, text, problems });
    show(e.document, problems);
  });

  return {
    async set(uri, fresh, scope?: TextSpan) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const text = doc.getText();
      const earlier = raised.get(uri.toString());
      const problems =
        scope && earlier
          ? problemsAfterScopedRun(earlier.text, text, earlier.problems, scope, fresh, placeholderFinder(uri, text))
          : [...fresh];
      if (problems.length === 0) raised.delete(uri.toString());
      else raised.set(uri.toString(), { uri, text, problems });
      show(doc, problems);
    },
    dispose() {
      changes.dispose();
      collection.dispose();
      raised.clear();
    },
  };
}
