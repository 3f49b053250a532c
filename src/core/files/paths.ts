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
