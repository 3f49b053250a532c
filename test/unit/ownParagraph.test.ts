import assert from 'node:assert/strict';
import { ownParagraphInsertion } from '../../src/core/text/ownParagraph';

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

  it('keeps the document\'s CRLF line breaks', () => {
    assert.equal(insertAt('Text|\r\nMore'), 'Text\r\n\r\n![b](y.png)\r\n\r\nMore');
  });

  it('puts the block after a line with text even when the cursor is at its start', () => {
    assert.equal(insertAt('|Text'), 'Text\n\n![b](y.png)');
  });
});
