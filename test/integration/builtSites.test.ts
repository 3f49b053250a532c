// Built sites, for real: a generation into a page of a Hugo, MkDocs, Sphinx or VitePress site
// (core's whole job against the local test server, on disk), then the site built by the real
// generator; the built page's <img src>, resolved as a browser would from the page's URL, is the
// saved file's bytes in the output folder. CI installs hugo, mkdocs and python3-sphinx (.ci/run);
// VitePress is the project's pinned dev dependency, built offline.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathRoots } from '../../src/core/files/destination';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';
import { runImageJob } from '../../src/core/job/runImageJob';
import { decodeAttribute } from '../../src/core/documents/htmlLanguage';
import { coreJobDeps } from '../support/coreJobDeps';
import { useLoopback } from '../support/loopback';

const KEY = 'sk-built-sites-0123456789';

/** The <img> sources of a built page. */
function sources(html: string): string[] {
  return [...html.matchAll(/<img\b[^>]*\bsrc="([^"]*)"/g)].map((m) => decodeAttribute(m[1] ?? ''));
}

/** The file a src names in the built output, read as the browser would resolve it from `pageUrl` on a server rooted at `out` (serving under `base`). */
/** The VitePress install the project pins (its own node_modules), and the node_modules folder its `vue` is in (a site imports it). */
function vitepressInstall(): { cli: string; modules: string } {
  const dir = path.dirname(require.resolve('vitepress/package.json'));
  const vue = path.dirname(require.resolve('vue/package.json', { paths: [dir] }));
  return { cli: path.join(dir, 'bin', 'vitepress.js'), modules: path.dirname(vue) };
}

function servedFile(out: string, base: string, pageUrl: string, src: string): Buffer {
  const url = new URL(src, `https://example.org${pageUrl}`);
  assert.ok(url.pathname.startsWith(`${base}/`), `${src} is under the site's base ${base}`);
  return fs.readFileSync(path.join(out, decodeURIComponent(url.pathname.slice(base.length))));
}

describe('built sites (real generators)', function () {
  this.timeout(120_000);
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 1 } });
  let ws: string;

  beforeEach(() => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-site-'));
  });
  afterEach(() => {
    // A link to the project's node_modules (VitePress): removed as a link, never followed.
    fs.rmSync(path.join(ws, 'node_modules'), { force: true });
    fs.rmSync(ws, { recursive: true, force: true });
  });

  const write = (rel: string, text: string): string => {
    fs.mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    fs.writeFileSync(path.join(ws, rel), text);
    return path.join(ws, rel);
  };

  /** Generates into `doc` as the command does (the references appended below its text) and returns the saved file. */
  async function generateInto(doc: string, prompt: string): Promise<{ file: string; markdown: string }> {
    const deps = coreJobDeps(lb, new NodeFileStore(), KEY, { key: 0 }, { roots: pathRoots([ws]) });
    const r = await runImageJob(
      { prompt, references: [], document: doc, documentText: fs.readFileSync(doc, 'utf8') },
      deps,
    );
    fs.appendFileSync(doc, `\n${r.markdown}\n`);
    return { file: r.files[0] ?? '', markdown: r.markdown };
  }

  it("Hugo: a post links /blog/images/… in static/ (baseURL's path kept); a page bundle links its own file", async () => {
    write(
      'hugo.toml',
      'baseURL = "https://example.org/blog/"\ntitle = "Kites"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
    );
    write('layouts/_default/single.html', '<html><body>{{ .Content }}</body></html>\n');
    write('layouts/_default/list.html', '<html><body>{{ .Content }}</body></html>\n');
    const post = write('content/posts/first.md', '---\ntitle: First\n---\n\nA post.\n');
    const bundle = write('content/posts/trip/index.md', '---\ntitle: Trip\n---\n\nA bundle.\n');
    const a = await generateInto(post, 'a red kite');
    const b = await generateInto(bundle, '一只蓝色的风筝');
    assert.equal(a.file, path.join(ws, 'static/images/2025-09-22-a-red-kite.png'));
    assert.equal(a.markdown, '![a red kite](/blog/images/2025-09-22-a-red-kite.png)');
    assert.equal(b.file, path.join(ws, 'content/posts/trip/2025-09-22-一只蓝色的风筝.png'));
    execFileSync('hugo', ['--source', ws, '--destination', path.join(ws, 'public'), '--quiet'], { stdio: 'pipe' });
    const out = path.join(ws, 'public');
    const [srcA] = sources(fs.readFileSync(path.join(out, 'posts/first/index.html'), 'utf8'));
    assert.deepEqual(servedFile(out, '/blog', '/blog/posts/first/', srcA ?? ''), fs.readFileSync(a.file));
    const [srcB] = sources(fs.readFileSync(path.join(out, 'posts/trip/index.html'), 'utf8'));
    assert.deepEqual(servedFile(out, '/blog', '/blog/posts/trip/', srcB ?? ''), fs.readFileSync(b.file));
  });

  it('MkDocs: a page in a subfolder of docs_dir links ../images/…, which the built directory URL still resolves', async () => {
    write('mkdocs.yml', 'site_name: Manual\ndocs_dir: manual\n');
    write('manual/index.md', '# Home\n');
    const page = write('manual/guide/setup.md', '# Setup\n\nSteps.\n');
    const g = await generateInto(page, 'a wiring diagram');
    assert.equal(g.file, path.join(ws, 'manual/images/2025-09-22-a-wiring-diagram.png'));
    assert.equal(g.markdown, '![a wiring diagram](../images/2025-09-22-a-wiring-diagram.png)');
    execFileSync(
      'mkdocs',
      ['build', '--quiet', '--strict', '-f', path.join(ws, 'mkdocs.yml'), '-d', path.join(ws, 'site')],
      { stdio: 'pipe' },
    );
    const out = path.join(ws, 'site');
    const [src] = sources(fs.readFileSync(path.join(out, 'guide/setup/index.html'), 'utf8'));
    assert.deepEqual(servedFile(out, '', '/guide/setup/', src ?? ''), fs.readFileSync(g.file));
  });

  it('Sphinx (reStructuredText): an image directive in a subfolder page, copied into the build by sphinx-build', async () => {
    write('docs/conf.py', "project = 'Kites'\nextensions = []\n");
    write('docs/index.rst', 'Kites\n=====\n\n.. toctree::\n\n   usage/flying\n');
    const page = write('docs/usage/flying.rst', 'Flying\n======\n\nHow to fly.\n');
    const g = await generateInto(page, 'a kite in the wind');
    assert.equal(g.file, path.join(ws, 'docs/images/2025-09-22-a-kite-in-the-wind.png'));
    assert.equal(g.markdown, '.. image:: ../images/2025-09-22-a-kite-in-the-wind.png\n   :alt: a kite in the wind');
    execFileSync('sphinx-build', ['-b', 'html', '-q', '-W', path.join(ws, 'docs'), path.join(ws, 'out')], {
      stdio: 'pipe',
    });
    const out = path.join(ws, 'out');
    const [src] = sources(fs.readFileSync(path.join(out, 'usage/flying.html'), 'utf8'));
    assert.deepEqual(servedFile(out, '', '/usage/flying.html', src ?? ''), fs.readFileSync(g.file));
  });

  it('VitePress: a page in a subfolder links /images/… in public/, which the built page serves under the base', async () => {
    write('docs/.vitepress/config.mts', "export default { title: 'Kites', base: '/kites/' }\n");
    write('docs/index.md', '# Kites\n');
    const page = write('docs/guide/flying.md', '# Flying\n\nHold the line.\n');
    const g = await generateInto(page, 'a paper kite, 纸风筝');
    assert.equal(g.file, path.join(ws, 'docs/public/images/2025-09-22-a-paper-kite-纸风筝.png'));
    // VitePress adds its base to Markdown's absolute links itself.
    assert.equal(g.markdown, '![a paper kite, 纸风筝](/images/2025-09-22-a-paper-kite-纸风筝.png)');
    const vp = vitepressInstall();
    // The built pages import vue: the site finds it as an installed site would, in its node_modules.
    fs.symlinkSync(vp.modules, path.join(ws, 'node_modules'), 'dir');
    // About 10 s on CI's two cores; offline (nothing is fetched).
    execFileSync(process.execPath, [vp.cli, 'build', path.join(ws, 'docs')], {
      stdio: 'pipe',
      cwd: ws,
      env: { ...process.env, CI: 'true' },
    });
    const out = path.join(ws, 'docs/.vitepress/dist');
    const [src] = sources(fs.readFileSync(path.join(out, 'guide/flying.html'), 'utf8'));
    assert.deepEqual(servedFile(out, '/kites', '/kites/guide/flying.html', src ?? ''), fs.readFileSync(g.file));
  });
});
