import assert from 'node:assert/strict';
import { isInside, joinInside, looksAbsolute, relativePosix } from '../../src/core/files/paths';
import { ImageError } from '../../src/core/errors';

function escapes(e: unknown): boolean {
  return e instanceof ImageError && e.kind === 'invalidInput' && e.reason === 'escapesWorkspace';
}

describe('paths', () => {
  describe('isInside', () => {
    it('accepts the folder itself and anything below it', () => {
      assert.equal(isInside('/ws', '/ws'), true);
      assert.equal(isInside('/ws/', '/ws'), true);
      assert.equal(isInside('/ws', '/ws/a/b.png'), true);
      assert.equal(isInside('/ws', '/ws/a/../b.png'), true);
      assert.equal(isInside('/', '/anything'), true);
      assert.equal(isInside('/c:/Users/me/proj', '/c:/Users/me/proj/docs/images'), true);
    });

    it('refuses siblings that share a prefix, parents and `..` escapes', () => {
      assert.equal(isInside('/ws', '/ws2/a.png'), false);
      assert.equal(isInside('/ws', '/wsa'), false);
      assert.equal(isInside('/ws/a', '/ws'), false);
      assert.equal(isInside('/ws', '/ws/../etc/passwd'), false);
      assert.equal(isInside('/ws', '/ws/a/../../x'), false);
      assert.equal(isInside('/c:/proj', '/c:/proj/../other'), false);
      assert.equal(isInside('/c:/proj', '/d:/proj'), false);
    });

    it('is case-sensitive', () => {
      assert.equal(isInside('/ws/Docs', '/ws/docs/a.png'), false);
    });

    it('refuses relative paths', () => {
      assert.equal(isInside('/ws', 'ws/a'), false);
      assert.equal(isInside('ws', '/ws/a'), false);
    });

    it('treats a backslash as a separator when that would escape', () => {
      assert.equal(isInside('/ws', '/ws/a\\..\\..\\etc'), false);
      assert.equal(isInside('/ws', '/ws/..\\x'), false);
      // Inside only when read with `\` as a separator: still refused.
      assert.equal(isInside('/ws', '/x\\..\\ws/y'), false);
      assert.equal(isInside('/ws', '/ws/a\\b.png'), true);
    });
  });

  describe('relativePosix', () => {
    it('gives forward-slash relative paths, with `..` when needed', () => {
      assert.equal(relativePosix('/ws/docs', '/ws/docs/images/a.png'), 'images/a.png');
      assert.equal(relativePosix('/ws/docs/', '/ws/docs/a.png'), 'a.png');
      assert.equal(relativePosix('/ws/docs/deep', '/ws/images/a.png'), '../../images/a.png');
      assert.equal(relativePosix('/c:/p/docs', '/c:/p/images/猫 (1).png'), '../images/猫 (1).png');
    });

    it('returns the absolute path across Windows drives', () => {
      assert.equal(relativePosix('/c:/p/docs', '/d:/q/a.png'), '/d:/q/a.png');
    });
  });

  describe('looksAbsolute', () => {
    it('flags every absolute or home-relative form', () => {
      for (const p of ['/x', '\\x', '\\\\server\\share', 'C:\\x', 'c:/x', 'c:x', '~', '~/x', '~\\x', '~bob/x']) {
        assert.equal(looksAbsolute(p), true, p);
      }
      for (const p of ['x', 'a/b', './a', '../a', 'a~b', 'images/~']) assert.equal(looksAbsolute(p), false, p);
    });
  });

  describe('joinInside', () => {
    it('joins and normalises inside the root', () => {
      assert.equal(joinInside('/ws', 'images'), '/ws/images');
      assert.equal(joinInside('/ws', 'a/./b/../c/'), '/ws/a/c');
      assert.equal(joinInside('/ws', ''), '/ws');
      assert.equal(joinInside('/ws', 'a/..'), '/ws');
      assert.equal(joinInside('/ws', 'a\\b'), '/ws/a/b');
      assert.equal(joinInside('/c:/Users/me/proj', '图片/猫'), '/c:/Users/me/proj/图片/猫');
    });

    it('throws escapesWorkspace for `..` escapes, also through backslashes', () => {
      for (const rel of ['..', '../x', 'a/../../x', 'a\\..\\..\\x', '..\\x', 'a/b/../../../ws2']) {
        assert.throws(() => joinInside('/ws', rel), escapes, rel);
      }
    });

    it('throws escapesWorkspace for absolute, drive and home paths', () => {
      for (const rel of [
        '/x',
        '/ws/inside-but-absolute',
        'C:\\x',
        'c:/x',
        'c:x',
        '\\x',
        '\\\\srv\\share',
        '~',
        '~/x',
      ]) {
        assert.throws(() => joinInside('/ws', rel), escapes, rel);
      }
    });

    it('puts the offending input in params', () => {
      try {
        joinInside('/ws', '../secret');
        assert.fail('should throw');
      } catch (e) {
        assert.ok(e instanceof ImageError);
        assert.deepEqual(e.params, { path: '../secret' });
      }
    });
  });
});
