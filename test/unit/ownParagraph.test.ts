import assert from 'node:assert/strict';
import { editorInsertion, ownParagraphInsertion, type InsertWhere } from '../../src/core/text/ownParagraph';

const LINK = '![b](y.png)';

/** Inserts at the `|` in `doc` and returns the result. */
function insertAt(doc: string, block = LINK): string {
  const at = doc.indexOf('|');
  const text = doc.replace('|', '');
  const ins = ownParagraphInsertion(text, at, block);
  assert.equal(ins.text.slice(ins.blockStart, ins.blockStart + block.length), block);
  return text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
}

describe('ownParagraphInsertion', () => {
  it('never glues a second link to the first at the end of a line', () => {
    assert.equal(insertAt('![a](x.png)|'), '![a](x.png)\n\n![b](y.png)');
  });

  it('goes after a line of text, with blank lines around it', () => {
    assert.equal(insertAt('Some te|xt here.\nNext line.'), 'Some text here.\n\n![b](y.png)\n\nNext line.');
  });

  it('goes on an empty line as it is, adding only the blank lines that are missing', () => {
    assert.equal(insertAt('Para.\n\n|\n\nMore.'), 'Para.\n\n![b](y.png)\n\nMore.');
    assert.equal(insertAt('Para.\n|\nMore.'), 'Para.\n\n![b](y.png)\n\nMore.');
    assert.equal(insertAt('|'), '![b](y.png)');
    assert.equal(insertAt('Para.\n|'), 'Para.\n\n![b](y.png)');
  });

  it('needs no blank line after a heading', () => {
    assert.equal(insertAt('# Title|'), '# Title\n![b](y.png)');
    assert.equal(insertAt('## 标题\n|'), '## 标题\n![b](y.png)');
  });

  it("keeps the document's CRLF line breaks", () => {
    assert.equal(insertAt('Text|\r\nMore'), 'Text\r\n\r\n![b](y.png)\r\n\r\nMore');
  });

  it('puts the block after a line with text even when the cursor is at its start', () => {
    assert.equal(insertAt('|Text'), 'Text\n\n![b](y.png)');
  });
});

describe('editorInsertion', () => {
  const apply = (doc: string, cursor: number, where: InsertWhere, md: string): string => {
    const ins = editorInsertion(doc, cursor, where, md);
    return doc.slice(0, ins.offset) + ins.text + doc.slice(ins.offset);
  };

  it("puts the link after the cursor's line of text, never glued to the link before it", () => {
    const doc = 'Intro ![a](x.png)\nNext.';
    assert.equal(
      apply(doc, 'Intro ![a](x.png)'.length, { at: 'cursor' }, LINK),
      'Intro ![a](x.png)\n\n![b](y.png)\n\nNext.',
    );
  });

  it('goes below the given line, whatever the cursor', () => {
    assert.equal(
      apply('A fox\nnext line\nlast', 0, { at: 'belowLine', line: 1 }, LINK),
      'A fox\nnext line\n\n![b](y.png)\n\nlast',
    );
    assert.equal(apply('only', 2, { at: 'belowLine', line: 9 }, LINK), 'only\n\n![b](y.png)');
  });

  it("writes several lines of Markdown in the document's CRLF line breaks", () => {
    assert.equal(
      apply('Text\r\n', 2, { at: 'cursor' }, '![a](x.png)\n![b](y.png)'),
      'Text\r\n\r\n![a](x.png)\r\n![b](y.png)\r\n',
    );
  });
});
