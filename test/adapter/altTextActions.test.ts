// The "Write alt text" quick fix (provider over a fake document): offered for each link without
// alt text on the lines asked about, with the command's stable arguments, and attached to
// markdownlint's MD045 diagnostic on that link.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { altTextActions } from '../../src/vscode/altTextActions';
import { COMMANDS } from '../../src/contributionIds';
import { textDocumentOf } from '../support/sharedFakes';

const documentOf = (text: string): vscode.TextDocument => textDocumentOf(vscode.Uri.file('/ws/docs/post.md'), text);

const pos = (line: number, character: number): vscode.Position => new vscode.Position(line, character);

function actions(
  text: string,
  line: number,
  diagnostics: vscode.Diagnostic[] = [],
  trusted = true,
): vscode.CodeAction[] {
  const r = altTextActions(() => trusted).provideCodeActions(
    documentOf(text),
    new vscode.Range(pos(line, 0), pos(line, 0)),
    { diagnostics, triggerKind: 1, only: undefined },
    {
      isCancellationRequested: false,
    } as vscode.CancellationToken,
  );
  return (r ?? []) as vscode.CodeAction[];
}

describe('Write alt text quick fix (provider, fake document)', () => {
  const text = '# Post\n\n![](images/a.png) and ![ok](b.png) and ![ ](<c d.png>)\n\n![](geekai:)\n';

  it("one quick fix per link without alt text on the line, calling writeAltText with the document and the link's range", () => {
    const found = actions(text, 2);
    assert.deepEqual(
      found.map((a) => [a.title, a.kind?.value]),
      [
        ['Write alt text', 'quickfix'],
        ['Write alt text', 'quickfix'],
      ],
    );
    const [uri, range] = found[1].command?.arguments as [vscode.Uri, vscode.Range];
    assert.equal(found[1].command?.command, COMMANDS.writeAltText);
    assert.equal(uri.path, '/ws/docs/post.md');
    assert.deepEqual([range.start.line, range.start.character, range.end.character], [2, 39, 54]);
    assert.deepEqual(actions(text, 0), []);
    assert.deepEqual(actions(text, 4), [], "a placeholder's alt text is its prompt, not missing");
  });

  it("attaches markdownlint's MD045 diagnostic on the same link and prefers that fix", () => {
    const md045 = {
      code: { value: 'MD045', target: vscode.Uri.file('/x') },
      message: 'MD045/no-alt-text',
      range: new vscode.Range(pos(2, 0), pos(2, 18)),
    } as unknown as vscode.Diagnostic;
    const other = {
      code: 'MD013',
      message: 'MD013/line-length',
      range: new vscode.Range(pos(2, 0), pos(2, 70)),
    } as unknown as vscode.Diagnostic;
    const [first, second] = actions(text, 2, [md045, other]);
    assert.deepEqual(first.diagnostics, [md045]);
    assert.equal(first.isPreferred, true);
    assert.deepEqual(second.diagnostics, []);
    assert.equal(second.isPreferred, false);
  });
});
