// Generating into documents that are not Markdown, through the real adapter against the test
// server: the reference in the document's own syntax, the format its renderer can show, its
// placeholders, and Write Alt Text's edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generateCommand } from '../../src/vscode/commands/generate';
import { generatePlaceholdersCommand } from '../../src/vscode/commands/generatePlaceholders';
import { editLinkedImageCommand } from '../../src/vscode/commands/linkedImageCommands';
import { writeAltTextCommand } from '../../src/vscode/commands/writeAltText';
import { linkHover } from '../../src/vscode/linkedImageHover';
import { samplePng } from '../support/sampleImage';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-doc-languages-0123456789';
const PNG_MAGIC = '89504e470d0a1a0a';

describe('documents in other languages (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(async () => {
    await h.dispose();
  });

  it("AsciiDoc: a block image macro below the selection, its path relative to the header's :imagesdir:", async () => {
    const text = '= Kites\n:imagesdir: images\n\nA red kite over a grey sea\n\nMore.\n';
    markdownDoc(h, 'book/guide.adoc', text, {
      languageId: 'asciidoc',
      selection: { text: 'A red kite over a grey sea', endLine: 3 },
    });
    h.ui.inputs.push('A red kite over a grey sea');
    await generateCommand(h.ctx);
    assert.deepEqual(listFiles(h.root), ['book/guide.adoc', 'book/images/2025-09-22-a-red-kite-over-a-grey-sea.png']);
    assert.deepEqual(
      fs.readFileSync(path.join(h.root, 'book/images/2025-09-22-a-red-kite-over-a-grey-sea.png')),
      lb.server.lastServedImages()[0],
    );
    assert.equal(
      h.editors.text,
      '= Kites\n:imagesdir: images\n\nA red kite over a grey sea\n\nimage::2025-09-22-a-red-kite-over-a-grey-sea.png[A red kite over a grey sea]\n\nMore.\n',
    );
  });

  it('an .adoc file VS Code knows only as plain text is still AsciiDoc (by its extension)', async () => {
    markdownDoc(h, 'notes.adoc', 'Intro\n', { languageId: 'plaintext', cursor: 6 });
    h.ui.inputs.push('a fox, in snow');
    await generateCommand(h.ctx);
    assert.equal(h.editors.text, 'Intro\n\nimage::images/2025-09-22-a-fox-in-snow.png["a fox, in snow"]');
  });

  it('LaTeX: a figure with its caption, and a WebP asked for by saveFormat saved as PNG with one line saying why', async () => {
    h.settings.saveFormat = 'webp';
    markdownDoc(h, 'paper/main.tex', '\\section{Kites}\n', { languageId: 'latex' });
    h.ui.inputs.push('50% of kites');
    await generateCommand(h.ctx);
    const saved = listFiles(h.root).filter((f) => f.startsWith('paper/images/'));
    assert.deepEqual(saved, ['paper/images/2025-09-22-50-of-kites.png']);
    assert.equal(fs.readFileSync(path.join(h.root, saved[0])).subarray(0, 8).toString('hex'), PNG_MAGIC);
    assert.equal(
      h.editors.text,
      '\\section{Kites}\n\n\\begin{figure}[htbp]\n  \\centering\n  \\includegraphics[width=\\linewidth,alt={50\\% of kites}]{images/2025-09-22-50-of-kites.png}\n  \\caption{50\\% of kites}\n\\end{figure}',
    );
    assert.ok(
      h.ui.messages('info').includes('LaTeX cannot show that image format, so it was saved as PNG.'),
      JSON.stringify(h.ui.shown),
    );
  });

  it('a repository README: an AVIF asked for by saveFormat is saved as PNG, with one line saying why', async () => {
    h.settings.saveFormat = 'avif';
    markdownDoc(h, 'README.md', '# Kites\n');
    h.ui.inputs.push('a kite logo');
    await generateCommand(h.ctx);
    assert.deepEqual(listFiles(h.root), ['README.md', 'images/2025-09-22-a-kite-logo.png']);
    assert.equal(
      fs.readFileSync(path.join(h.root, 'images/2025-09-22-a-kite-logo.png')).subarray(0, 8).toString('hex'),
      PNG_MAGIC,
    );
    assert.equal(h.editors.text, '# Kites\n![a kite logo](images/2025-09-22-a-kite-logo.png)');
    assert.ok(
      h.ui.messages('info').includes('Not every README renderer shows AVIF, so it was saved as PNG.'),
      JSON.stringify(h.ui.shown),
    );
  });

  it('reStructuredText: a placeholder directive is generated and its target replaced, the :alt: option kept', async () => {
    const text = 'Kites\n=====\n\n.. image:: geekai:16:9\n   :alt: a red kite\n\nEnd.\n';
    const doc = markdownDoc(h, 'docs/index.rst', text, { languageId: 'restructuredtext' });
    // Generate All asks before it spends, in any language.
    h.ui.confirmChoices.push('Generate');
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(h.ui.confirmations.length, 1);
    assert.equal(
      h.editors.text,
      'Kites\n=====\n\n.. image:: images/2025-09-22-a-red-kite.png\n   :alt: a red kite\n\nEnd.\n',
    );
    assert.ok(fs.existsSync(path.join(h.root, 'docs/images/2025-09-22-a-red-kite.png')));
  });

  it('LaTeX takes no placeholders: a geekai: target there is left alone and nothing is sent', async () => {
    const doc = markdownDoc(h, 'p.tex', '\\includegraphics{geekai:16:9}\n', { languageId: 'latex' });
    await generatePlaceholdersCommand(h.ctx, doc);
    assert.equal(lb.server.requests.length, 0);
    assert.equal(h.editors.text, '\\includegraphics{geekai:16:9}\n');
  });

  it('Write Alt Text on an HTML <img> without alt: the attribute is added, escaped as an attribute value', async () => {
    fs.mkdirSync(path.join(h.root, 'site/img'), { recursive: true });
    fs.writeFileSync(path.join(h.root, 'site/img/kite.png'), samplePng(24, 16));
    const text = '<p>Kites</p>\n<img src="img/kite.png" width="24">\n';
    const doc = markdownDoc(h, 'site/index.html', text, { languageId: 'html' });
    await writeAltTextCommand(h.ctx, doc, { start: { line: 1, character: 3 } });
    assert.equal(
      h.editors.text,
      '<p>Kites</p>\n<img alt="A 24×16 picture of coloured squares." src="img/kite.png" width="24">\n',
    );
  });

  it('Hugo: a post gets /blog/images/… saved in static/; its hover and Edit with AI find that file, and the edited link stays site-rooted', async () => {
    fs.writeFileSync(path.join(h.root, 'hugo.toml'), 'baseURL = "https://example.org/blog/"\n');
    const doc = markdownDoc(h, 'content/posts/kites.md', '---\ntitle: Kites\n---\n\nIntro.\n', {
      cursor: '---\ntitle: Kites\n---\n\nIntro.\n'.length,
    });
    h.ui.inputs.push('a red kite');
    await generateCommand(h.ctx);
    const saved = path.join(h.root, 'static/images/2025-09-22-a-red-kite.png');
    assert.deepEqual(fs.readFileSync(saved), lb.server.lastServedImages()[0]);
    assert.equal(
      h.editors.text,
      '---\ntitle: Kites\n---\n\nIntro.\n\n![a red kite](/blog/images/2025-09-22-a-red-kite.png)',
    );
    assert.ok(
      h.ui
        .messages('info')
        .some((m) =>
          m.endsWith('(Hugo site: saved in static/images, linked as /blog/images/2025-09-22-a-red-kite.png)'),
        ),
      JSON.stringify(h.ui.shown),
    );
    // The progress said which rule applied before the file appeared (the name is not known yet).
    assert.deepEqual(h.ui.progressTitles, [
      'GeekAI Image · Hugo site: saving in its static folder static/images, linked from the site root as /blog/images/…',
    ]);

    const text = h.editors.text;
    const hover = await linkHover(
      { workspace: h.ctx.workspace, historyEntry: async () => undefined },
      doc,
      text,
      text.indexOf('/blog/'),
      { start: { line: 6, character: 3 } },
    );
    assert.ok(hover?.markdown.startsWith(`![](${vscode.Uri.file(saved).toString()}|`), hover?.markdown);

    h.ui.inputs.push('make it blue');
    h.ui.picks.push((items) => items.find((i) => /^Use /.test(i.label)));
    await editLinkedImageCommand(h.ctx, doc.toString(), { start: { line: 6, character: 3 } });
    assert.ok(fs.existsSync(path.join(h.root, 'static/images/2025-09-22-a-red-kite-edited.png')));
    assert.equal(
      h.editors.text,
      '---\ntitle: Kites\n---\n\nIntro.\n\n![a red kite](/blog/images/2025-09-22-a-red-kite-edited.png)',
    );
  });
});
