// Renaming or moving images without breaking a page: every reference to a moved file, in every
// document and language, pointed at its new place in the form it was written (relative from the
// document, root-relative from the workspace folder, or site-rooted through the site's static
// folder), each language's own `retarget` writing the path (percent-encoding, `<...>`, quoting),
// alt text and title untouched.
import * as path from 'node:path';
import { isReservedName } from '../files/naming';
import { isInside, relativePosix } from '../files/paths';
import { languageOf } from '../documents/languages';
import type { TextSpan } from '../text/imageLinks';
import { localTargetPath } from '../text/imageLinks';
import { resolveTarget, type ResolveContext, type ResolvedTarget } from './targetResolver';

const posix = path.posix;

export interface TextEdit {
  span: TextSpan;
  text: string;
}

/** Old path → new path, both absolute. */
export type Moves = ReadonlyMap<string, string>;

/** The path a reference of `form` in the document at `documentPath` writes for `file`. */
async function newLinkPath(
  ctx: ResolveContext,
  documentPath: string,
  was: ResolvedTarget,
  written: string,
  file: string,
): Promise<string> {
  const relative = (): string => {
    const rel = relativePosix(posix.dirname(documentPath), file);
    return written.startsWith('./') && !rel.startsWith('../') ? `./${rel}` : rel;
  };
  const root = ctx.rootOf(documentPath);
  if (root === undefined) return relative();
  if (was.form === 'site') {
    const site = await ctx.placementOf(documentPath, root);
    const link = site?.linkOf(file);
    // Site-rooted only while the new place is in the folder the site serves from its root.
    if (site && link !== undefined && site.fileOf?.(link) === file) return link;
    return relative();
  }
  if (was.form === 'root' && isInside(root, file)) return `/${relativePosix(root, file)}`;
  return relative();
}

/** The edits that point `text`'s references to moved files at their new paths, in document order. */
export async function retargetEdits(
  ctx: ResolveContext,
  documentPath: string,
  text: string,
  moves: Moves,
): Promise<TextEdit[]> {
  const language = languageOf(documentPath, text);
  const out: TextEdit[] = [];
  for (const link of language.find(text)) {
    const was = await resolveTarget(ctx, documentPath, link.target, language.id === 'latex');
    const to = was && moves.get(was.file);
    if (!was || to === undefined) continue;
    const written = localTargetPath(link.target) ?? '';
    out.push(language.retarget(link, await newLinkPath(ctx, documentPath, was, written, to)));
  }
  return out;
}

/** Why a new file name is refused (the adapter words it). */
export type NameProblem = 'empty' | 'separator' | 'dots' | 'control' | 'tooLong' | 'reserved' | 'extension';

/**
 * Whether `name` can replace `oldName` in the same folder: one plain file name, at most 255 bytes,
 * and the same extension (the bytes are of that type; converting is Make Web-Ready's work).
 */
export function checkNewName(name: string, oldName: string): NameProblem | undefined {
  const n = name.trim();
  if (n === '') return 'empty';
  if (/[/\\]/.test(n)) return 'separator';
  if (n === '.' || n === '..' || n.startsWith('.')) return 'dots';
  // Control and bidi characters (which can fake an extension), and what Windows refuses in a name.
  if (/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/u.test(n)) return 'control';
  if (Buffer.byteLength(n, 'utf8') > 255) return 'tooLong';
  if (isReservedName(n)) return 'reserved';
  if (posix.extname(n).toLowerCase() !== posix.extname(oldName).toLowerCase()) return 'extension';
  return undefined;
}

/**
 * Where `files` go when moved into `folder` (each keeps its name), or the first problem: a name
 * taken in the folder (`exists`), two files of the same name, or nothing to move.
 */
export async function planMoves(
  files: readonly string[],
  folder: string,
  exists: (p: string) => Promise<boolean>,
): Promise<{ moves: Map<string, string> } | { clash: string }> {
  const moves = new Map<string, string>();
  const taken = new Set<string>();
  for (const f of files) {
    const to = posix.join(folder, posix.basename(f));
    if (to === f) continue;
    if (taken.has(to) || (await exists(to))) return { clash: to };
    taken.add(to);
    moves.set(f, to);
  }
  return { moves };
}
