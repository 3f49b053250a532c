// Each document language: the reference written for a saved image, the references found in
// real-world samples (CJK, spaces, titles, attributes, options), and the edit that retargets one.
import assert from 'node:assert/strict';
import { ASCIIDOC, asciidocFor, imagesDir } from '../../src/core/documents/asciidocLanguage';
import type { DocumentLanguage } from '../../src/core/documents/documentLanguage';
import { decodeAttribute, HTML } from '../../src/core/documents/htmlLanguage';
import { OTHER_LANGUAGE_EXTENSIONS } from '../../src/core/documents/documentExtensions';
import { LANGUAGE_EXTENSIONS, languageOf } from '../../src/core/documents/languages';
import { LATEX, latexText } from '../../src/core/documents/latexLanguage';
import { MARKDOWN } from '../../src/core/documents/markdownLanguage';
import { mdxFor } from '../../src/core/documents/mdxLanguage';
import { ORG } from '../../src/core/documents/orgLanguage';
import { RST } from '../../src/core/documents/rstLanguage';
import { TYPST } from '../../src/core/documents/typstLanguage';
import { savedExtOf, shownSaveFormat } from '../../src/core/documents/references';
import { localTargetPath } from '../../src/core/text/imageLinks';

const slice = (doc: string, s: { start: number; end: number }): string => doc.slice(s.start, s.end);
const apply = (doc: string, e: { span: { start: number; end: number }; text: string }): string =>
  doc.slice(0, e.span.start) + e.text + doc.slice(e.span.end);

/** What the language reads back from its own reference: the same path and alt text. */
function roundTrip(lang: DocumentLanguage, alt: string, p: string, standalone = true): void {
  const ref = lang.reference({ alt, path: p, standalone });
  const doc = `Before.\n\n${ref}\n\nAfter.`;
  const found = lang.find(doc);
  assert.equal(found.length, 1, `${lang.id}: one reference in ${JSON.stringify(doc)}`);
  assert.equal(localTargetPath(found[0].target), p, `${lang.id}: target of ${ref}`);
  assert.equal(found[0].alt, alt, `${lang.id}: alt of ${ref}`);
  assert.equal(slice(doc, found[0].span).length > 0, true);
}

describe('document languages', () => {
  it('languageOf: by file extension; notebooks and unknown files are Markdown', () => {
    const ids = [
      'a.md',
      'a.ipynb',
      'a.txt',
      'a.mdx',
      'a.adoc',
      'a.asciidoc',
      'a.rst',
      'a.html',
      'a.vue',
      'a.svelte',
      'a.astro',
      'a.tex',
      'a.org',
      'a.typ',
      'A.ADOC',
    ].map((f) => languageOf(`/ws/${f}`).id);
    assert.deepEqual(ids, [
      'markdown',
      'markdown',
      'markdown',
      'mdx',
      'asciidoc',
      'asciidoc',
      'rst',
      'html',
      'html',
      'html',
      'html',
      'latex',
      'org',
      'typst',
      'asciidoc',
    ]);
    assert.equal(languageOf(undefined).id, 'markdown');
    // The providers register for the list the entry point holds: the same extensions.
    assert.deepEqual([...OTHER_LANGUAGE_EXTENSIONS].sort(), [...LANGUAGE_EXTENSIONS].sort());
  });

  it('shownSaveFormat: LaTeX takes PNG and JPEG only; a README no AVIF; other Markdown whatever was asked', () => {
    const tex = languageOf('/ws/paper/main.tex');
    assert.deepEqual(shownSaveFormat(tex, 'webp', 'png'), { format: 'png', changed: true });
    assert.deepEqual(shownSaveFormat(tex, 'keep', 'jpg'), { format: 'keep', changed: false });
    assert.deepEqual(shownSaveFormat(tex, 'avif', 'jpg'), { format: 'jpeg', changed: true }, 'a JPEG stays a JPEG');
    assert.deepEqual(shownSaveFormat(tex, 'keep', 'gif'), { format: 'png', changed: true });
    const readme = languageOf('/ws/pkg/ReadMe.markdown');
    assert.equal(readme.label, 'README');
    assert.equal(
      readme.reference({ alt: 'x', path: 'a b.png', standalone: true }),
      '![x](a%20b.png)',
      'still Markdown',
    );
    assert.deepEqual(shownSaveFormat(readme, 'avif', 'png'), { format: 'png', changed: true });
    assert.deepEqual(shownSaveFormat(readme, 'webp', 'png'), { format: 'webp', changed: false });
    assert.deepEqual(shownSaveFormat(languageOf('/ws/docs/readme-notes.md'), 'avif', 'png'), {
      format: 'avif',
      changed: false,
    });
    assert.equal(savedExtOf(tex, 'webp'), 'png');
    assert.equal(savedExtOf(readme, 'keep'), undefined, 'the server decides');
  });

  it('every language reads back its own reference: CJK, spaces, brackets, quotes and commas in the alt text; spaces and CJK in the path', () => {
    const alts = ['a red kite', '东京夜景，霓虹灯', 'a "quoted", [bracketed] kite', 'a_b*c'];
    const paths = ['images/kite.png', 'images/东京 夜景 1.png', '../static/img/a b.webp', 'img/100% #1?.png'];
    for (const lang of [MARKDOWN, mdxFor(''), mdxFor('<img src="x.png" />'), ASCIIDOC, RST, HTML, ORG, TYPST]) {
      for (const alt of alts) for (const p of paths) roundTrip(lang, alt, p);
    }
    // LaTeX has no alt text to read back verbatim (its special characters are commands): paths only.
    for (const p of ['images/kite.png', 'figures/东京 夜景.png'])
      assert.equal(localTargetPath(LATEX.find(LATEX.reference({ alt: 'x', path: p, standalone: true }))[0].target), p);
  });

  it('AsciiDoc: a block macro on its own line, an inline macro in a sentence, the alt quoted when it holds a comma', () => {
    assert.equal(
      ASCIIDOC.reference({ alt: 'a red kite', path: 'images/kite.png', standalone: true }),
      'image::images/kite.png[a red kite]',
    );
    assert.equal(
      ASCIIDOC.reference({ alt: 'red, blue', path: 'a b [1].png', standalone: false }),
      'image:a b %5B1%5D.png["red, blue"]',
    );
    const doc = 'See image:icons/ok.png[OK,16] and\n\nimage::diagrams/流程 图.png["流程, 图",width=640,title="Flow"]\n';
    const [inline, block] = ASCIIDOC.find(doc);
    assert.equal(inline.target, 'icons/ok.png');
    assert.equal(inline.alt, 'OK');
    assert.equal(block.target, 'diagrams/流程 图.png');
    assert.equal(block.alt, '流程, 图');
    assert.equal(
      apply(doc, ASCIIDOC.retarget(block, 'diagrams/new.png')),
      'See image:icons/ok.png[OK,16] and\n\nimage::diagrams/new.png["流程, 图",width=640,title="Flow"]\n',
    );
    // An attribute list without a positional alt: no alt text, an empty span where it would go.
    const [noAlt] = ASCIIDOC.find('image::x.png[width=300]');
    assert.equal(noAlt.alt, '');
    // A URL is a URL; `image:` inside a word is not a macro.
    assert.equal(ASCIIDOC.find('image::https://example.com/a.png[x]')[0].target, 'https://example.com/a.png');
    assert.deepEqual(ASCIIDOC.find('myimage:x.png[y]'), []);
  });

  it("AsciiDoc: targets are relative to the header's :imagesdir:, both ways", () => {
    const doc = '= Guide\n:imagesdir: images\n\nimage::kite.png[Kite]\n';
    assert.equal(imagesDir(doc), 'images');
    const lang = asciidocFor(doc);
    assert.equal(lang.find(doc)[0].target, 'images/kite.png');
    assert.equal(
      lang.reference({ alt: 'Sea', path: 'images/2026/sea.png', standalone: true }),
      'image::2026/sea.png[Sea]',
    );
    assert.equal(lang.reference({ alt: 'Up', path: 'up.png', standalone: true }), 'image::../up.png[Up]');
    assert.equal(imagesDir('= T\n:imagesdir: https://cdn.example/img\n'), undefined);
    assert.equal(imagesDir('= T\n\n:imagesdir: late\n'), undefined, 'only the header counts');
  });

  it('reStructuredText: image and figure directives with their :alt: option, at any indent', () => {
    assert.equal(
      RST.reference({ alt: 'a red kite', path: 'images/kite.png', standalone: false }),
      '.. image:: images/kite.png\n   :alt: a red kite',
    );
    const doc =
      'Title\n=====\n\n.. figure:: _static/东京.png\n   :width: 80%\n   :alt: 东京夜景\n\n   The caption.\n\n- item\n\n  .. image:: /img/a%20b.png\n';
    const [figure, image] = RST.find(doc);
    assert.equal(figure.target, '_static/东京.png');
    assert.equal(figure.alt, '东京夜景');
    assert.equal(slice(doc, figure.altSpan), '东京夜景');
    assert.equal(localTargetPath(image.target), '/img/a b.png');
    assert.equal(image.alt, '');
    assert.equal(
      apply(doc, RST.retarget(figure, '_static/new one.png')).includes(
        '.. figure:: _static/new%20one.png\n   :width: 80%',
      ),
      true,
    );
  });

  it('HTML and templates: <img> with quoted, unquoted and reordered attributes; character references decoded; pixel size written', () => {
    assert.equal(
      HTML.reference({ alt: 'a "kite" & <sea>', path: 'img/a b.png', standalone: true, width: 1024, height: 768 }),
      '<img src="img/a%20b.png" alt="a &quot;kite&quot; &amp; &lt;sea&gt;" width="1024" height="768">',
    );
    const doc =
      '<p><IMG alt=\'夜景 &amp; 灯\' class=hero src=images/night.png></p>\n<img src="/static/a.png"/>\n<img alt="no src">';
    const [a, b] = HTML.find(doc);
    assert.equal(HTML.find(doc).length, 2);
    assert.equal(a.target, 'images/night.png');
    assert.equal(a.alt, '夜景 & 灯');
    assert.equal(slice(doc, a.altSpan), '夜景 &amp; 灯');
    assert.equal(b.target, '/static/a.png');
    assert.equal(
      apply(doc, HTML.retarget(a, 'images/day.png')).startsWith(
        "<p><IMG alt='夜景 &amp; 灯' class=hero src=images/day.png></p>",
      ),
      true,
    );
    assert.equal(
      decodeAttribute('&#99999999; &#x1F600; &bogus;'),
      '&#99999999; 😀 &bogus;',
      'an impossible code point stays as written',
    );
  });

  it('MDX: Markdown links, or JSX <img /> when the document already writes its images so; both are found', () => {
    assert.equal(
      mdxFor('# Post\n').reference({ alt: 'kite', path: './kite.png', standalone: true }),
      '![kite](./kite.png)',
    );
    const jsx = 'import X from "y";\n\n<img src="/img/a.png" alt="A" />\n\n![B](b.png)\n';
    const lang = mdxFor(jsx);
    assert.equal(
      lang.reference({ alt: 'kite', path: '/img/kite.png', standalone: true }),
      '<img src="/img/kite.png" alt="kite" />',
    );
    const found = lang.find(jsx);
    assert.deepEqual(
      found.map((l) => [l.target, l.alt]),
      [
        ['/img/a.png', 'A'],
        ['b.png', 'B'],
      ],
    );
    assert.equal(
      apply(jsx, lang.retarget(found[0], '/img/c d.png')).includes('<img src="/img/c%20d.png" alt="A" />'),
      true,
    );
    assert.equal(apply(jsx, lang.retarget(found[1], 'c d.png')).includes('![B](c%20d.png)'), true);
  });

  it('LaTeX: a figure with \\centering and a \\caption on its own line, \\includegraphics in a sentence; the alt key read back; specials escaped', () => {
    assert.equal(
      LATEX.reference({ alt: '50% of #1 & more', path: 'figures/kite.png', standalone: true }),
      [
        '\\begin{figure}[htbp]',
        '  \\centering',
        '  \\includegraphics[width=\\linewidth,alt={50\\% of \\#1 \\& more}]{figures/kite.png}',
        '  \\caption{50\\% of \\#1 \\& more}',
        '\\end{figure}',
      ].join('\n'),
    );
    assert.equal(
      LATEX.reference({ alt: 'k', path: 'k.png', standalone: false }),
      '\\includegraphics[width=\\linewidth,alt={k}]{k.png}',
    );
    const doc = 'Text \\includegraphics[scale=0.5, alt={A kite}]{img/kite} and \\includegraphics{plain.jpg}.';
    const [a, b] = LATEX.find(doc);
    assert.equal(a.target, 'img/kite');
    assert.equal(a.alt, 'A kite');
    assert.equal(b.target, 'plain.jpg');
    assert.equal(
      apply(doc, LATEX.retarget(b, 'new.png')),
      'Text \\includegraphics[scale=0.5, alt={A kite}]{img/kite} and \\includegraphics{new.png}.',
    );
    assert.deepEqual(LATEX.formats, ['png', 'jpg']);
    assert.equal(
      latexText('a\\b~c^d_e{f}$'),
      'a\\textbackslash{}b\\textasciitilde{}c\\textasciicircum{}d\\_e\\{f\\}\\$',
    );
    assert.equal(LATEX.placeholders, false);
  });

  it('Org and Typst: their link and function forms, with a caption line (Org) and the alt argument (Typst)', () => {
    assert.equal(
      ORG.reference({ alt: 'kite', path: 'img/kite.png', standalone: true }),
      '#+CAPTION: kite\n[[file:img/kite.png]]',
    );
    const org = '* Notes\n#+CAPTION: 夜景\n[[file:img/night [1].png]]\n[[https://example.com][site]]\n';
    assert.equal(
      ORG.reference({ alt: 'n', path: 'img/night [1].png', standalone: false }),
      '[[file:img/night \\[1\\].png]]',
    );
    const found = ORG.find(org.replace('night [1]', 'night \\[1\\]'));
    assert.deepEqual(
      found.map((l) => [l.target, l.alt]),
      [['img/night [1].png', '夜景']],
    );
    assert.equal(
      TYPST.reference({ alt: 'a "kite"', path: 'img/k.png', standalone: true }),
      '#image("img/k.png", alt: "a \\"kite\\"")',
    );
    const typ = '= Title\n#figure(image("img/a.png", width: 80%, alt: "A"), caption: [A])\n#image("b.png")\n';
    assert.deepEqual(
      TYPST.find(typ).map((l) => [l.target, l.alt]),
      [
        ['img/a.png', 'A'],
        ['b.png', ''],
      ],
    );
  });

  it("Write Alt Text's edit: the alt replaced where there is one, the attribute or option added where there is none", () => {
    const cases: [DocumentLanguage, string, string][] = [
      [MARKDOWN, '![](a.png)', '![A *kite*](a.png)'],
      [HTML, '<img src="a.png">', '<img alt="A *kite*" src="a.png">'],
      [HTML, '<img alt="" src="a.png">', '<img alt="A *kite*" src="a.png">'],
      [ASCIIDOC, 'image::a.png[]', 'image::a.png[A *kite*]'],
      [ASCIIDOC, 'image::a.png[width=300]', 'image::a.png[A *kite*,width=300]'],
      [RST, '  .. image:: a.png\n     :width: 10', '  .. image:: a.png\n     :alt: A *kite*\n     :width: 10'],
      [LATEX, '\\includegraphics{a.png}', '\\includegraphics[alt={A *kite*}]{a.png}'],
      [LATEX, '\\includegraphics[scale=2]{a.png}', '\\includegraphics[alt={A *kite*},scale=2]{a.png}'],
      [ORG, 'Intro\n[[file:a.png]]', 'Intro\n#+CAPTION: A *kite*\n[[file:a.png]]'],
      [TYPST, '#image("a.png")', '#image("a.png", alt: "A *kite*")'],
    ];
    for (const [lang, doc, want] of cases) {
      const [link] = lang.find(doc);
      const after = apply(doc, lang.altEdit(link, 'A *kite*', doc));
      assert.equal(after, lang === MARKDOWN ? '![A \\*kite\\*](a.png)' : want, `${lang.id}: ${doc}`);
      assert.equal(lang.find(after)[0].alt, 'A *kite*', `${lang.id} reads it back`);
    }
  });

  it('several references are blocks a blank line apart', () => {
    for (const lang of [MARKDOWN, ASCIIDOC, RST, HTML, LATEX, ORG, TYPST]) {
      const joined = lang.join([
        lang.reference({ alt: 'a', path: 'a.png', standalone: true }),
        lang.reference({ alt: 'b', path: 'b.png', standalone: true }),
      ]);
      assert.equal(lang.find(joined).length, 2, lang.id);
      assert.match(joined, /\n\n/);
    }
  });
});
