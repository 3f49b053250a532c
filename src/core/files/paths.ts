// POSIX path arithmetic the wall relies on: inside-or-not, relative links, joins that cannot
// climb out of their root, and the real-path port the wall checks against.
import * as path from 'node:path';
import { ImageError } from '../errors';

const posix = path.posix;

/** Normalised absolute posix path without a trailing slash (except for `/` itself). */
function clean(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function insideRaw(parent: string, child: string): boolean {
  if (!posix.isAbsolute(parent) || !posix.isAbsolute(child)) return false;
  const p = clean(parent);
  const c = clean(child);
  if (c === p) return true;
  return c.startsWith(p === '/' ? '/' : `${p}/`);
}

/**
 * True when `child` is `parent` or lies below it (case-sensitive, after
 * resolving `.`/`..`). A `\` may be a separator once the adapter hands the
 * path to a Windows file system, so the child must be inside under both
 * readings: `/ws/a\..\..\x` and `/x\..\ws/y` are refused.
 */
export function isInside(parent: string, child: string): boolean {
  return insideRaw(parent, child) && insideRaw(parent.replace(/\\/g, '/'), child.replace(/\\/g, '/'));
}

/**
 * Relative posix path from a folder to a file. Returns `toFile` unchanged
 * when the two sit on different Windows drives (`/c:/…` vs `/d:/…`), where
 * no relative path exists.
 */
export function relativePosix(fromDir: string, toFile: string): string {
  const drive = (p: string): string => /^\/([A-Za-z]):(\/|$)/.exec(p)?.[1]?.toLowerCase() ?? '';
  if (drive(fromDir) !== drive(toFile)) return clean(toFile);
  return posix.relative(clean(fromDir), clean(toFile));
}

/** True for `/x`, `\x`, `C:\x`, `c:/x`, `c:x`, `~`, `~/x`, `~user/x`: anything not plainly relative. */
export function looksAbsolute(p: string): boolean {
  return /^[/\\]/.test(p) || /^[A-Za-z]:/.test(p) || p.startsWith('~');
}

/**
 * `root` joined with a user-supplied relative path, treating `\` as a
 * separator. Throws `invalidInput`/`escapesWorkspace` when `relative` is
 * absolute, starts with `~`, or resolves outside `root`.
 */
export function joinInside(root: string, relative: string): string {
  const fail = (): never => {
    throw new ImageError('invalidInput', 'Path leaves the workspace folder', {
      reason: 'escapesWorkspace',
      params: { path: relative },
    });
  };
  if (looksAbsolute(relative)) fail();
  const joined = clean(posix.join(root, relative.replace(/\\/g, '/')));
  if (!isInside(root, joined)) fail();
  return joined;
}

/** What the workspace wall needs of a file store (every `FileStore` offers it). */
export interface RealPaths {
  /**
   * `p` with every symbolic link followed; undefined when nothing is there. A file system
   * without links (a virtual one) gives `p` back unchanged, so the wall is a text check there.
   */
  realPath(p: string): Promise<string | undefined>;
}

/** Whether the refused path was to be read (a reference, a link's target) or written (a folder for new files). */
export type WallAccess = 'read' | 'write';

/** A path as a message names it: a hostile link may be long, so it is cut. */
function shown(p: string): string {
  return p.length > 200 ? `${p.slice(0, 199)}…` : p;
}

/** `p` as the real path of its deepest existing part with the rest (not there yet) appended. */
async function realForm(store: RealPaths, p: string): Promise<string> {
  const tail: string[] = [];
  for (let at = p; ; at = posix.dirname(at)) {
    const real = await store.realPath(at);
    if (real !== undefined) return clean(posix.join(real, ...tail.reverse()));
    // Nothing exists at all (not even `/`): only the text is left to judge by.
    if (at === posix.dirname(at)) return p;
    tail.push(posix.basename(at));
  }
}

/**
 * The workspace wall, the one check every read and write of a workspace file goes through:
 * refuses `p` unless it is inside one of `roots` both as text and by real path (symbolic links
 * followed in both; a link inside pointing inside is fine). A path not there yet is judged by
 * its deepest existing folder. Throws `invalidInput`/`escapesWorkspace` with `path` relative to
 * the workspace folder (never where a link leads) and `access`.
 */
export async function checkInsideWorkspace(
  store: RealPaths,
  roots: readonly string[],
  p: string,
  access: WallAccess,
): Promise<void> {
  const target = clean(p);
  const home = roots.find((r) => isInside(r, target)) ?? roots[0];
  const refuse = (): ImageError =>
    new ImageError('invalidInput', `${access === 'read' ? 'reading' : 'writing'} outside the workspace`, {
      reason: 'escapesWorkspace',
      params: { path: shown(home === undefined ? posix.basename(target) : relativePosix(home, target) || '.'), access },
    });
  if (!roots.some((r) => isInside(r, target))) throw refuse();
  let real: string;
  let realRoots: string[];
  try {
    // Side by side: each is a trip to the file system, and a busy host thread waits a turn for each.
    [real, realRoots] = await Promise.all([
      realForm(store, target),
      Promise.all(roots.map((r) => realForm(store, clean(r)))),
    ]);
  } catch (e) {
    // A loop of links leads nowhere inside.
    if ((e as { code?: unknown } | undefined)?.code === 'ELOOP') throw refuse();
    throw new ImageError('fs', `statFailed: ${target}`, { reason: 'statFailed', params: { path: target }, cause: e });
  }
  if (!realRoots.some((r) => isInside(r, real))) throw refuse();
}
