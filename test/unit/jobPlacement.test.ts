// placeJob, the one answer the job, the progress title and the Studio's line share: the folder
// (the user's outputFolder or the site's), the language, and each saved file's link.
import assert from 'node:assert/strict';
import { pathRoots } from '../../src/core/files/destination';
import { documentLinks, placeJob, placementView } from '../../src/core/job/jobPlacement';
import { DEFAULT_SETTINGS } from '../../src/core/job/settings';
import { MemoryFileStore } from '../support/memoryFileStore';

const now = new Date(2025, 8, 22);
const text = (t: string): Uint8Array => new TextEncoder().encode(t);

function workspace(tree: Record<string, string>): MemoryFileStore {
  const files = new MemoryFileStore();
  for (const [p, t] of Object.entries(tree)) files.seed(`/ws/${p}`, text(t));
  return files;
}

const place = (
  files: MemoryFileStore,
  document: string | undefined,
  outputFolder = DEFAULT_SETTINGS.outputFolder,
  documentText?: string,
) =>
  placeJob({
    document: document && `/ws/${document}`,
    documentText,
    roots: pathRoots(['/ws']),
    files,
    outputFolder,
    now,
  });

describe('job placement', () => {
  it('a Hexo post with post_asset_folder: its asset folder, linked by name; a file elsewhere gets a link relative to the post', async () => {
    const files = workspace({
      '_config.yml': 'title: 博客\npost_asset_folder: true\n',
      'source/_posts/你好.md': '# 你好',
    });
    const p = await place(files, 'source/_posts/你好.md');
    assert.equal(p?.folder, '/ws/source/_posts/你好');
    assert.equal(p?.linkOf('/ws/source/_posts/你好/a.png'), 'a.png');
    assert.equal(p?.linkOf('/ws/source/images/b.png'), '../images/b.png');
    assert.deepEqual(p && placementView(p, '….png'), {
      folder: 'source/_posts/你好',
      link: '….png',
      language: 'Markdown',
      site: { name: 'Hexo', rule: 'assetFolder', folder: 'source/_posts/你好' },
    });
  });

  it("the user's outputFolder decides the folder; a file it puts in the static folder is still linked from the site root", async () => {
    const files = workspace({ '_config.yml': 'title: Site\nbaseurl: /site\n', '_posts/2025-01-01-a.md': '# a' });
    const mine = await place(files, '_posts/2025-01-01-a.md', '${workspaceFolder}/assets/images/posts');
    assert.equal(mine?.folder, '/ws/assets/images/posts');
    assert.equal(mine?.site, undefined, 'the site did not decide the folder');
    assert.equal(mine?.linkOf('/ws/assets/images/posts/a.png'), '/site/assets/images/posts/a.png');
    const outside = await place(files, '_posts/2025-01-01-a.md', '${documentDir}/pics');
    assert.equal(
      outside?.linkOf('/ws/_posts/pics/a.png'),
      'pics/a.png',
      'Jekyll does not copy _posts/: not a site file, so the link stays relative, as it was',
    );
  });

  it('no site: relative to the document, in its language; without a document, relative to the workspace folder', async () => {
    const files = workspace({ 'book/ch1.adoc': '= Ch 1\n:imagesdir: art\n' });
    const adoc = await place(files, 'book/ch1.adoc', '${documentDir}/art', '= Ch 1\n:imagesdir: art\n');
    assert.deepEqual(adoc && placementView(adoc, '….png'), { folder: 'book/art', link: '….png', language: 'AsciiDoc' });
    const none = await place(files, undefined);
    assert.deepEqual(none && placementView(none, 'x y.png'), {
      folder: 'images',
      link: 'images/x%20y.png',
      language: 'Markdown',
    });
  });

  it('no folder open: asks once, and places under the folder chosen; declined, no placement', async () => {
    const files = new MemoryFileStore();
    let asked = 0;
    const chooseFolder = async (): Promise<string | undefined> => (asked++ === 0 ? '/picked' : undefined);
    const p = await placeJob({
      roots: pathRoots([]),
      files,
      outputFolder: DEFAULT_SETTINGS.outputFolder,
      now,
      chooseFolder,
    });
    assert.equal(p?.folder, '/picked/images');
    assert.equal(
      await placeJob({ roots: pathRoots([]), files, outputFolder: DEFAULT_SETTINGS.outputFolder, now, chooseFolder }),
      undefined,
    );
    assert.equal(asked, 2);
  });

  it("documentLinks (an edit, the Studio's Insert): a Docusaurus page links a static file from the root, with no root no site", async () => {
    const files = workspace({ 'docusaurus.config.js': 'module.exports = {}', 'docs/intro.md': '# Intro' });
    const links = await documentLinks({ document: '/ws/docs/intro.md', files }, pathRoots(['/ws']), '/ws');
    assert.equal(links.site?.site, 'docusaurus');
    assert.equal(links.linkOf('/ws/static/img/a-edited.png'), '/img/a-edited.png');
    const bare = await documentLinks({ document: '/ws/docs/intro.md', files }, pathRoots([]), undefined);
    assert.equal(bare.linkOf('/ws/static/img/a-edited.png'), '../static/img/a-edited.png');
  });
});
