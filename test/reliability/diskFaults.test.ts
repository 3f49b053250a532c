// The workspace file system refuses or races: a read-only folder, a full disk mid-write, and
// a file that appears at the target name between naming and writing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertUserMessage } from './support/checks';
import { defaultTarget, drive, ENTRIES, finish, prepare, useEnv, type Env } from './support/entries';
import { entryLabel } from './support/failureCases';
import { faultCase } from './support/tally';

const REFUSED =
  /^Could not save the image in \/\S+\/(images|pictures): the file system refused the write\. Check that the folder is writable and has free space, then try again\.$/;

interface DiskCase {
  title: string;
  model?: string;
  arm: (e: Env) => void;
}

const CASES: DiskCase[] = [
  {
    title: 'a read-only output folder (writes and renames refused)',
    arm: (e) => {
      e.rig.fs.refuse.add('writeFile').add('rename').add('createDirectory');
    },
  },
  {
    title: 'an output folder that cannot be created',
    arm: (e) => {
      e.rig.settings.outputFolder = 'generated/pictures';
      e.rig.fs.refuse.add('createDirectory');
    },
  },
  {
    title: 'the disk fills up in the middle of writing the image',
    arm: (e) => {
      e.rig.fs.failWriteAfter = 0;
    },
  },
  {
    title: 'the disk fills up on the third of four images (the two saved are removed)',
    model: 'midjourney-chat',
    arm: (e) => {
      e.rig.fs.failWriteAfter = 2;
    },
  },
];

describe('Reliability: the workspace file system refuses or races', function () {
  this.timeout(15_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    describe(`through the ${entryLabel(entry)}`, () => {
      for (const c of CASES) {
        faultCase(`${c.title}: a clear message, nothing partial or stray left`, async () => {
          const e = env();
          const prompt = `disk ${c.title}`;
          prepare(e, prompt);
          c.arm(e);

          const out = await drive(entry, e, prompt, { model: c.model });

          assertUserMessage(out.error?.message, REFUSED, e.key);
          finish(c.title, e, { saved: [] });
        });
      }

      faultCase(
        'a file appears at the target name between naming and writing: it is kept, the result takes the next name',
        async () => {
          const e = env();
          const prompt = 'racing another writer';
          prepare(e, prompt);
          const racer = defaultTarget(prompt).replace('.png', '-1.png');
          let raced = false;
          e.rig.fs.beforeRename = async () => {
            if (raced) return;
            raced = true;
            fs.writeFileSync(path.join(e.rig.root, racer), 'another program wrote this first');
            e.rig.before.files.set(racer, Buffer.from('another program wrote this first'));
          };

          const out = await drive(entry, e, prompt);

          assert.equal(out.error, undefined);
          assert.ok(fs.existsSync(path.join(e.rig.root, defaultTarget(prompt).replace('.png', '-2.png'))));
          finish('target appears', e, { saved: e.server.lastServedImages() });
        },
      );
    });
  }
});
