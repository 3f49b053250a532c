import assert from 'node:assert/strict';
import { isMd045, mayMissAlt } from '../../src/core/text/markdownHints';
import { linksMissingAlt } from '../../src/core/text/missingAlt';
import { offsetOfPosition } from '../../src/core/text/textPosition';

describe('image links without alt text (MD045)', () => {
  const doc = '![](a.png) ![ok](b.png)\n\n`![](code.png)`\n\n![ ](<c d.png> "t")\n\n![](geekai:16:9)\n';

  it('finds empty and blank alt texts, not code, not placeholders, only in the lines asked about', () => {
    assert.deepEqual(
      linksMissingAlt(doc, 0, doc.length).map((l) => l.target),
      ['a.png', 'c d.png'],
    );
    const third = doc.indexOf('![ ]');
    assert.deepEqual(
      linksMissingAlt(doc, third, third + 3).map((l) => l.target),
      ['c d.png'],
    );
    assert.deepEqual(linksMissingAlt(doc, doc.indexOf('`'), doc.indexOf('`') + 5), []);
  });

  it('a cheap look that never misses one the parser finds', () => {
    assert.equal(mayMissAlt('text ![](x.png)'), true);
    assert.equal(mayMissAlt('text ![  ](x.png)'), true);
    assert.equal(mayMissAlt('text ![alt](x.png)'), false);
  });

  it("knows markdownlint's MD045 by its code in either form, or by its message", () => {
    assert.equal(isMd045('MD045', ''), true);
    assert.equal(isMd045({ value: 'MD045', target: {} }, ''), true);
    assert.equal(isMd045(undefined, 'MD045/no-alt-text: Images should have alternate text (alt text)'), true);
    assert.equal(isMd045('MD013', 'MD013/line-length'), false);
  });
});

describe('offsetOfPosition', () => {
  it('counts UTF-16 units per line, CRLF included, clamped', () => {
    const t = '第一行\r\nab\ncd';
    assert.equal(offsetOfPosition(t, { line: 0, character: 2 }), 2);
    assert.equal(offsetOfPosition(t, { line: 1, character: 1 }), 6);
    assert.equal(offsetOfPosition(t, { line: 1, character: 99 }), 7);
    assert.equal(offsetOfPosition(t, { line: 2, character: 2 }), 10);
    assert.equal(offsetOfPosition(t, { line: 9, character: 0 }), t.length);
  });
});
