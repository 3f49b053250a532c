// Hostile files and answers cost nothing: every parser of outside bytes stops at its limit
// (src/core/limits.ts), says so in one sentence and writes nothing. A repository's image whose
// provenance chunk is a deflate bomb, XMP with a character reference outside Unicode, a server
// answering 2 GB of JSON or an SSE line that never ends, an image announcing 60000 × 60000
// pixels, an answer naming thousands of images, a style file of megabytes: each through the real
// adapter against the test server, with time, memory, bytes read and bytes sent measured.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MAX_DECODE_PIXELS } from '../../shared/imageVocabulary';
import { toDataUrl } from '../../src/core/images/dataUrl';
import {
  ANSWER_MAX_BYTES,
  IMAGE_HEAD_MAX_BYTES,
  MAX_ANSWER_IMAGES,
  SSE_EVENT_MAX_CHARS,
  STYLE_FILE_MAX_BYTES,
} from '../../src/core/limits';
import type { Codecs } from '../../src/core/publish/codecs';
import { buildProvenance, serializeProvenance } from '../../src/core/publish/provenance';
import { writeJpegXmp } from '../../src/core/publish/jpegXmp';
import { writeWebpXmp } from '../../src/core/publish/webpXmp';
import { xmpPacket } from '../../src/core/publish/xmpPacket';
import { regenerateLinkedImageCommand } from '../../src/vscode/commands/linkedImageCommands';
import { linkHover } from '../../src/vscode/linkedImageHover';
import type { RecipeSources } from '../../src/vscode/imageRecipe';
import { encodeJpeg, placeholderImage } from '../server/placeholderImage';
import type { RecordedRequest } from '../server/recorder';
import { testCodecs } from '../support/codecs';
import { announcedPng, bombPng } from '../support/hostileImages';
import { samplePixels } from '../support/sampleImage';
import { assertUserMessage } from './support/checks';
import { chatRequests, drive, ENTRIES, finish, prepare, useEnv, type Env } from './support/entries';
import { hostileCase } from './support/tally';

const MiB = 1024 * 1024;

function sourcesOf(e: Env): RecipeSources {
  return { workspace: e.rig.ctx.workspace, historyEntry: async () => undefined };
}

/** A Markdown document linking `rel` (relative to docs/), open in the editor. */
function post(e: Env, text: string): vscode.Uri {
  const doc = e.rig.write('docs/post.md', text);
  e.rig.editors.text = text;
  return doc;
}

/** What was read of `file` through the workspace's file system: whole reads, and parts with their bytes. */
function readsOf(e: Env, file: string): { whole: number; partBytes: number } {
  let whole = 0;
  let partBytes = 0;
  for (const c of e.rig.fs.calls) {
    if (c === `readFile ${file}`) whole++;
    const part = /^readPart (.*) \d+ (\d+)$/.exec(c);
    if (part?.[1] === file) partBytes += Number(part[2]);
  }
  return { whole, partBytes };
}

/** The peak resident memory of this process so far, in MB (never goes down). */
const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

/** Once the client has dropped it, the server's count of what it sent is final. */
async function closedRequest(e: Env): Promise<RecordedRequest> {
  const rec = e.server.requests.find((r) => r.path.endsWith('/chat/completions'));
  assert.ok(rec, 'the chat request');
  for (let i = 0; i < 200 && !rec.closedByClient; i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(rec.closedByClient, 'the client closed the connection');
  return rec;
}

describe('Reliability: hostile files and answers stop at their limits', function () {
  this.timeout(60_000);
  const env = useEnv();

  hostileCase(
    'a 1 MB PNG whose provenance chunk inflates to 500 MB: the hover shows it at once, reads a few KB, inflates at most the limit; Regenerate says it does not know',
    async () => {
      const e = env();
      const bomb = bombPng();
      assert.equal(bomb.bytes.length, MiB);
      assert.ok(bomb.inflatesTo > 500 * 1000 * 1000, `inflates to ${bomb.inflatesTo}`);
      const file = e.rig.write('docs/images/bomb.png', bomb.bytes);
      const text = '# Post\n\n![a bomb](images/bomb.png)\n';
      const doc = post(e, text);
      e.rig.seal();

      const peakBefore = peakRssMb();
      const started = performance.now();
      const hover = await linkHover(sourcesOf(e), doc, text, text.indexOf('bomb'), {
        start: { line: 2, character: 4 },
      });
      const took = performance.now() - started;

      assert.ok(hover);
      assert.ok(took < 1000, `the hover took ${took.toFixed(0)} ms (unguarded: seconds, frozen)`);
      assert.ok(
        peakRssMb() - peakBefore < 64,
        `peak memory grew by ${(peakRssMb() - peakBefore).toFixed(0)} MB (unguarded: the 500 MB output)`,
      );
      assert.ok(hover.markdown.split('\n').includes('64 × 64 px · 1.0 MB'), hover.markdown);
      assert.match(hover.markdown, /\*No record of the prompt that made it\.\*/);
      assert.doesNotMatch(hover.markdown, /regenerateLinkedImage/);
      const read = readsOf(e, file.path);
      assert.equal(read.whole, 0, 'never read whole');
      assert.ok(
        read.partBytes > 500_000 && read.partBytes <= IMAGE_HEAD_MAX_BYTES,
        `read ${read.partBytes} bytes: the chunk, not the pixels or the padding`,
      );

      await regenerateLinkedImageCommand(e.rig.ctx, sourcesOf(e), doc, { start: { line: 2, character: 4 } });
      assert.ok(
        e.rig.ui.messages('info').some((m) => m.startsWith('bomb.png does not say how it was made')),
        JSON.stringify(e.rig.ui.shown),
      );
      assert.equal(e.server.requests.length, 0);
      finish('bomb PNG', e, { saved: [] });
    },
  );

  for (const format of ['JPEG', 'WebP'] as const) {
    hostileCase(
      `a ${format} whose XMP holds &#99999999;: the hover shows the prompt with U+FFFD in its place, and Regenerate draws it again`,
      async () => {
        const e = env();
        const p = buildProvenance({
          prompt: 'a kite MARK over the sea',
          model: 'gemini-2.5-flash-image',
          options: { stream: false },
        });
        // A crafted packet: the reference written raw inside our element, where an unguarded reader threw.
        const xmp = xmpPacket(serializeProvenance(p), p.prompt).replace(/MARK/g, '&#99999999;');
        const picture =
          format === 'JPEG'
            ? encodeJpeg(placeholderImage('xmp'))
            : await (await testCodecs()).encode(samplePixels(16, 16), 'webp', 80);
        const bytes = format === 'JPEG' ? writeJpegXmp(picture, xmp) : writeWebpXmp(picture, xmp);
        assert.ok(bytes);
        const ext = format === 'JPEG' ? 'jpg' : 'webp';
        e.rig.write(`docs/images/kite.${ext}`, Buffer.from(bytes));
        const text = `![kite](images/kite.${ext})\n`;
        const doc = post(e, text);
        e.rig.seal();

        const hover = await linkHover(sourcesOf(e), doc, text, 3, { start: { line: 0, character: 3 } });
        assert.ok(hover);
        assert.ok(hover.markdown.includes('**Prompt:** a kite \ufffd over the sea  '), hover.markdown);
        assert.match(hover.markdown, /regenerateLinkedImage/);

        e.rig.ui.picks.push((items) => items.find((i) => i.label.startsWith('Use ')));
        await regenerateLinkedImageCommand(e.rig.ctx, sourcesOf(e), doc, { start: { line: 0, character: 3 } });
        assert.match(
          e.rig.editors.text,
          /^!\[kite\]\(images\/2025-09-22-a-kite-over-the-sea\.png\)\n$/,
          'the link points at the new image',
        );
        const chats = e.server.requests.filter((r) => r.path.endsWith('/chat/completions'));
        assert.equal(chats.length, 1, JSON.stringify(e.rig.ui.shown));
        assert.match(JSON.stringify(chats[0].json), /a kite \ufffd over the sea/);
        finish(`XMP ${format}`, e, { saved: e.server.lastServedImages() });
      },
    );
  }

  for (const entry of ENTRIES) {
    hostileCase(
      `${entry}: a server answering 2 GB of JSON: the client stops at 128 MB, in seconds, with one sentence; nothing written`,
      async () => {
        const e = env();
        const prompt = 'an endless answer';
        prepare(e, prompt);
        e.server.enqueue({ kind: 'endlessBody', stream: false });

        const started = Date.now();
        const out = await drive(entry, e, prompt);
        const took = Date.now() - started;

        assertUserMessage(
          out.error?.message,
          /^The server's answer was larger than 128\.0 MB, so it was not read and nothing was saved\. Check geekaiImage\.baseUrl\.$/,
          e.key,
        );
        const rec = await closedRequest(e);
        assert.ok((rec.bytesSent ?? 0) > ANSWER_MAX_BYTES, 'the client read up to the limit');
        assert.ok(
          (rec.bytesSent ?? 0) < ANSWER_MAX_BYTES + 64 * MiB,
          `the server sent ${rec.bytesSent} bytes of 2 GiB before the client stopped`,
        );
        assert.ok(took < 20_000, `took ${took} ms`);
        assert.equal(chatRequests(e.server), 1, 'not retried');
        finish(`endless JSON ${entry}`, e, { saved: [] });
      },
    );

    hostileCase(
      `${entry}: a streamed answer whose one SSE line never ends: the parser stops at 128 MB, with one sentence; nothing written`,
      async () => {
        const e = env();
        const prompt = 'an endless line';
        prepare(e, prompt);
        e.server.enqueue({ kind: 'endlessBody', stream: true });

        const started = Date.now();
        const out = await drive(entry, e, prompt, { model: 'gpt-4o-image' });
        const took = Date.now() - started;

        assertUserMessage(
          out.error?.message,
          /^The server streamed one event larger than 128\.0 MB, so the answer was not read and nothing was saved\. Check geekaiImage\.baseUrl\.$/,
          e.key,
        );
        const rec = await closedRequest(e);
        assert.ok((rec.bytesSent ?? 0) > SSE_EVENT_MAX_CHARS, 'read up to the event limit');
        assert.ok(
          (rec.bytesSent ?? 0) < SSE_EVENT_MAX_CHARS + 64 * MiB,
          `the server sent ${rec.bytesSent} bytes before the client stopped`,
        );
        assert.ok(took < 20_000, `took ${took} ms`);
        assert.equal(chatRequests(e.server), 1, 'not retried');
        finish(`endless SSE line ${entry}`, e, { saved: [] });
      },
    );
  }

  hostileCase(
    'an answer naming 5000 different images: refused with one sentence, none fetched, nothing written',
    async () => {
      const e = env();
      const prompt = 'thousands of images';
      prepare(e, prompt);
      const links = Array.from({ length: 5000 }, (_, i) => `![${i}](${e.server.origin}/files/many_${i}.png)`).join(
        '\n',
      );
      e.server.enqueue({ kind: 'text', text: links });

      const out = await drive('command', e, prompt);

      assertUserMessage(
        out.error?.message,
        new RegExp(
          `^The server's answer named more than ${MAX_ANSWER_IMAGES} images, so none were saved\\. Check geekaiImage\\.baseUrl\\.$`,
        ),
        e.key,
      );
      // Only the model list the job priced itself by: no image.
      assert.deepEqual(
        e.server.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/v1/models')).map((r) => r.path),
        [],
        'no image fetched',
      );
      assert.equal(chatRequests(e.server), 1, 'not asked again with the remedies');
      finish('thousands of images', e, { saved: [] });
    },
  );

  hostileCase('a style file of 5 MB: refused unread with one sentence before anything is sent', async () => {
    const e = env();
    const prompt = 'a huge style';
    prepare(e, prompt);
    e.rig.write('.geekai/style.json', JSON.stringify({ prompt: 'x'.repeat(5 * MiB) }));
    e.rig.seal();

    const out = await drive('command', e, prompt);

    assertUserMessage(
      out.error?.message,
      new RegExp(
        `^\\.geekai/style\\.json is larger than ${STYLE_FILE_MAX_BYTES / 1024} KB, so it was not read; nothing was sent\\.$`,
      ),
      e.key,
    );
    assert.equal(e.server.requests.length, 0);
    assert.ok(!e.rig.fs.calls.includes(`readFile ${path.join(e.rig.root, '.geekai/style.json')}`), 'not read');
    finish('huge style', e, { saved: [] });
  });
});

describe('Reliability: an image announcing 60000 × 60000 pixels is never decoded', function () {
  this.timeout(30_000);
  let loads = 0;
  const codecs = (): Promise<Codecs> => {
    loads++;
    return testCodecs();
  };
  const env = useEnv({ codecs });

  for (const entry of ENTRIES) {
    hostileCase(
      `${entry}: a WebP conversion of it is not tried: saved as the server sent it, with its size in one sentence`,
      async () => {
        const e = env();
        loads = 0;
        const prompt = 'a pixel bomb';
        prepare(e, prompt);
        e.rig.settings.saveFormat = 'webp';
        const bomb = announcedPng(60000, 60000);
        assert.ok(60000 * 60000 > MAX_DECODE_PIXELS);
        e.server.enqueue({ kind: 'imageAt', url: toDataUrl('image/png', bomb) });

        const out = await drive(entry, e, prompt);

        if (entry === 'command') {
          assertUserMessage(
            out.error?.message,
            /^The image is 60000 × 60000 pixels, more than the 40 million that are converted; it was saved as the server sent it\.$/,
            e.key,
          );
        } else {
          assert.deepEqual(e.rig.ui.messages('warn'), [
            'The image is 60000 × 60000 pixels, more than the 40 million that are converted; it was saved as the server sent it.',
          ]);
        }
        assert.equal(loads, 0, 'no codec was even loaded');
        assert.ok(
          e.rig.log.text().includes('60000 × 60000 pixels is more than 40000000 to decode'),
          'the log says why',
        );
        finish(`pixel bomb ${entry}`, e, { saved: [bomb] });
      },
    );
  }
});
