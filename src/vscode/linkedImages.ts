// An image link in a Markdown document and the workspace file it names, found from the
// arguments the hover's command links and the code actions pass (the document and the link's
// position), or from the cursor of the active Markdown editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { siteFilesOf } from '../core/sites/siteFiles';
import { sitePlacement, type Placement } from '../core/sites/siteRules';
import { imageLinkAt, localTargetPath, type ImageLink } from '../core/text/imageLinks';
import { linkedImagePath } from '../core/text/linkedImage';
import { offsetOfPosition } from '../core/text/textPosition';
import type { RangeLike } from './commands/writeAltText';
import type { EditorPort, WorkspacePort } from './ports';
import { languageFor, takesImages } from './documentLanguages';
import { WorkspaceFileStore } from './workspaceFileStore';

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
export function linkedImageAt(
  workspace: Pick<WorkspacePort, 'folderOf'>,
  document: vscode.Uri,
  text: string,
  offset: number,
): LinkedImage | undefined {
  const link = imageLinkAt(languageFor(document, text).find(text), offset);
  if (!link) return undefined;
  const p = linkedImagePath(link, document.path, workspace.folderOf(document)?.path);
  if (p === undefined) return undefined;
  return {
    document,
    link,
    source: text.slice(link.span.start, link.span.end),
    image: document.with({ path: p, query: '', fragment: '' }),
  };
}

/**
 * A root-relative link (`/blog/images/a.png`) in a page of a site that serves a static folder
 * names a file in that folder, not at the workspace's root: the file as the built site has it.
 */
export async function onSite(
  workspace: Pick<WorkspacePort, 'folderOf' | 'fs'>,
  linked: LinkedImage,
): Promise<LinkedImage> {
  const site = await siteOfRootedLink(workspace, linked);
  const file = site?.placement.fileOf?.(site.target);
  return file === undefined ? linked : { ...linked, image: linked.image.with({ path: file }) };
}

/** The path a site-rooted link should give `file` (another image beside the one it shows), as the site links it. */
export async function siteLinkFor(
  workspace: Pick<WorkspacePort, 'folderOf' | 'fs'>,
  linked: LinkedImage,
  file: vscode.Uri,
): Promise<string | undefined> {
  const site = await siteOfRootedLink(workspace, linked);
  return site?.placement.fileOf?.(site.target) === undefined ? undefined : site.placement.linkOf(file.path);
}

async function siteOfRootedLink(
  workspace: Pick<WorkspacePort, 'folderOf' | 'fs'>,
  linked: LinkedImage,
): Promise<{ placement: Placement; target: string } | undefined> {
  const target = localTargetPath(linked.link.target);
  const root = workspace.folderOf(linked.document);
  if (target === undefined || !target.startsWith('/') || !root) return undefined;
  const files = new WorkspaceFileStore(workspace.fs, () => linked.document);
  const placement = await sitePlacement(siteFilesOf(files), linked.document.path, root.path).catch(() => undefined);
  return placement && { placement, target };
}

export type LinkLookup = { found: LinkedImage } | { found: undefined; why: 'noDocument' | 'unreadable' | 'noLink' };

/** The command's arguments (a URI or its string, and a position), else the cursor in the active Markdown editor. */
export async function linkedImageFromArgs(
  ports: { editors: EditorPort; workspace: WorkspacePort },
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<LinkLookup> {
  const active = ports.editors.active();
  const fromArg = typeof uriArg === 'string' ? vscode.Uri.parse(uriArg, true) : uriArg;
  const document = fromArg ?? (active && takesImages(active) ? active.document : undefined);
  if (!document) return { found: undefined, why: 'noDocument' };
  const text = await ports.editors.read(document);
  if (text === undefined) return { found: undefined, why: 'unreadable' };
  const offset = at
    ? offsetOfPosition(text, at.start)
    : active?.document.toString() === document.toString()
      ? active.cursorOffset
      : undefined;
  const found = offset === undefined ? undefined : linkedImageAt(ports.workspace, document, text, offset);
  return found ? { found: await onSite(ports.workspace, found) } : { found: undefined, why: 'noLink' };
}
