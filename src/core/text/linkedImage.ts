// The image file a Markdown image link points at, and the edit that points it at another file.
// Paths are POSIX; a target with a leading `/` is read from the workspace folder, as VS Code's
// Markdown preview reads it.
import * as path from 'node:path';
import { hasImageExtension } from '../imageType';
import { relativePosix } from '../files/paths';
import { encodeLinkPath } from './markdown';
import { findImageLinks, localTargetPath, retargetEdit, type ImageLink, type TextSpan } from './imageLinks';

const posix = path.posix;

/** The absolute path of the local image `link` names in the document at `documentPath`, or undefined (a URL, not an image). */
export function linkedImagePath(
  link: Pick<ImageLink, 'target'>,
  documentPath: string,
  workspaceRoot?: string,
): string | undefined {
  const local = localTargetPath(link.target);
  if (local === undefined || !hasImageExtension(local)) return undefined;
  const p = local.replace(/\\/g, '/');
  if (p.startsWith('/')) return workspaceRoot === undefined ? undefined : posix.join(workspaceRoot, p);
  return posix.join(posix.dirname(documentPath), p);
}

/** Finds a document's image references; Markdown's unless the document is in another language. */
export type FindImages = (text: string) => ImageLink[];

/** Points a reference at a path (relative to the document, not yet encoded); Markdown's by default. */
export type Retarget = (link: ImageLink, path: string) => { span: TextSpan; text: string };

const markdownRetarget: Retarget = (link, p) => retargetEdit(link, encodeLinkPath(p));

/** The edit that makes `link` point at `newFile` (relative to the document), alt text and title kept. */
export function retargetTo(
  link: ImageLink,
  documentPath: string,
  newFile: string,
  retarget: Retarget = markdownRetarget,
): { span: TextSpan; text: string } {
  return retarget(link, relativePosix(posix.dirname(documentPath), newFile));
}

/**
 * The same link in the document as it is now (the user may have typed while an image was being
 * made): a link with the same text, nearest to where it was; undefined when it is gone.
 */
export function findLinkAgain(
  text: string,
  source: string,
  near: number,
  find: FindImages = findImageLinks,
): ImageLink | undefined {
  let best: ImageLink | undefined;
  for (const l of find(text)) {
    if (text.slice(l.span.start, l.span.end) !== source) continue;
    if (!best || Math.abs(l.span.start - near) < Math.abs(best.span.start - near)) best = l;
  }
  return best;
}
