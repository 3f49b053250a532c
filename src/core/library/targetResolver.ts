// The workspace file a document's image reference names: relative to the document's folder, a
// root-relative one (`/images/a.png`) from the site's static folder when the document belongs to a
// site that serves one (`sitePlacement(...).fileOf`), else from the workspace folder, as VS Code's
// preview reads it. URLs and data URLs name no file; neither does a path leaving the workspace.
import * as path from 'node:path';
import { isInside } from '../files/paths';
import type { SiteFiles, Placement } from '../sites/siteRules';
import { sitePlacement } from '../sites/siteRules';
import { localTargetPath } from '../text/imageLinks';
import { isLibraryImage } from './libraryFiles';

const posix = path.posix;

/** How a reference names its file: the form a rename keeps. */
export type TargetForm = 'relative' | 'root' | 'site';

export interface ResolvedTarget {
  /** Absolute POSIX path of the file named (it may not exist: a broken link). */
  file: string;
  form: TargetForm;
}

/** LaTeX finds `\includegraphics{fig}` as `fig.png`, `fig.jpg`, … in this order (graphicx's default list, the ones listed). */
const LATEX_TRIED = ['png', 'jpg', 'jpeg'];

export interface ResolveContext {
  /** The workspace folder holding `p`, if any. */
  rootOf(p: string): string | undefined;
  /** The site placement of a document (cached per folder by `placementCache`). */
  placementOf(documentPath: string, root: string): Promise<Placement | undefined>;
  /** Whether an image file is known at `p` (for LaTeX's extension-less targets). */
  isImage(p: string): boolean;
}

/**
 * The file `target` (as `ImageLink.target`) names from the document at `documentPath`, or
 * undefined: not local, not an image by its extension (LaTeX's extension-less ones tried as
 * images), or outside the document's workspace folder.
 */
export async function resolveTarget(
  ctx: ResolveContext,
  documentPath: string,
  target: string,
  latex = false,
): Promise<ResolvedTarget | undefined> {
  const local = localTargetPath(target);
  if (local === undefined || local === '') return undefined;
  const p = local.replace(/\\/g, '/');
  const root = ctx.rootOf(documentPath);
  if (root === undefined) return undefined;
  let found: ResolvedTarget;
  if (p.startsWith('/')) {
    const site = await ctx.placementOf(documentPath, root);
    const onSite = site?.fileOf?.(p);
    found = onSite !== undefined ? { file: onSite, form: 'site' } : { file: posix.join(root, p), form: 'root' };
  } else {
    found = { file: posix.join(posix.dirname(documentPath), p), form: 'relative' };
  }
  if (!isInside(root, found.file)) return undefined;
  if (isLibraryImage(found.file)) return found;
  if (!latex || posix.extname(found.file) !== '') return undefined;
  for (const e of LATEX_TRIED) {
    const file = `${found.file}.${e}`;
    if (ctx.isImage(file)) return { ...found, file };
  }
  return undefined;
}

/**
 * Site placements looked up once per folder: every document of a folder belongs to the same site
 * except where the rule depends on the page itself (Hugo's bundles, Hexo's asset folders), so the
 * site configuration found is cached and the placement asked per document from cached files.
 */
export function placementCache(
  files: SiteFiles,
): (documentPath: string, root: string) => Promise<Placement | undefined> {
  const exists = new Map<string, Promise<boolean>>();
  const texts = new Map<string, Promise<string | undefined>>();
  const cached: SiteFiles = {
    exists: (p) => {
      let v = exists.get(p);
      if (!v) exists.set(p, (v = files.exists(p).catch(() => false)));
      return v;
    },
    readText: (p, max) => {
      const key = `${max}:${p}`;
      let v = texts.get(key);
      if (!v) texts.set(key, (v = files.readText(p, max).catch(() => undefined)));
      return v;
    },
  };
  return (documentPath, root) => sitePlacement(cached, documentPath, root).catch(() => undefined);
}
