// Bad input through every entry point (the Generate and Edit commands, the Studio panel):
// prompts, files, settings. Each is refused with a clear message before any request and
// changes nothing on disk, or, where the input is usable once cleaned (control characters,
// a reserved file name), is neutralised and can do no harm.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateCommand } from '../../src/vscode/commands/generate';
import { encodePng } from '../support/png';
import { assertUserMessage } from './support/checks';
import {
  chatRequests,
  drive,
  ENTRIES,
  finish,
  useEnv,
  type Env,
  type EntryName,
  type Outcome,
} from './support/entries';
import { BAD_BASE_URL, TOO_LONG } from './support/inputMessages';
import { STRINGS } from './support/studioRig';
import { badInputCase } from './support/tally';

const PNG = encodePng({ width: 4, height: 4, channels: 3, data: Buffer.alloc(48, 90) });

/** Refused: the message, no request, and the disk exactly as before (not even a new folder). */
function assertRefused(e: Env, out: Outcome, message: RegExp, where: string): void {
  assertUserMessage(out.error?.message, message, e.key);
  assert.equal(chatRequests(e.server), 0, 'nothing was sent');
  finish(where, e, { saved: [], noNewFolders: true });
}

interface InputCase {
  title: string;
  prompt?: string;
  setup?: (e: Env) => void;
  /** Reference files (relative to the root) for an edit; created by `setup`. */
  references?: string[];
  model?: string;
  message: RegExp | Record<EntryName, RegExp>;
}

const BAD_FOLDER = (pattern: string): RegExp =>
  new RegExp(
    `^The setting geekaiImage\\.outputFolder \\("${pattern.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}"\\) is not a usable folder inside the workspace\\.$`,
  );

const setting =
  (key: 'outputFolder' | 'baseUrl', value: string) =>
  (e: Env): void => {
    e.rig.settings[key] = value;
  };

const REFUSED: InputCase[] = [
  { title: 'a 100 000-character prompt', prompt: 'x'.repeat(100_000), message: TOO_LONG },
  {
    title: 'a non-image file renamed .png',
    references: ['photos/fake.png'],
    setup: (e) => void e.rig.write('photos/fake.png', '<html><body>not an image</body></html>'),
    message: /^fake\.png is not a PNG, JPEG, WebP or GIF image\.$/,
  },
  {
    title: 'a 0-byte image',
    references: ['photos/empty.png'],
    setup: (e) => void e.rig.write('photos/empty.png', ''),
    message: /^empty\.png is empty \(0 bytes\)\.$/,
  },
  {
    title: 'an image over the 20 MB limit',
    references: ['photos/huge.png'],
    setup: (e) => {
      e.rig.write('photos/huge.png', PNG);
      fs.truncateSync(path.join(e.rig.root, 'photos/huge.png'), 21 * 1024 * 1024);
    },
    message: /^huge\.png is too large \(21\.0 MB; the limit is 20\.0 MB\)\.$/,
  },
  {
    title: 'a folder named like an image',
    references: ['album.png'],
    setup: (e) => fs.mkdirSync(path.join(e.rig.root, 'album.png')),
    message: /^album\.png is a folder, not an image\.$/,
  },
  {
    title: 'a file deleted after it was chosen',
    references: ['photos/gone.png'],
    setup: (e) => {
      e.rig.write('photos/keep.txt', 'so the folder exists');
    },
    message: /^gone\.png no longer exists\.$/,
  },
  {
    title: 'a reference the file system will not read',
    references: ['photos/locked.png'],
    setup: (e) => {
      e.rig.write('photos/locked.png', PNG);
      e.rig.fs.refuse.add('readFile');
    },
    message: /^Could not read locked\.png\. Check that the file is readable, then try again\.$/,
  },
  {
    title: 'output folder ../../outside',
    setup: setting('outputFolder', '../../outside'),
    message:
      /^The folder \.\.\/\.\.\/outside is outside the workspace \(through "\.\." or a symbolic link\); images are only saved inside it\.$/,
  },
  {
    title: 'output folder as an absolute path',
    setup: setting('outputFolder', '/etc/images'),
    message: BAD_FOLDER('/etc/images'),
  },
  { title: 'output folder ~', setup: setting('outputFolder', '~'), message: BAD_FOLDER('~') },
  {
    title: 'output folder ~/Pictures',
    setup: setting('outputFolder', '~/Pictures'),
    message: BAD_FOLDER('~/Pictures'),
  },
  {
    title: 'output folder with a Windows drive',
    setup: setting('outputFolder', 'C:\\images'),
    message: BAD_FOLDER('C:\\images'),
  },
  {
    title: 'output folder with illegal file-name characters',
    setup: setting('outputFolder', 'images/a<b>|c?'),
    message: BAD_FOLDER('images/a<b>|c?'),
  },
  { title: 'a base URL that is not a URL', setup: setting('baseUrl', 'geekai dot co'), message: BAD_BASE_URL },
  { title: 'a file: base URL', setup: setting('baseUrl', 'file:///etc/passwd'), message: BAD_BASE_URL },
  {
    title: 'a base URL with credentials in it',
    setup: setting('baseUrl', 'https://user:hunter2@geekai.co/api/v1'),
    message: BAD_BASE_URL,
  },
  {
    title: 'a model id with spaces',
    model: 'gpt 4o image',
    message: {
      command: /^"gpt 4o image" is not a valid model id \(no spaces or special characters\)\.$/,
      studio: new RegExp(`^${STRINGS.invalidModel.replace(/[.+()]/g, '\\$&')}$`),
    },
  },
];

describe('Reliability: bad input is refused before anything is sent or written', function () {
  this.timeout(15_000);
  const env = useEnv();

  for (const entry of ENTRIES) {
    describe(`through the ${entry === 'command' ? 'Generate / Edit commands' : 'Studio panel'}`, () => {
      for (const c of REFUSED) {
        badInputCase(`${c.title}: refused with a clear message, nothing sent, nothing changed`, async () => {
          const e = env();
          const prompt = c.prompt ?? `bad input ${c.title}`;
          e.rig.write('notes/post.md', '# Notes\n');
          c.setup?.(e);
          e.rig.seal();
          const references = c.references?.map((r) => e.rig.uri(r));

          const out = await drive(entry, e, prompt, { model: c.model, references });

          assertRefused(e, out, c.message instanceof RegExp ? c.message : c.message[entry], c.title);
        });
      }

      badInputCase('a whitespace-only prompt: refused with a clear message', async () => {
        const e = env();
        e.rig.seal();
        if (entry === 'command') {
          e.rig.ui.inputs.push('   \n\t ');
          await generateCommand(e.rig.ctx);
          // The input box will not take it, and says why.
          assertUserMessage(e.rig.ui.asked[0].validate?.('   \n\t '), /^Describe the image first\.$/);
          assert.equal(e.rig.ui.shown.length, 0);
          finish('whitespace prompt', e, { saved: [], noNewFolders: true });
          assert.equal(chatRequests(e.server), 0);
          return;
        }
        const out = await drive(entry, e, '   \n\t ');
        assertRefused(e, out, /^Describe the image first: the prompt is empty\.$/, 'whitespace prompt');
      });

      badInputCase(
        'a prompt with control characters: they are stripped before sending, naming and linking',
        async () => {
          const e = env();
          const prompt = 'a red\u0000 fox\u0007 in\u001b[31m snow\u009b\u007f';
          e.rig.seal();

          const out = await drive(entry, e, prompt);

          assert.equal(out.error, undefined);
          const chat = e.server.requests.find((r) => r.path.endsWith('/chat/completions'));
          const sent = JSON.stringify(chat?.json);
          // eslint-disable-next-line no-control-regex -- looking for control characters is the point
          const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
          assert.doesNotMatch(
            (JSON.parse(sent) as { messages: { content: string }[] }).messages.at(-1)?.content as string,
            control,
            'no control character was sent',
          );
          const added = fs.readdirSync(path.join(e.rig.root, 'images'));
          assert.deepEqual(added, ['2025-09-22-a-red-fox-in-31m-snow.png']);
          if (entry === 'command')
            assert.doesNotMatch(e.rig.ui.clipboard, control, 'no control character in the Markdown link');
          finish('control characters', e, { saved: e.server.lastServedImages() });
        },
      );

      badInputCase('a folder (not named like an image) passed to Edit: refused', async () => {
        const e = env();
        fs.mkdirSync(path.join(e.rig.root, 'photos'));
        e.rig.seal();
        const out = await drive(entry, e, 'edit a folder', { references: [e.rig.uri('photos')] });
        const expected =
          entry === 'command'
            ? /^Select PNG, JPEG, WebP or GIF images to edit\.$/
            : new RegExp(`^${STRINGS.outsideWorkspace.replace(/[.+()]/g, '\\$&')}$`);
        assertRefused(e, out, expected, 'folder to Edit');
      });
    });
  }
});
