// Paths a model hands the tools: relative to the root (or absolute inside it), and still inside
// it once symlinks are followed (core's workspace wall), so a link in the workspace pointing
// outside cannot carry a read or write there; one pointing inside is followed.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageError, isImageError } from '../core/errors';
import { checkInsideWorkspace, isInside, type RealPaths } from '../core/files/paths';

const posix = path.posix;

/** The folder the tools may read and write. */
export interface AgentRoot {
  /** Absolute posix path. */
  path: string;
}

function outside(shown: string): ImageError {
  return new ImageError('invalidInput', 'path outside the root folder', {
    reason: 'outsideRoot',
    params: { path: shown },
  });
}

/** The absolute posix path `userPath` names, refusing anything that lexically leaves the root. */
export function resolveInRoot(root: string, userPath: string): string {
  let p = userPath.trim();
  if (p === '') throw new ImageError('invalidInput', 'empty path', { reason: 'emptyPath' });
  if (/^file:\/\//i.test(p)) {
    try {
      p = fileURLToPath(p);
    } catch {
      throw outside(userPath);
    }
  }
  p = p.replace(/\\/g, '/');
  // `C:/x` or `~/x` is absolute somewhere else; only a path under the root itself is accepted.
  if (/^[A-Za-z]:/.test(p) || p.startsWith('~')) throw outside(userPath);
  const resolved = posix.normalize(p.startsWith('/') ? p : posix.join(root, p)).replace(/(.)\/$/, '$1');
  if (!isInside(root, resolved)) throw outside(userPath);
  return resolved;
}

/**
 * Refuses `p` when it, or the deepest part of it that exists, resolves (through symlinks)
 * outside the root's own real path: core's wall, worded for the model. `shown` is what the
 * message names (the path as the model gave it).
 */
export async function checkRealInside(store: RealPaths, root: AgentRoot, p: string, shown: string): Promise<void> {
  try {
    await checkInsideWorkspace(store, [root.path], p, 'write');
  } catch (e) {
    if (isImageError(e) && e.reason === 'escapesWorkspace') throw outside(shown);
    throw e;
  }
}

/** `resolveInRoot` and `checkRealInside` together. */
export async function pathInRoot(store: RealPaths, root: AgentRoot, userPath: string): Promise<string> {
  const p = resolveInRoot(root.path, userPath);
  await checkRealInside(store, root, p, userPath);
  return p;
}

/** The workspace-relative form shown to the model and the user. */
export function rootRelative(root: string, p: string): string {
  return posix.relative(root, p) || '.';
}
