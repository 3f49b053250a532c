// File-name patterns (geekaiImage.fileName) that would give an empty, dot, reserved or
// path-like name: the generation goes ahead under a safe name inside the output folder.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { drive, finish, useEnv } from './support/entries';
import { badInputCase } from './support/tally';

describe('Reliability: file-name patterns that yield an empty, dot or reserved name', function () {
  this.timeout(15_000);
  const env = useEnv();

  const PATTERNS: [string, string][] = [
    ['   ', '2025-09-22-a-boat.png'],
    ['CON', 'CON_.png'],
    ['nul', 'nul_.png'],
    ['.', 'image.png'],
    ['..', 'image.png'],
    ['../../escape', 'escape.png'],
    ['${prompt}/../..', 'a-boat.png'],
  ];
  for (const [pattern, name] of PATTERNS) {
    badInputCase(`fileName "${pattern}": neutralised to images/${name}, nothing outside the folder`, async () => {
      const e = env();
      e.rig.settings.fileName = pattern;
      e.rig.seal();

      const out = await drive('command', e, 'a boat');

      assert.equal(out.error, undefined);
      assert.deepEqual(fs.readdirSync(path.join(e.rig.root, 'images')), [name]);
      finish(`fileName ${pattern}`, e, { saved: e.server.lastServedImages() });
    });
  }
});
