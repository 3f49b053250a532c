import assert from 'node:assert/strict';
import { findPlaceholderAgain, findPlaceholders, parsePlaceholderTarget } from '../../src/core/text/placeholders';
import { mayHavePlaceholder } from '../../src/core/text/markdownHints';
import { relocateProblems } from '../../src/core/text/placeholderProblems';

describe('placeholders', () => {
  it('reads the bare scheme, an aspect ratio and query options', () => {
    assert.deepEqual(parsePlaceholderTarget('geekai:'), { options: {}, problems: [] });
    assert.deepEqual(parsePlaceholderTarget('geekai:16:9'), { options: { aspectRatio: '16:9' }, problems: [] });
    assert.deepEqual(parsePlaceholderTarget('GeekAI:3:2?model=gpt-4o-image&size=2k'), {
      options: { aspectRatio: '3:2', model: 'gpt-4o-image', imageSize: '2K' },
      problems: [],
    });
    assert.deepEqual(parsePlaceholderTarget('geekai:?ratio=1:1'), { options: { aspectRatio: '1:1' }, problems: [] });
  });

  it('is undefined for other targets', () => {
    assert.equal(parsePlaceholderTarget('images/a.png'), undefined);
    assert.equal(parsePlaceholderTarget('https://geekai.co/x.png'), undefined);
  });

  it('reports each bad option with its value', () => {
    assert.deepEqual(parsePlaceholderTarget('geekai:wide?model=bad model&size=8K&colour=red')?.problems, [
      { reason: 'badAspectRatio', value: 'wide' },
      { reason: 'badModel', value: 'bad model' },
      { reason: 'badSize', value: '8K' },
      { reason: 'unknownOption', value: 'colour' },
    ]);
    assert.deepEqual(parsePlaceholderTarget('geekai:0:9')?.problems, [{ reason: 'badAspectRatio', value: '0:9' }]);
  });

  it('finds placeholders in a document with their prompts, in order, and nothing else', () => {
    const doc = [
      '# 博客',
      '',
      '![a red kite over a grey sea](geekai:)',
      '',
      '![一只\\*橙色\\*的猫](geekai:16:9 "cover")',
      '',
      '![done](images/done.png)',
      '',
      '`![code](geekai:)`',
      '',
      '![](geekai:)',
    ].join('\n');
    const found = findPlaceholders(doc);
    assert.deepEqual(
      found.map((p) => [p.prompt, p.options, p.problems.map((x) => x.reason)]),
      [
        ['a red kite over a grey sea', {}, []],
        ['一只*橙色*的猫', { aspectRatio: '16:9' }, []],
        ['', {}, ['emptyPrompt']],
      ],
    );
    assert.equal(
      doc.slice(found[1]?.link.span.start, found[1]?.link.span.end),
      '![一只\\*橙色\\*的猫](geekai:16:9 "cover")',
    );
  });
});

describe('findPlaceholderAgain', () => {
  it('finds a placeholder again after an earlier link changed length, and not one already replaced', () => {
    const before = 'A\n\n![kite](geekai:)\n\n![sea](geekai:16:9)\n\n![kite](geekai:)';
    const [first, second, third] = findPlaceholders(before);
    assert.ok(first && second && third);
    const after = before.replace('![kite](geekai:)', '![kite](images/2025-09-22-kite.png)');
    assert.equal(findPlaceholderAgain(after, second, before)?.prompt, 'sea');
    const again = findPlaceholderAgain(after, third, before);
    assert.ok(again && again.link.span.start > after.indexOf('![sea]'), 'the later kite, the earlier one is gone');
    const allDone = after.replace('![kite](geekai:)', '![kite](k.png)');
    assert.equal(findPlaceholderAgain(allDone, third, before), undefined);
  });
});

describe('placeholder problems as the document changes', () => {
  const before = 'Intro.\n\n![a kite](geekai:wide)\n\n![b](geekai:)\n';
  const span = (t: string, s: string) => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length });
  const problems = [{ span: span(before, '![a kite](geekai:wide)'), message: 'bad ratio' }];

  it('follows its placeholder when text is typed around it', () => {
    const after = `# New title\n\n${before}`;
    assert.deepEqual(relocateProblems(before, after, problems), [
      { span: span(after, '![a kite](geekai:wide)'), message: 'bad ratio' },
    ]);
  });

  it('is cleared once its placeholder is fixed or removed', () => {
    assert.deepEqual(relocateProblems(before, before.replace('geekai:wide', 'geekai:16:9'), problems), []);
    assert.deepEqual(relocateProblems(before, 'Intro.\n\n![b](geekai:)\n', problems), []);
  });

  it('the parse-free look finds every placeholder form', () => {
    for (const t of ['![x](geekai:)', '![x]( <GEEKAI:16:9> )', '![x](geekai:?ratio=3:2 "t")'])
      assert.equal(mayHavePlaceholder(t), true, t);
    assert.equal(mayHavePlaceholder('![x](geek.png) geekai: is a scheme'), false);
  });
});
