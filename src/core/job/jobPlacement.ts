// Where a job's images go and how its document names them: the folder (the site's, unless the
// user set an output folder), the language and the link of each saved file. The job and the
// Studio's "Saves to … · links as …" line both ask this one function, so they cannot disagree.
import * as path from 'node:path';
import type { DocumentLanguage } from '../documents/documentLanguage';
import { languageOf } from '../documents/languages';
import { linkBase, outputDestination, pathRoots, type Destination, type Roots } from '../files/destination';
import { isInside, relativePosix } from '../files/paths';
import type { FileStore } from '../files/saveImages';
import { siteFilesOf } from '../sites/siteFiles';
import { SITE_LABELS, sitePlacement, type Placement } from '../sites/siteRules';
import { DEFAULT_SETTINGS } from './settings';

const posix = path.posix;

export interface PlacementInput {
  /** The document the images are for (absolute POSIX path), if any. */
  document?: string;
  /** Its text, where its language reads settings from it (AsciiDoc's `:imagesdir:`). */
  documentText?: string;
  roots: Roots;
  files: Pick<FileStore, 'stat' | 'readFile'>;
  /** The `outputFolder` setting: any value but the default wins over the site's folder. */
  outputFolder: string;
  now: Date;
  /** Asked for a folder when none is open; without it there is no placement then. */
  chooseFolder?: () => Promise<string | undefined>;
}

export interface JobPlacement extends Destination {
  /** The roots the files go under: the workspace's, or the folder the user chose. */
  roots: Roots;
  /** Set when the site the document belongs to decided the folder. */
  site?: Placement;
  /** The document's language: how a reference is written. */
  language: DocumentLanguage;
  /** The path a reference in the document names `file` by (root-relative where the site serves it so, else relative). */
  linkOf: (file: string) => string;
}

/**
 * The link the site gives `file`, when the site serves it: a static folder's root-relative link
 * only for a file inside that folder, an asset folder's only for its own files. Otherwise
 * undefined (a relative link, as without a site).
 */
function servedLink(site: Placement, file: string): string | undefined {
  if (site.fileOf) {
    const link = site.linkOf(file);
    return site.fileOf(link) === file ? link : undefined;
  }
  if (site.rule === 'assetFolder') return isInside(site.folder, file) ? site.linkOf(file) : undefined;
  return site.linkOf(file);
}

/** How the document names saved files: its language, and each file's link (the site's where it serves the file). */
export interface DocumentLinks {
  /** The site the document belongs to, if any (whether or not it decided the folder). */
  site?: Placement;
  language: DocumentLanguage;
  linkOf: (file: string) => string;
}

/**
 * The links of a document whose workspace folder is `root` (an edit's, whose folder is beside its
 * source, as well as a new image's); no site without a root.
 */
export async function documentLinks(
  i: Pick<PlacementInput, 'document' | 'documentText' | 'files'>,
  roots: Roots,
  root: string | undefined,
): Promise<DocumentLinks> {
  const documentPath = i.document;
  const site =
    documentPath === undefined || root === undefined
      ? undefined
      : await sitePlacement(siteFilesOf(i.files), documentPath, root).catch(() => undefined);
  const relative = (file: string): string =>
    relativePosix(documentPath === undefined ? linkBase(roots, file) : posix.dirname(documentPath), file);
  return {
    ...(site ? { site } : {}),
    language: languageOf(documentPath, i.documentText),
    // The site's links hold even where the user's output folder decided the folder (a file in static/ is served from the root).
    linkOf: (file) => (site ? servedLink(site, file) : undefined) ?? relative(file),
  };
}

/** Where the images of a job for `i.document` go and how they are linked; undefined when there is no folder (none open, none chosen). */
export async function placeJob(i: PlacementInput): Promise<JobPlacement | undefined> {
  const where = { document: i.document, outputFolder: i.outputFolder, now: i.now };
  let roots = i.roots;
  let dest = outputDestination({ roots, ...where });
  if (!dest && i.chooseFolder) {
    // No folder open: the user says where.
    const picked = await i.chooseFolder();
    roots = pathRoots(picked === undefined ? [] : [picked]);
    dest = outputDestination({ roots, ...where });
  }
  if (!dest) return undefined;
  const { site, language, linkOf } = await documentLinks(i, roots, dest.root);
  // The site decides the folder unless the user set an output folder of their own.
  const bySite = site !== undefined && i.outputFolder === DEFAULT_SETTINGS.outputFolder;
  return {
    root: dest.root,
    folder: bySite ? site.folder : dest.folder,
    roots,
    ...(bySite ? { site } : {}),
    language,
    linkOf,
  };
}

/** The target as `language` writes it in a reference to `p` (encoded, relative to AsciiDoc's `:imagesdir:`, …). */
export function writtenTarget(language: DocumentLanguage, p: string): string {
  return language.find(language.reference({ alt: '', path: p, standalone: true }))[0]?.targetSource ?? p;
}

/** What the saved message and the Studio say about a placement: which site rule, the folder, an example link. */
export interface PlacementView {
  /** The folder, from the root it is under ('.' for the root itself). */
  folder: string;
  /** How the document names a file called `fileName` there, as written in its language. */
  link: string;
  /** The document's language ("AsciiDoc"). */
  language: string;
  /** The site rule that decided the folder: the site, the rule, the folder from the site's root. */
  site?: { name: string; rule: Placement['rule']; folder: string };
}

export function placementView(p: JobPlacement, fileName: string): PlacementView {
  const view: PlacementView = {
    folder: relativePosix(p.root, p.folder) || '.',
    link: writtenTarget(p.language, p.linkOf(posix.join(p.folder, fileName))),
    language: p.language.label,
  };
  if (p.site)
    view.site = {
      name: SITE_LABELS[p.site.site],
      rule: p.site.rule,
      folder: relativePosix(p.site.siteRoot, p.site.folder) || '.',
    };
  return view;
}
