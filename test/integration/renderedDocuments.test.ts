// The references the extension writes, rendered by each language's real tool (Debian's
// asciidoctor and docutils, markdown-it as VS Code's preview uses it): the rendered <img> names the
// saved file (its bytes, found from the output's folder) and carries the alt text, CJK and
// spaces included. CI installs the tools (.ci/run); a missing tool fails here, it is not skipped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentLanguage } from '../../src/core/documents/documentLanguage';
import { languageOf } from '../../src/core/documents/languages';
import { documentReferences } from '../../src/core/documents/references';
import { decodeAttribute } from '../../src/core/documents/htmlLanguage';
import { samplePng } from '../support/sampleImage';

const ALT = '东京夜景, "neon" & rain';

// markdown-it 14 renders an escaped character of the alt text as nothing (its text_special
// tokens are left out of the attribute), so the Markdown case has none to escape.
const PLAIN_ALT = '东京夜景, "neon" rain';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no type declarations; render() is all that is used
const markdownIt = require('markdown-it') as () => { render(src: string): string };

interface Rendered {
  src: string;
  alt: string;
}

function imgsOf(html: string): Rendered[] {
  return [...html.matchAll(/<img\b[^>]*>/g)].map((m) => ({
    src: decodeAttribute(/\bsrc="([^"]*)"/.exec(m[0])?.[1] ?? ''),
    alt: decodeAttribute(/\balt="([^"]*)"/.exec(m[0])?.[1] ?? ''),
  }));
}

describe('references rendered by the real tools', function () {
  this.timeout(60_000);
  let dir: string;
  let image: Buffer;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-render-'));
    image = samplePng(8, 6);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Saves the image at `rel`, writes the document at `doc` holding its reference, returns the references text. */
  function setUp(doc: string, rel: string, prefix = '', alt = ALT, language?: DocumentLanguage): string {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), image);
    const lang = language ?? languageOf(path.join(dir, doc), prefix);
    const refs = documentReferences({
      language: lang,
      alt,
      targetPaths: [path.join(dir, rel)],
      documentPath: path.join(dir, doc),
      workspaceRoot: dir,
    });
    fs.mkdirSync(path.dirname(path.join(dir, doc)), { recursive: true });
    fs.writeFileSync(path.join(dir, doc), `${prefix}Some text.\n\n${refs}\n\nMore text.\n`);
    return refs;
  }

  /** The file a rendered src names, from the folder of the HTML that holds it. */
  function fileOf(htmlFile: string, src: string): Buffer {
    return fs.readFileSync(path.join(path.dirname(htmlFile), decodeURIComponent(src)));
  }

  it('AsciiDoc (asciidoctor): a block macro with :imagesdir:, CJK and spaces in the folder', () => {
    setUp('book/guide.adoc', 'book/images/东京 夜景/night.png', '= Guide\n:imagesdir: images\n\n');
    execFileSync('asciidoctor', ['-o', path.join(dir, 'book/guide.html'), path.join(dir, 'book/guide.adoc')]);
    const [img] = imgsOf(fs.readFileSync(path.join(dir, 'book/guide.html'), 'utf8'));
    assert.ok(img, 'an <img> in the output');
    assert.equal(img.alt, ALT);
    assert.deepEqual(fileOf(path.join(dir, 'book/guide.html'), img.src), image);
  });

  it('reStructuredText (docutils): an image directive with :alt:, CJK in the folder', () => {
    setUp('docs/index.rst', 'docs/images/东京/night.png', 'Title\n=====\n\n');
    execFileSync('python3', [
      '-c',
      'import sys; from docutils.core import publish_file; publish_file(source_path=sys.argv[1], destination_path=sys.argv[2], writer_name="html5")',
      path.join(dir, 'docs/index.rst'),
      path.join(dir, 'docs/index.html'),
    ]);
    const [img] = imgsOf(fs.readFileSync(path.join(dir, 'docs/index.html'), 'utf8'));
    assert.ok(img, 'an <img> in the output');
    assert.equal(img.alt, ALT);
    assert.deepEqual(fileOf(path.join(dir, 'docs/index.html'), img.src), image);
  });

  it('Markdown (markdown-it): spaces, brackets and CJK in the path', () => {
    setUp('post.md', 'images/a (1) 东京.png', '', PLAIN_ALT);
    const html = markdownIt().render(fs.readFileSync(path.join(dir, 'post.md'), 'utf8'));
    const [img] = imgsOf(html);
    assert.equal(img.alt, PLAIN_ALT);
    assert.deepEqual(fileOf(path.join(dir, 'post.html'), img.src), image);
  });

  it('HTML: the <img> as written is what a browser reads', () => {
    setUp('site/index.html', 'site/img/a b#1.png');
    const [img] = imgsOf(fs.readFileSync(path.join(dir, 'site/index.html'), 'utf8'));
    assert.equal(img.alt, ALT);
    assert.deepEqual(fileOf(path.join(dir, 'site/index.html'), img.src), image);
  });
});
