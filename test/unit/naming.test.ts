import assert from 'node:assert/strict';
import {
  DEFAULT_FILE_NAME,
  DEFAULT_OUTPUT_FOLDER,
  buildFileBaseNames,
  capGraphemes,
  isReservedName,
  resolveOutputFolder,
  sanitizeBaseName,
  slugify,
} from '../../src/core/files/naming';
import { ImageError } from '../../src/core/errors';

// Local time, as the patterns use it: 2025-01-02 03:04:05.006.
const NOW = new Date(2025, 0, 2, 3, 4, 5, 6);
const WS = '/home/me/proj';
const DOC = '/home/me/proj/docs/My Notes.md';

function invalid(reason: string) {
  return (e: unknown): boolean => e instanceof ImageError && e.kind === 'invalidInput' && e.reason === reason;
}

function names(pattern: string, extra: Partial<Parameters<typeof buildFileBaseNames>[0]> = {}): string[] {
  return buildFileBaseNames({ pattern, prompt: 'A cat', model: 'gpt-image-1', now: NOW, count: 1, ...extra });
}

describe('naming', () => {
  describe('slugify', () => {
    it('keeps Chinese and other scripts as they are', () => {
      assert.equal(slugify('画一只可爱的小猫'), '画一只可爱的小猫');
      assert.equal(slugify('画一只可爱的小猫，白色背景。'), '画一只可爱的小猫-白色背景');
      assert.equal(slugify('東京の夜景'), '東京の夜景');
      assert.equal(slugify('Кот в шляпе'), 'кот-в-шляпе');
      assert.equal(slugify('नमस्ते दुनिया'), 'नमस्ते-दुनिया');
    });

    it('lower-cases, collapses whitespace and punctuation, trims dashes', () => {
      assert.equal(slugify('  A Cute   CAT!!! (4K) '), 'a-cute-cat-4k');
      assert.equal(slugify('Café au lait'), 'café-au-lait');
      assert.equal(slugify("don't stop"), 'dont-stop');
      assert.equal(slugify('line1\nline2\ttab'), 'line1-line2-tab');
      assert.equal(slugify('a/b\\c:d*e?f'), 'a-b-c-d-e-f');
    });

    it('composes decomposed accents (macOS input)', () => {
      assert.equal(slugify('Cafe\u0301'), 'caf\u00e9');
    });

    it('falls back to `image` when nothing is left', () => {
      assert.equal(slugify(''), 'image');
      assert.equal(slugify('!!! ??? ...'), 'image');
      assert.equal(slugify('🐱🐶'), 'image');
    });

    it('caps at 40 characters without a trailing dash', () => {
      assert.equal(slugify('x'.repeat(50)), 'x'.repeat(40));
      assert.equal(slugify(`${'a'.repeat(39)} bcd`), 'a'.repeat(39));
      const cjk = '猫'.repeat(45);
      assert.equal(slugify(cjk), '猫'.repeat(40));
    });

    it('never splits a surrogate pair', () => {
      const s = slugify('𠀀'.repeat(41)); // CJK Extension B: two UTF-16 units each
      assert.equal(s, '𠀀'.repeat(40));
      assert.equal(s.length, 80);
      assert.equal(Buffer.from(s).toString(), s); // no lone surrogate became U+FFFD
    });
  });

  describe('capGraphemes', () => {
    it('counts emoji sequences and combining marks as one character', () => {
      assert.equal(capGraphemes('👨‍👩‍👧x', 1), '👨‍👩‍👧');
      assert.equal(capGraphemes('e\u0301e', 1), 'e\u0301');
      assert.equal(capGraphemes('abc', 5), 'abc');
    });
  });

  describe('sanitizeBaseName', () => {
    it('removes characters file systems refuse', () => {
      assert.equal(sanitizeBaseName('a<b>c:d"e/f\\g|h?i*j'), 'abcdefghij');
      assert.equal(sanitizeBaseName('tab\there\u0000nul\u007f'), 'tabherenul');
    });

    it('removes bidi overrides that could fake an extension', () => {
      assert.equal(sanitizeBaseName('cat\u202Egnp.exe'), 'catgnp.exe');
    });

    it('trims leading dots and spaces, trailing dots and spaces', () => {
      assert.equal(sanitizeBaseName('  ..hidden cat. . '), 'hidden cat');
      assert.equal(sanitizeBaseName('name...'), 'name');
    });

    it('falls back to `image` for empty, `.` and `..`', () => {
      for (const n of ['', '.', '..', '   ', '<>|', '\u0001'])
        assert.equal(sanitizeBaseName(n), 'image', JSON.stringify(n));
    });

    it('renames Windows reserved names, any case, with or without extension', () => {
      assert.equal(sanitizeBaseName('CON'), 'CON_');
      assert.equal(sanitizeBaseName('nul'), 'nul_');
      assert.equal(sanitizeBaseName('Aux.png'), 'Aux_.png');
      assert.equal(sanitizeBaseName('com1'), 'com1_');
      assert.equal(sanitizeBaseName('LPT9.tar.gz'), 'LPT9_.tar.gz');
      assert.equal(sanitizeBaseName('prn .txt'), 'prn_.txt');
      assert.equal(sanitizeBaseName('COM¹'), 'COM¹_');
      // Not reserved: longer stems.
      assert.equal(sanitizeBaseName('console'), 'console');
      assert.equal(sanitizeBaseName('com10'), 'com10');
      assert.equal(sanitizeBaseName('nul-1'), 'nul-1');
    });

    it('caps at 120 UTF-16 units on a character boundary', () => {
      assert.equal(sanitizeBaseName('a'.repeat(200)), 'a'.repeat(120));
      const emoji = sanitizeBaseName(`${'a'.repeat(119)}😀`);
      assert.equal(emoji, 'a'.repeat(119));
    });

    it('caps at 180 UTF-8 bytes so CJK names fit in 255-byte file systems', () => {
      const s = sanitizeBaseName('猫'.repeat(100));
      assert.equal(s, '猫'.repeat(60));
      assert.equal(Buffer.byteLength(s), 180);
    });

    it('leaves room for a suffix when asked', () => {
      assert.equal(sanitizeBaseName('a'.repeat(200), 2), 'a'.repeat(118));
    });

    it('flags reserved names via isReservedName', () => {
      assert.equal(isReservedName('con.png'), true);
      assert.equal(isReservedName('Con'), true);
      assert.equal(isReservedName('icon.png'), false);
    });
  });

  describe('buildFileBaseNames', () => {
    it('uses `${date}-${prompt}` by default, in local time', () => {
      assert.equal(DEFAULT_FILE_NAME, '${date}-${prompt}');
      assert.deepEqual(names(DEFAULT_FILE_NAME, { prompt: '画一只可爱的小猫' }), ['2025-01-02-画一只可爱的小猫']);
      assert.deepEqual(names('', { prompt: 'A cute cat' }), ['2025-01-02-a-cute-cat']);
    });

    it('expands every variable', () => {
      const pattern = '${date}_${time}_${timestamp}_${model}_${documentName}_${index}_${prompt}';
      assert.deepEqual(names(pattern, { documentPath: DOC, model: 'gemini-2.5-flash-image' }), [
        `2025-01-02_030405_${NOW.getTime()}_gemini-2-5-flash-image_My Notes_1_a-cat`,
      ]);
    });

    it('uses `image` for ${documentName} without a document', () => {
      assert.deepEqual(names('${documentName}-${prompt}'), ['image-a-cat']);
    });

    it('sanitises a document name used in the file name', () => {
      assert.deepEqual(names('${documentName}', { documentPath: '/ws/con.md' }), ['con_']);
    });

    it('uses ${index} when present, even for one image', () => {
      assert.deepEqual(names('${prompt}-${index}'), ['a-cat-1']);
      assert.deepEqual(names('img${index}-${prompt}', { count: 3 }), ['img1-a-cat', 'img2-a-cat', 'img3-a-cat']);
    });

    it('appends -1, -2, … to every name when several images and no ${index}', () => {
      assert.deepEqual(names(DEFAULT_FILE_NAME, { count: 3 }), [
        '2025-01-02-a-cat-1',
        '2025-01-02-a-cat-2',
        '2025-01-02-a-cat-3',
      ]);
      assert.deepEqual(names(DEFAULT_FILE_NAME, { count: 1 }), ['2025-01-02-a-cat']);
      assert.deepEqual(names(DEFAULT_FILE_NAME, { count: 0 }), []);
    });

    it('keeps the index suffix when the name is capped', () => {
      const [first, second] = names('${prompt}' + 'x'.repeat(200), { count: 2 });
      assert.equal(first, `a-cat${'x'.repeat(113)}-1`);
      assert.equal(second?.length, 120);
      assert.ok(second?.endsWith('-2'));
    });

    it('leaves unknown variables as written', () => {
      assert.deepEqual(names('${nope}-${prompt}'), ['${nope}-a-cat']);
    });

    it('strips illegal characters from pattern text and never throws', () => {
      assert.deepEqual(names('a:b/c\\${prompt}'), ['abca-cat']);
      assert.deepEqual(names('..'), ['image']);
      assert.deepEqual(names('CON'), ['CON_']);
      assert.deepEqual(names('nul', { count: 2 }), ['nul_-1', 'nul_-2']);
      assert.deepEqual(names('  '), ['2025-01-02-a-cat']);
    });

    it('falls back to `image` for a prompt with no letters', () => {
      assert.deepEqual(names('${prompt}', { prompt: '???' }), ['image']);
    });

    it('pads months, days and times', () => {
      const late = new Date(2025, 11, 31, 23, 59, 9);
      assert.deepEqual(names('${date} ${time}', { now: late }), ['2025-12-31 235909']);
    });
  });

  describe('resolveOutputFolder', () => {
    const resolve = (pattern: string, documentPath?: string, workspaceRoot = WS): string =>
      resolveOutputFolder({ pattern, workspaceRoot, documentPath, now: NOW });

    it('defaults to an images folder next to the document', () => {
      assert.equal(DEFAULT_OUTPUT_FOLDER, '${documentDir}/images');
      assert.equal(resolve(DEFAULT_OUTPUT_FOLDER, DOC), '/home/me/proj/docs/images');
      assert.equal(resolve('', DOC), '/home/me/proj/docs/images');
    });

    it('falls back to the workspace root for ${documentDir} without a document', () => {
      assert.equal(resolve('${documentDir}/images'), '/home/me/proj/images');
    });

    it('expands ${workspaceFolder}, ${documentName} and the date variables', () => {
      assert.equal(
        resolve('${workspaceFolder}/assets/${year}/${month}/${day}', DOC),
        '/home/me/proj/assets/2025/01/02',
      );
      assert.equal(resolve('${documentDir}/${documentName}-${date}', DOC), '/home/me/proj/docs/My Notes-2025-01-02');
      assert.equal(resolve('img/${documentName}'), '/home/me/proj/img/image');
      assert.equal(resolve('${workspaceFolder}'), '/home/me/proj');
    });

    it('reads a pattern without a leading variable as relative to the workspace root', () => {
      assert.equal(resolve('images', DOC), '/home/me/proj/images');
      assert.equal(resolve('./media/图片/', DOC), '/home/me/proj/media/图片');
      assert.equal(resolve('a\\b', DOC), '/home/me/proj/a/b');
    });

    it('allows `..` that stays inside the workspace', () => {
      assert.equal(resolve('${documentDir}/../shared images', DOC), '/home/me/proj/shared images');
    });

    it('works with Windows drive paths from the variables', () => {
      const win = '/c:/Users/me/proj';
      assert.equal(resolve('${documentDir}/images', `${win}/docs/a.md`, win), '/c:/Users/me/proj/docs/images');
      assert.equal(resolve('${workspaceFolder}/img', undefined, win), '/c:/Users/me/proj/img');
    });

    it('throws escapesWorkspace when the folder leaves the workspace', () => {
      assert.throws(() => resolve('../outside', DOC), invalid('escapesWorkspace'));
      assert.throws(() => resolve('${workspaceFolder}/../x', DOC), invalid('escapesWorkspace'));
      assert.throws(() => resolve('${documentDir}/../../x', DOC), invalid('escapesWorkspace'));
      assert.throws(() => resolve('a/..\\..\\..\\x', DOC), invalid('escapesWorkspace'));
      // The document itself lives outside the workspace.
      assert.throws(() => resolve('${documentDir}/images', '/tmp/elsewhere.md'), invalid('escapesWorkspace'));
      assert.throws(() => resolve('${documentDir}/images', '/home/me/project2/a.md'), invalid('escapesWorkspace'));
    });

    it('throws badOutputFolder for absolute paths and ~', () => {
      for (const p of ['/etc', '\\etc', 'C:\\images', 'c:/images', 'd:images', '~', '~/images', '\\\\server\\share']) {
        assert.throws(() => resolve(p, DOC), invalid('badOutputFolder'), p);
      }
    });

    it('throws badOutputFolder for illegal characters in a segment', () => {
      for (const p of ['images:x', 'a/b<c', 'what?', 'st*r', 'a|b', 'q"q', 'tab\there', '${documentDir}/x:y']) {
        assert.throws(() => resolve(p, DOC), invalid('badOutputFolder'), p);
      }
    });

    it('throws badOutputFolder for reserved names, unknown or misplaced variables and glued text', () => {
      for (const p of [
        'images/CON',
        'nul.x/a',
        '${nope}/x',
        'a/${workspaceFolder}',
        'x${documentDir}',
        '${documentDir}images',
        '${time}',
      ]) {
        assert.throws(() => resolve(p, DOC), invalid('badOutputFolder'), p);
      }
    });

    it('keeps the pattern in params', () => {
      try {
        resolve('/abs', DOC);
        assert.fail('should throw');
      } catch (e) {
        assert.ok(e instanceof ImageError);
        assert.deepEqual(e.params, { pattern: '/abs' });
      }
    });
  });
});
