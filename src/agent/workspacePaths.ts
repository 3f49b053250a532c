// Paths a model hands the tools: relative to the root (or absolute inside it), and still inside
// it once symlinks are followed, so a link in the workspace cannot carry a read or write outside.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImageError } from '../core/errors';
import { isInside } from '../core/files/paths';

const posix = path.posix;

/** The folder the tools may read and write. */
export interface AgentRoot {
  /** Absolute posix path. */
  path: string;
  /** Follows symlinks; rejects with code ENOENT when nothing is there. Absent where the file system has no links. */
  realpath?(p: string): Promise<string>;
}

function outside(shown: string): ImageError {
  return new ImageError('invalidInput', 'path outside the root folder', { reason: 'outsideRoot', params: { path: shown } });
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

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Refuses `p` when it, or the deepest part of it that exists, resolves (through symlinks)
 * outside the root's own real path. `shown` is what the message names.
 */
export async function checkRealInside(root: AgentRoot, p: string, shown: string): Promise<void> {
  if (!root.realpath) return;
  const realRoot = await root.realpath(root.path);
  for (let at = p; ; at = posix.dirname(at)) {
    let real: string;
    try {
      real = await root.realpath(at);
    } catch (e) {
      if (isMissing(e) && at !== posix.dirname(at)) continue;
      throw e;
    }
    if (!isInside(realRoot, real)) throw outside(shown);
    return;
  }
}

/** `resolveInRoot` and `checkRealInside` together. */
export async function pathInRoot(root: AgentRoot, userPath: string): Promise<string> {
  const p = resolveInRoot(root.path, userPath);
  await checkRealInside(root, p, userPath);
  return p;
}

/** The workspace-relative form shown to the model and the user. */
export function rootRelative(root: string, p: string): string {
  return posix.relative(root, p) || '.';
}
