// The Markdown document a document command works on: the URI it was given (by a CodeLens, a code
// action or a command link, where it may arrive as a string), else the active Markdown editor's.
import { l10n, Uri } from 'vscode';
import type * as vscode from 'vscode';
import { offsetOfPosition } from '../../core/text/textPosition';
import type { CommandContext } from './context';
import { takesImages } from '../documentLanguages';

/** A `vscode.Range`, or the same shape after a command link's JSON. */
export interface RangeLike {
  start: { line: number; character: number };
}

export interface TargetDocument {
  document: vscode.Uri;
  text: string;
  /** Where to look: the range given, else the cursor when the document is the active editor's. */
  offset?: number;
}

/** The document and its current text; undefined (after saying `noDocument`, or that it could not be read) when there is none. */
export async function targetDocument(
  ctx: CommandContext,
  uriArg: vscode.Uri | string | undefined,
  range: RangeLike | undefined,
  noDocument: string,
): Promise<TargetDocument | undefined> {
  const active = ctx.editors.active();
  const document =
    (typeof uriArg === 'string' ? Uri.parse(uriArg) : uriArg) ??
    (active && takesImages(active) ? active.document : undefined);
  if (!document) {
    void ctx.ui.info(noDocument);
    return undefined;
  }
  const text = await ctx.editors.read(document);
  if (text === undefined) {
    void ctx.ui.error(l10n.t('The document could not be opened.'));
    return undefined;
  }
  const offset = range
    ? offsetOfPosition(text, range.start)
    : active?.document.toString() === document.toString()
      ? active.cursorOffset
      : undefined;
  return { document, text, offset };
}
