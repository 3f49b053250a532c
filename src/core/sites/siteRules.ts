// The site a document belongs to (from the configuration file found in its folder or above it,
// up to the workspace folder) and where that site expects images: the folder to save them in and
// the link that resolves in the BUILT site. Each generator's own rule, as its documentation says.
import * as path from 'node:path';
import { isInside, relativePosix } from '../files/paths';
import { basePath, configScalar, MAX_CONFIG_BYTES } from './siteConfig';

const posix = path.posix;

export type SiteKind =
  'hugo' | 'hexo' | 'docusaurus' | 'vitepress' | 'vuepress' | 'jekyll' | 'mkdocs' | 'sphinx' | 'astro';

export const SITE_LABELS: Record<SiteKind, string> = {
  hugo: 'Hugo',
  hexo: 'Hexo',
  docusaurus: 'Docusaurus',
  vitepress: 'VitePress',
  vuepress: 'VuePress',
  jekyll: 'Jekyll',
  mkdocs: 'MkDocs',
  sphinx: 'Sphinx',
  astro: 'Astro',
};

/** Where a site wants a document's images. */
export interface Placement {
  site: SiteKind;
  /** The folder holding the site's configuration. */
  siteRoot: string;
  /** Absolute folder the images go in. */
  folder: string;
  /** The path the document writes for a saved file: root-relative for a static folder, relative otherwise. */
  linkOf: (file: string) => string;
  /** The file a root-relative link the site serves (`/blog/images/a.png`) names; static folders only. */
  fileOf?: (link: string) => string | undefined;
  /** Which rule applied, for the progress line and the Studio ("static/images, linked from the site root"). */
  rule: 'static' | 'bundle' | 'assetFolder' | 'colocated' | 'docsFolder';
}

/** What detection reads: whether a path exists, and a file's text (at most `MAX_CONFIG_BYTES`). */
export interface SiteFiles {
  exists(p: string): Promise<boolean>;
  readText(p: string, maxBytes: number): Promise<string | undefined>;
}

interface Found {
  kind: SiteKind;
  root: string;
  config: string;
  text: string;
}

const HUGO_CONFIGS = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];

async function firstExisting(files: SiteFiles, dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names) if (await files.exists(posix.join(dir, n))) return posix.join(dir, n);
  return undefined;
}

/** The site whose configuration sits in `dir`, if any (checked in an order that tells look-alikes apart). */
async function siteIn(files: SiteFiles, dir: string): Promise<Found | undefined> {
  const read = async (p: string): Promise<string> => (await files.readText(p, MAX_CONFIG_BYTES)) ?? '';
  const at = async (kind: SiteKind, names: readonly string[]): Promise<Found | undefined> => {
    const config = await firstExisting(files, dir, names);
    return config === undefined ? undefined : { kind, root: dir, config, text: await read(config) };
  };
  const js = (base: string): string[] => ['js', 'ts', 'mjs', 'cjs', 'mts'].map((e) => `${base}.${e}`);
  const found =
    (await at('docusaurus', js('docusaurus.config'))) ??
    (await at('vitepress', js('.vitepress/config'))) ??
    (await at('vuepress', js('.vuepress/config'))) ??
    (await at('astro', js('astro.config'))) ??
    (await at('mkdocs', ['mkdocs.yml', 'mkdocs.yaml'])) ??
    (await at('sphinx', ['conf.py']));
  if (found) return found;
  const yml = await firstExisting(files, dir, ['_config.yml', '_config.yaml']);
  if (yml) {
    const text = await read(yml);
    // Hexo and Jekyll share the name: Hexo's has its own keys, or its package.json names hexo.
    const hexo =
      /^(post_asset_folder|new_post_name|source_dir|public_dir)\s*:/m.test(text) ||
      /"hexo"\s*:/.test(await read(posix.join(dir, 'package.json')));
    return { kind: hexo ? 'hexo' : 'jekyll', root: dir, config: yml, text };
  }
  const hugo = await firstExisting(files, dir, HUGO_CONFIGS);
  if (hugo) {
    const text = await read(hugo);
    // `config.*` is a common name: Hugo's has its keys, or the folder has Hugo's layout.
    const isHugo =
      hugo.includes('/hugo.') ||
      /baseurl|languageCode|theme/i.test(text) ||
      (await files.exists(posix.join(dir, 'content')));
    if (isHugo) return { kind: 'hugo', root: dir, config: hugo, text };
  }
  return undefined;
}

/** The site configuration nearest to the document, searching its folder and each one above up to `root`. */
export async function findSite(files: SiteFiles, documentPath: string, root: string): Promise<Found | undefined> {
  for (let dir = posix.dirname(documentPath); isInside(root, dir); dir = posix.dirname(dir)) {
    const found = await siteIn(files, dir);
    if (found) return found;
    if (dir === root || dir === posix.dirname(dir)) break;
  }
  return undefined;
}

const setting = (f: Found, key: string): string | undefined => configScalar(f.config, f.text, key);

/** `unserved`: files under the static folder the generator does not copy (Jekyll's `_posts`, `.git`). */
function staticPlacement(
  f: Found,
  staticDir: string,
  sub: string,
  urlBase: string,
  unserved: (relative: string) => boolean = () => false,
): Omit<Placement, 'siteRoot'> {
  const folder = posix.join(staticDir, sub);
  return {
    site: f.kind,
    folder,
    rule: 'static',
    linkOf: (file) => `${urlBase}/${relativePosix(staticDir, file)}`,
    fileOf: (link) => {
      if (!link.startsWith(`${urlBase}/`)) return undefined;
      const file = posix.join(staticDir, link.slice(urlBase.length));
      return isInside(staticDir, file) && !unserved(relativePosix(staticDir, file)) ? file : undefined;
    },
  };
}

function relativePlacement(
  f: Found,
  folder: string,
  documentPath: string,
  rule: Placement['rule'],
): Omit<Placement, 'siteRoot'> {
  return { site: f.kind, folder, rule, linkOf: (file) => relativePosix(posix.dirname(documentPath), file) };
}

/** Where the site `f` wants the images of the document at `documentPath`; undefined for a file the site does not build (a Hugo repository's README). */
function placementFor(f: Found, documentPath: string): Omit<Placement, 'siteRoot'> | undefined {
  const docDir = posix.dirname(documentPath);
  const name = posix.basename(documentPath).replace(/\.[^.]+$/, '');
  switch (f.kind) {
    case 'hugo': {
      // Only content/ (contentDir) is rendered: a README beside it keeps its relative links.
      if (!isInside(posix.join(f.root, setting(f, 'contentDir') ?? 'content'), documentPath)) return undefined;
      // A page bundle (its index.md or _index.md) keeps its images beside it; other pages use static/.
      if (name === 'index' || name === '_index') return relativePlacement(f, docDir, documentPath, 'bundle');
      return staticPlacement(f, posix.join(f.root, 'static'), 'images', basePath(setting(f, 'baseURL')));
    }
    case 'hexo': {
      const source = posix.join(f.root, setting(f, 'source_dir') ?? 'source');
      if (
        /^true$/i.test(setting(f, 'post_asset_folder') ?? '') &&
        isInside(posix.join(source, '_posts'), documentPath)
      ) {
        // The post's assets are published beside its page: links name them from that folder.
        const folder = posix.join(docDir, name);
        return { site: f.kind, folder, rule: 'assetFolder', linkOf: (file) => relativePosix(folder, file) };
      }
      return staticPlacement(f, source, 'images', basePath(setting(f, 'root')));
    }
    case 'docusaurus':
      // Docusaurus resolves `/img/…` in Markdown against static/ and adds its baseUrl itself.
      return staticPlacement(f, posix.join(f.root, 'static'), 'img', '');
    case 'vitepress': {
      const src = posix.join(f.root, setting(f, 'srcDir') ?? '.');
      // VitePress serves public/ at the root and prefixes its base to Markdown's absolute links.
      return staticPlacement(f, posix.join(src, 'public'), 'images', '');
    }
    case 'vuepress':
      return staticPlacement(f, posix.join(f.root, '.vuepress', 'public'), 'images', '');
    case 'astro': {
      // Content collections take relative images (optimised by Astro); pages use public/.
      if (isInside(posix.join(f.root, 'src', 'content'), documentPath))
        return relativePlacement(f, posix.join(docDir, 'images'), documentPath, 'colocated');
      return staticPlacement(f, posix.join(f.root, 'public'), 'images', basePath(setting(f, 'base')));
    }
    case 'jekyll':
      // Jekyll copies every file of the site's folder except those under `_` and `.` folders.
      return staticPlacement(f, f.root, posix.join('assets', 'images'), basePath(setting(f, 'baseurl')), (rel) =>
        rel
          .split('/')
          .slice(0, -1)
          .some((d) => d.startsWith('_') || d.startsWith('.')),
      );
    case 'mkdocs': {
      // Only files inside docs_dir are built; links are relative to the page.
      const docs = posix.join(f.root, setting(f, 'docs_dir') ?? 'docs');
      const inDocs = isInside(docs, documentPath);
      return relativePlacement(
        f,
        inDocs ? posix.join(docs, 'images') : posix.join(docDir, 'images'),
        documentPath,
        'docsFolder',
      );
    }
    case 'sphinx':
      // Sphinx copies every image a page names from anywhere in the source folder.
      return relativePlacement(f, posix.join(f.root, 'images'), documentPath, 'docsFolder');
  }
}

/** The site placement for a document, or undefined when it belongs to no site the extension knows. */
export async function sitePlacement(
  files: SiteFiles,
  documentPath: string,
  root: string,
): Promise<Placement | undefined> {
  const f = await findSite(files, documentPath, root);
  if (!f) return undefined;
  const p = placementFor(f, documentPath);
  // The wall holds for sites too: a configuration naming a folder outside the workspace is not followed.
  if (!p || !isInside(root, p.folder)) return undefined;
  return { ...p, siteRoot: f.root };
}
