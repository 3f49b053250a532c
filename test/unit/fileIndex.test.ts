// docs/files.md is made from the code (scripts/fileIndex.js): it must be the index of the tree as
// it is, and every product file must open with a comment saying what it holds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without type declarations, run by npm too
const { fileIndex, OUT } = require(path.join(ROOT, 'scripts/fileIndex.js')) as {
  fileIndex: () => { text: string; silent: string[] };
  OUT: string;
};

describe('docs/files.md (the file index made from the code)', () => {
  const made = fileIndex();

  it('is what npm run docs:files makes of the tree today', () => {
    assert.ok(
      made.text === fs.readFileSync(OUT, 'utf8'),
      'docs/files.md is out of date: run `npm run docs:files` and commit it',
    );
  });

  it('names every product file, each with what it holds', () => {
    assert.deepEqual(made.silent, [], 'these files do not open with a comment saying what they hold');
    for (const file of [
      'src/core/imageType.ts',
      'src/studio/studioBackend.ts',
      'shared/protocol.ts',
      'media/webview/maskEditor.ts',
    ]) {
      const row = made.text.split('\n').find((l) => l.startsWith(`| \`${path.posix.basename(file)}\` |`));
      assert.ok(
        row && row.length > `| \`${path.posix.basename(file)}\` |  |`.length,
        `${file} has a row with its description`,
      );
    }
  });
});
