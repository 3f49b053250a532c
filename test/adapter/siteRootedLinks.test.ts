// A root-relative link in a page of Hexo, Jekyll or Astro (as the site's own writers put them)
// names the file in the folder the site serves from its root, under the site's base path: the
// hover shows that file, Edit with AI edits it and keeps the link site-rooted. A link outside the
// base is not taken for a site file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { editLinkedImageCommand } from '../../src/vscode/commands/linkedImageCommands';
import { linkHover } from '../../src/vscode/linkedImageHover';
import { samplePng } from '../support/sampleImage';
import { useLoopback } from '../support/loopback';
import { makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-site-links-0123456789';

interface SiteCase {
  name: string;
  config: [string, string];
  page: string;
  link: string;
  /** Where that link's file is, from the workspace folder. */
  file: string;
}

const CASES: SiteCase[] = [
  {
    name: 'Hexo (root: /blog/)',
    config: ['_config.yml', 'title: 博客\nroot: /blog/\nnew_post_name: :title.md\n'],
    page: 'source/_posts/风筝.md',
    link: '/blog/images/kite.png',
    file: 'source/images/kite.png',
  },
  {
    name: 'Jekyll (baseurl: /site)',
    config: ['_config.yml', 'title: Site\nbaseurl: "/site"\n'],
    page: '_posts/2025-09-22-kites.md',
    link: '/site/assets/images/kite.png',
    file: 'assets/images/kite.png',
  },
  {
    name: 'Astro (base: /docs)',
    config: [
      'astro.config.mjs',
      "import { defineConfig } from 'astro/config';\nexport default defineConfig({ base: '/docs' });\n",
    ],
    page: 'src/pages/kites.md',
    link: '/docs/images/kite.png',
    file: 'public/images/kite.png',
  },
];

describe('site-rooted links in Hexo, Jekyll and Astro pages (adapter)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(async () => {
    await h.dispose();
  });

  const write = (rel: string, bytes: string | Uint8Array): string => {
    const p = path.join(h.root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    return p;
  };
  const sources = () => ({ workspace: h.ctx.workspace, historyEntry: async () => undefined });

  for (const c of CASES) {
    it(`${c.name}: the hover over ${c.link} shows ${c.file}`, async () => {
      write(c.config[0], c.config[1]);
      const image = write(c.file, samplePng(40, 30));
      const text = `# Kites\n\n![a kite](${c.link})\n`;
      const doc = markdownDoc(h, c.page, text);
      const hover = await linkHover(sources(), doc, text, text.indexOf(c.link) + 1, {
        start: { line: 2, character: 3 },
      });
      assert.ok(hover?.markdown.startsWith(`![](${vscode.Uri.file(image).toString()}|`), hover?.markdown);
      assert.match(hover?.markdown ?? '', /40 × 30 px/);
    });
  }

  it('a rooted link outside the base is not a site file: the hover says the file is not there', async () => {
    write('_config.yml', 'title: Site\nbaseurl: "/site"\n');
    write('assets/images/kite.png', samplePng(40, 30));
    const text = '![a kite](/elsewhere/assets/images/kite.png)\n';
    const doc = markdownDoc(h, '_posts/2025-09-22-kites.md', text);
    const hover = await linkHover(sources(), doc, text, 12, { start: { line: 0, character: 3 } });
    assert.equal(hover?.markdown, '*kite.png is not in the workspace.*');
  });

  it('Hexo: Edit with AI on /blog/images/… edits source/images/… and the link stays under root', async () => {
    write('_config.yml', 'title: 博客\nroot: /blog/\nnew_post_name: :title.md\n');
    const image = write('source/images/kite.png', samplePng(40, 30));
    const before = fs.readFileSync(image);
    const text = '# 风筝\n\n![a kite](/blog/images/kite.png)\n';
    const doc = markdownDoc(h, 'source/_posts/风筝.md', text);
    h.ui.inputs.push('make it blue');
    h.ui.picks.push((items) => items.find((i) => /^Use /.test(i.label)));
    await editLinkedImageCommand(h.ctx, doc.toString(), { start: { line: 2, character: 3 } });
    const edited = path.join(h.root, 'source/images/kite-edited.png');
    assert.deepEqual(fs.readFileSync(edited), lb.server.lastServedImages()[0]);
    assert.deepEqual(fs.readFileSync(image), before, 'the source stays as it was');
    assert.equal(h.editors.text, '# 风筝\n\n![a kite](/blog/images/kite-edited.png)\n');
  });
});
