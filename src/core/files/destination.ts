// Where a new file goes: the one answer for generated images, edits and pasted references.
// Files only ever land inside a root (a workspace folder, or a folder the user chose).
import * as path from 'node:path';
import { resolveOutputFolder, sanitizeBaseName } from './naming';
import { isInside } from './paths';

const posix = path.posix;

export interface Destination {
  /** The workspace folder (or chosen folder) the file goes under; links without a document are relative to it. */
  root: string;
  /** The absolute folder the file goes in. */
  folder: string;
}

/** The open roots (workspace folders, as paths) and which one holds a path. */
export interface Roots {
  all: readonly string[];
  of(p: string): string | undefined;
}

/** Roots over plain paths; the adapter asks VS Code instead, which knows each file system's case rules. */
export function pathRoots(all: readonly string[]): Roots {
  return { all, of: (p) => all.find((r) => isInside(r, p)) };
}

/**
 * The output folder for a file meant for `document` (a Markdown document, or none): under the
 * workspace folder that holds the document, else the first one. A document outside every root
 * has no say in the folder (`${documentDir}` is then the root), so files stay in the workspace.
 * Undefined when there is no root at all; throws `invalidInput` for a bad `outputFolder` pattern.
 */
export function outputDestination(o: {
  roots: Roots;
  document?: string;
  outputFolder: string;
  now: Date;
}): Destination | undefined {
  const root = (o.document === undefined ? undefined : o.roots.of(o.document)) ?? o.roots.all[0];
  if (root === undefined) return undefined;
  const documentPath = o.document !== undefined && o.roots.of(o.document) === root ? o.document : undefined;
  return {
    root,
    folder: resolveOutputFolder({ pattern: o.outputFolder, workspaceRoot: root, documentPath, now: o.now }),
  };
}

/**
 * The folders the workspace wall holds a job's files inside: the workspace folders, or (none
 * open) `home`, the folder the user chose or the one holding the file they named.
 */
export function wallOf(roots: Roots, home: string): readonly string[] {
  return roots.all.length > 0 ? roots.all : [home];
}

/** What a link without a document is relative to: the root holding the file, else the file's own folder. */
export function linkBase(roots: Roots, file: string): string {
  return roots.of(file) ?? posix.dirname(file);
}

/** An edit's result goes beside its source; the root is the workspace folder holding it, else its own folder. */
export function besideDestination(roots: Roots, source: string): Destination {
  const folder = posix.dirname(source);
  return { root: roots.of(source) ?? folder, folder };
}

/** `<source name>-edited`, numbered when an answer holds several images. */
export function editedBaseNames(source: string, count: number): string[] {
  const stem = posix.basename(source).replace(/\.[^.]*$/, '');
  const base = sanitizeBaseName(`${stem}-edited`);
  return Array.from({ length: count }, (_, i) => (count > 1 ? `${base}-${i + 1}` : base));
}
