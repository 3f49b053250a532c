// The lean response path must find, cut and decode exactly what the plain regex pass and the
// careful decoder did: these compare the fast paths with those oracles on the tricky cases.
import assert from 'node:assert/strict';
import { findImages, imagesInMarkdown, readableText, scanAnswer } from '../../src/core/apis/chat/findImages';
import { readStreamAnswer } from '../../src/core/apis/chat/readAnswer';
import { decodeCleanDataUrl, decodeDataUrl } from '../../src/core/images/dataUrl';
import type { OpenResponse } from '../../src/core/http/httpClient';
import { encodePng } from '../support/png';
import { Secrets } from '../../src/core/text/secrets';

// The Markdown image pattern as it was applied to the whole text before the fast path existed.
const ORACLE =
  /!\[[^\]\n]*\]\(\s*(?:<([^<>\n]+)>|([^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;

const PNG = encodePng({ width: 3, height: 2, channels: 3, data: Buffer.alloc(18, 200) });
const B64 = PNG.toString('base64');
const DATA = `data:image/png;base64,${B64}`;

const TRICKY = [
  `好的 ![](${DATA})\n完成`,
  `![a](${DATA} "title") and ![b](${DATA})`,
  `![a](<${DATA}>)`,
  `![a](data:image/png;base64,QU(JD)x) after`,
  `![a](data:image/png;base64,QU JD)`,
  `![a](data:image/png;base64,${B64.slice(0, 20)}\n${B64.slice(20)})`,
  `![a](data:image/png;base64,ab-_)`,
  `![a](data:image/png;base64,)`,
  `![a](data:image/png,rawtext)`,
  `![a](data:image/png;base64,${B64}`,
  `![a](data:image(png);base64,${B64})`,
  `![x] ![y](https://x.example/a_(1).png) ![z](${DATA})`,
  `![a](DATA:IMAGE/PNG;BASE64,${B64})`,
  `![a](data:image/png;base64,QUJD==)![b](data:image/png;base64,QU==JD)`,
  `no image here, only data:image/png;base64,${B64} in passing`,
];

describe('lean response path', () => {
  it('finds the same Markdown images and leaves the same text as one regex pass over the whole answer', () => {
    for (const text of TRICKY) {
      const expected = Array.from(text.matchAll(ORACLE), (m) => m[1] ?? m[2]);
      assert.deepEqual(imagesInMarkdown(text), expected, text);
      assert.equal(scanAnswer([], text).withoutImages, text.replace(ORACLE, ''), text);
    }
  });

  it('hands on the data URLs it decoded while scanning, with the bytes the careful decoder gives', () => {
    const text = `![a](${DATA})\n![b](https://x.example/b.png)\n![c](<data:image/png;name=c;base64,${B64}>)`;
    const scanned = scanAnswer([], text);
    assert.deepEqual(
      scanned.refs.map((r) => r.url),
      findImages([], text).map((r) => r.url),
    );
    assert.deepEqual([...scanned.decoded.keys()], [DATA]);
    assert.deepEqual(Buffer.from(scanned.decoded.get(DATA)?.bytes ?? []), PNG);
    // The angle-bracket form takes the regex path and is decoded later, when it is fetched.
    assert.equal(scanned.refs.length, 3);
    assert.equal(readableText(text), '');
  });

  it('decodes clean base64 on the fast path and leaves everything else to the careful one', () => {
    assert.deepEqual(Buffer.from(decodeCleanDataUrl(DATA)?.bytes ?? []), PNG);
    const wrapped = `data:image/png;base64,${B64.replace(/(.{16})/g, '$1\n')}`;
    assert.equal(decodeCleanDataUrl(wrapped), undefined);
    assert.deepEqual(Buffer.from(decodeDataUrl(wrapped)?.bytes ?? []), PNG);
    // Node's decoder takes the URL-safe alphabet and skips junk; a data URL may hold neither.
    for (const bad of ['ab-_', 'QUJD=', 'QU==QUJD', 'QUJ\u00e9', 'QU%2BD', 'QUJD===']) {
      assert.equal(decodeCleanDataUrl(`data:image/png;base64,${bad}`), undefined, bad);
      assert.equal(decodeDataUrl(`data:image/png;base64,${bad}`), undefined, bad);
    }
  });

  it('still follows a status line whose middle arrives in a delta with no marker', async () => {
    const events = ['> 进度 **5', '7', '%**\n', 'plain words', '![x](https://x.example/a.png)']
      .map((content) => `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`)
      .concat('data: [DONE]\n\n');
    const res: OpenResponse = {
      status: 200,
      contentType: 'text/event-stream',
      async *chunks() {
        for (const e of events) yield new TextEncoder().encode(e);
      },
      text: () => Promise.resolve(events.join('')),
      bytes: () => Promise.resolve(new TextEncoder().encode(events.join(''))),
      bytesRead: () => 0,
      close: () => undefined,
    };
    const seen: Array<[number | undefined, string | undefined]> = [];
    await readStreamAnswer(res, new Secrets(), (p) => seen.push([p.percent, p.status]));
    assert.deepEqual(seen, [
      [undefined, '进度 5'],
      [undefined, '进度 57'],
      [57, '进度 57%'],
    ]);
  });
});
