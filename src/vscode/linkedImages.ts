// An image link in a Markdown document and the workspace file it names, found from the
// arguments the hover's command links and the code actions pass (the document and the link's
// position), or from the cursor of the active Markdown editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { imageLinkAt, type ImageLink } from '../core/text/imageLinks';
import { linkedImagePath } from '../core/text/linkedImage';
import { offsetOfPosition } from '../core/text/textPosition';
import type { RangeLike } from './commands/writeAltText';
import type { EditorPort, WorkspacePort } from './ports';
import { languageFor, takesImages } from './documentLanguages';

export interface LinkedImage {
  document: vscode.Uri;
  link: ImageLink;
  /** The link's text, to find it again after the user typed. */
  source: string;
  /** The file it names (not checked to exist). */
  image: vscode.Uri;
}

/** What stands in for the workspace when no folder is open: the folder of the document at hand. */
export function linkHome(document: vscode.Uri): vscode.Uri {
  return document.with({ path: path.posix.dirname(document.path), query: '', fragment: '' });
}

/** The local image link around `offset` in `text`, or undefined (no link, a URL, not an image). */
export function linkedImageAt(workspace: Pick<WorkspacePort, 'folderOf'>, document: vscode.Uri, text: string, offset: number): LinkedImage | undefined {
  const link = imageLinkAt(languageFor(document, text).find(text), offset);
  if (!link) return undefined;
  const p = linkedImagePath(link, document.path, workspace.folderOf(document)?.path);
  if (p === undefined) return undefined;
  return { document, link, source: text.slice(link.span.start, link.span.end), image: document.with({ path: p, query: '', fragment: '' }) };
}

export type LinkLookup = { found: LinkedImage } | { found: undefined; why: 'noDocument' | 'unreadable' | 'noLink' };

/** The command's arguments (a URI or its string, and a position), else the cursor in the active Markdown editor. */
export async function linkedImageFromArgs(ports: { editors: EditorPort; workspace: WorkspacePort }, uriArg?: vscode.Uri | string, at?: RangeLike): Promise<LinkLookup> {
  const active = ports.editors.active();
  const fromArg = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : uriArg;
  const document = fromArg ?? (active && takesImages(active) ? active.document : undefined);
  if (!document) return { found: undefined, why: 'noDocument' };
  const text = await ports.editors.read(document);
  if (text === undefined) return { found: undefined, why: 'unreadable' };
  const offset = at ? offsetOfPosition(text, at.start) : active?.document.toString() === document.toString() ? active.cursorOffset : undefined;
  const found = offset === undefined ? undefined : linkedImageAt(ports.workspace, document, text, offset);
  return found ? { found } : { found: undefined, why: 'noLink' };
}
