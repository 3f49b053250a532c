// Each site generator's rule on real-world configuration samples (TOML, YAML, JSON, JS/TS forms):
// the folder images go in and the link the document writes.
import assert from 'node:assert/strict';
import { basePath, tomlScalar, yamlScalar, jsScalar } from '../../src/core/sites/siteConfig';
import { sitePlacement, type SiteFiles } from '../../src/core/sites/siteRules';

/** A workspace of text files at /ws. */
function files(tree: Record<string, string>): SiteFiles {
  const all = new Map(Object.entries(tree).map(([k, v]) => [`/ws/${k}`, v]));
  const dirs = new Set<string>();
  for (const k of all.keys()) for (let d = k; d !== '/'; d = d.slice(0, d.lastIndexOf('/')) || '/') dirs.add(d);
  return {
    exists: async (p) => dirs.has(p),
    readText: async (p, max) => {
      const t = all.get(p);
      return t === undefined || Buffer.byteLength(t) > max ? undefined : t;
    },
  };
}

async function place(
  tree: Record<string, string>,
  doc: string,
): Promise<{ site: string; folder: string; link: string; rule: string } | undefined> {
  const p = await sitePlacement(files({ ...tree, [doc]: '# x' }), `/ws/${doc}`, '/ws');
  return p && { site: p.site, folder: p.folder, link: p.linkOf(`${p.folder}/a.png`), rule: p.rule };
}

describe('site rules', () => {
  it('config scalars: TOML before the first table, YAML top level, JS literals; base paths', () => {
    assert.equal(
      tomlScalar('baseURL = "https://example.org/blog/"\n[params]\nbaseURL = "x"', 'baseurl'),
      'https://example.org/blog/',
    );
    assert.equal(tomlScalar('[params]\nbaseURL = "x"', 'baseURL'), undefined);
    assert.equal(yamlScalar('title: Blog # comment\nroot: /blog/\n  nested: no', 'root'), '/blog/');
    assert.equal(yamlScalar('  root: /nested/', 'root'), undefined);
    assert.equal(jsScalar('export default defineConfig({ base: \'/docs/\', srcDir: "src" })', 'srcDir'), 'src');
    assert.deepEqual(
      ['https://example.org/blog/', '/blog', 'blog/', '/', '', 'https://x.org', '/a b/<x>'].map(basePath),
      ['/blog', '/blog', '/blog', '', '', '', ''],
    );
  });

  it("Hugo: static/images with root-relative links under baseURL's path; a page bundle keeps its images beside it", async () => {
    const tree = { 'hugo.toml': 'baseURL = "https://example.org/blog/"\ntitle = "x"\n' };
    assert.deepEqual(await place(tree, 'content/posts/first.md'), {
      site: 'hugo',
      folder: '/ws/static/images',
      link: '/blog/images/a.png',
      rule: 'static',
    });
    assert.deepEqual(await place(tree, 'content/posts/trip/index.md'), {
      site: 'hugo',
      folder: '/ws/content/posts/trip',
      link: 'a.png',
      rule: 'bundle',
    });
    // config.yaml counts when it is Hugo's (its keys, or a content/ folder).
    assert.equal((await place({ 'config.yaml': 'baseURL: /\nlanguageCode: zh-cn\n' }, 'content/a.md'))?.site, 'hugo');
    assert.equal(await place({ 'config.yaml': 'name: some tool\n' }, 'notes/a.md'), undefined);
    // Only contentDir is rendered: the repository's README keeps plain relative links (GitHub shows it).
    assert.equal(await place(tree, 'README.md'), undefined);
    assert.deepEqual(await place({ 'hugo.toml': 'contentDir = "pages"\n' }, 'pages/a.md'), {
      site: 'hugo',
      folder: '/ws/static/images',
      link: '/images/a.png',
      rule: 'static',
    });
    assert.equal(await place({ 'hugo.toml': 'contentDir = "pages"\n' }, 'content/a.md'), undefined);
  });

  it("Hexo: the post's asset folder with post_asset_folder, else source/images under root", async () => {
    const cfg = 'title: 博客\nroot: /blog/\npost_asset_folder: true\n';
    assert.deepEqual(await place({ '_config.yml': cfg }, 'source/_posts/你好-world.md'), {
      site: 'hexo',
      folder: '/ws/source/_posts/你好-world',
      link: 'a.png',
      rule: 'assetFolder',
    });
    assert.deepEqual(await place({ '_config.yml': cfg.replace('true', 'false') }, 'source/_posts/p.md'), {
      site: 'hexo',
      folder: '/ws/source/images',
      link: '/blog/images/a.png',
      rule: 'static',
    });
  });

  it("Jekyll (a _config.yml without Hexo's keys): assets/images under baseurl", async () => {
    assert.deepEqual(await place({ '_config.yml': 'title: Site\nbaseurl: "/site"\n' }, '_posts/2026-01-01-a.md'), {
      site: 'jekyll',
      folder: '/ws/assets/images',
      link: '/site/assets/images/a.png',
      rule: 'static',
    });
  });

  it('Docusaurus, VitePress (srcDir), VuePress and Astro: their public/static folders, linked from the root', async () => {
    assert.deepEqual(
      await place({ 'docusaurus.config.ts': "export default { baseUrl: '/docs/' };" }, 'docs/intro.md'),
      { site: 'docusaurus', folder: '/ws/static/img', link: '/img/a.png', rule: 'static' },
    );
    assert.deepEqual(
      await place({ 'docs/.vitepress/config.mts': "export default { srcDir: 'src' }" }, 'docs/src/guide.md'),
      { site: 'vitepress', folder: '/ws/docs/src/public/images', link: '/images/a.png', rule: 'static' },
    );
    assert.deepEqual(await place({ 'docs/.vuepress/config.js': 'module.exports = {}' }, 'docs/guide/a.md'), {
      site: 'vuepress',
      folder: '/ws/docs/.vuepress/public/images',
      link: '/images/a.png',
      rule: 'static',
    });
    assert.deepEqual(
      await place({ 'astro.config.mjs': "export default defineConfig({ base: '/site' })" }, 'src/pages/about.md'),
      { site: 'astro', folder: '/ws/public/images', link: '/site/images/a.png', rule: 'static' },
    );
    assert.deepEqual(await place({ 'astro.config.mjs': '' }, 'src/content/blog/post.md'), {
      site: 'astro',
      folder: '/ws/src/content/blog/images',
      link: 'images/a.png',
      rule: 'colocated',
    });
  });

  it('MkDocs (docs_dir) and Sphinx: inside the folder that is built, linked relative to the page', async () => {
    assert.deepEqual(await place({ 'mkdocs.yml': 'site_name: x\ndocs_dir: manual\n' }, 'manual/guide/setup.md'), {
      site: 'mkdocs',
      folder: '/ws/manual/images',
      link: '../images/a.png',
      rule: 'docsFolder',
    });
    assert.deepEqual(await place({ 'docs/conf.py': "project = 'x'" }, 'docs/usage/index.rst'), {
      site: 'sphinx',
      folder: '/ws/docs/images',
      link: '../images/a.png',
      rule: 'docsFolder',
    });
  });

  it('the nearest configuration wins; none above the document means no site; nothing outside the workspace', async () => {
    const tree = { 'hugo.toml': 'baseURL = "/"', 'docs/mkdocs.yml': 'site_name: x\n' };
    assert.equal((await place(tree, 'docs/docs/a.md'))?.site, 'mkdocs');
    assert.equal(await place({}, 'notes/a.md'), undefined);
    assert.equal(await place({ '_config.yml': 'source_dir: ../../outside\nnew_post_name: x\n' }, 'a.md'), undefined);
  });
});
