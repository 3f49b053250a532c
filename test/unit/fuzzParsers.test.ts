// Property-based fuzzing of every parser of outside bytes: PNG chunks and iTXt, XMP packets,
// JPEG APP1 and WebP chunks (whole files and the head the hover reads), SSE events and streamed
// deltas, data URLs, the answer image finders of the three APIs, style.json and the webview's
// messages. Inputs are real files written by us and then mutated (bytes flipped, cut, chunks
// added with lying lengths, hostile text and character references inside), plus raw bytes and
// text. Each property: nothing but an ImageError escapes, every case ends in bounded time, and
// what reaches a user (an error's sentence, the hover) holds no link or markup from the input.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { LIMITS } from '../../shared/protocol';
import { webviewToHostSchema } from '../../shared/protocolSchema';
import { findImages, readableText, scanAnswer } from '../../src/core/apis/chat/findImages';
import { readStreamAnswer } from '../../src/core/apis/chat/readAnswer';
import { CompletionSchema, type Completion } from '../../src/core/apis/chat/responseSchema';
import { readImagesAnswer } from '../../src/core/apis/images/answer';
import { readResponsesJson, readResponsesStream } from '../../src/core/apis/responses/answer';
import type { OpenResponse } from '../../src/core/http/httpClient';
import { sseEvents } from '../../src/core/http/sseStream';
import { decodeCleanDataUrl, decodeDataUrl, decodeImageDataUrl, toDataUrl } from '../../src/core/images/dataUrl';
import { MAX_ANSWER_IMAGES, PROVENANCE_MAX_BYTES } from '../../src/core/limits';
import { embedProvenance, PNG_PROVENANCE_KEYWORD, readProvenance } from '../../src/core/publish/embedProvenance';
import { bytesSource, readImageHead } from '../../src/core/publish/imageHead';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { readJpegXmp, writeJpegXmp } from '../../src/core/publish/jpegXmp';
import { readPngText, removePngText, writePngText } from '../../src/core/publish/pngText';
import { buildProvenance, serializeProvenance } from '../../src/core/publish/provenance';
import { readWebpXmp, writeWebpXmp } from '../../src/core/publish/webpXmp';
import { provenanceFromXmp, xmpPacket } from '../../src/core/publish/xmpPacket';
import { MAX_STYLE_PROMPT_CHARS, MAX_STYLE_REFERENCES, parseStyle } from '../../src/core/style/workspaceStyle';
import { imageHoverMarkdown } from '../../src/core/text/imageHover';
import { describeError } from '../../src/vscode/errorMessages';
import { encodeJpeg, placeholderImage } from '../server/placeholderImage';
import { testCodecs } from '../support/codecs';
import {
  anyText,
  hostileJson,
  hostileText,
  onlyImageError,
  onlyImageErrorAsync,
  params,
  rawText,
  refused,
  timed,
  timedAsync,
} from '../support/fuzz';
import { compressedItxt, zlibBomb } from '../support/hostileImages';
import { markedAutolink, plainForms } from '../support/linkable';
import { samplePixels, samplePng } from '../support/sampleImage';
import { Secrets } from '../../src/core/text/secrets';

interface MdToken {
  type: string;
  content: string;
  children: MdToken[] | null;
  attrGet(name: string): string | null;
}
type MarkdownIt = (o?: object) => { parse(src: string, env: object): MdToken[]; linkify: { set(o: object): void } };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- markdown-it ships no type declarations; the part used is typed above
const makeMarkdownIt = require('markdown-it') as MarkdownIt;
const markdownIt = makeMarkdownIt({ html: true, linkify: true });
// As VS Code's marked: no link of a bare domain (`0.ga`); its `www.` and e-mail autolinks are
// checked on the source (markedAutolink) where a hover is judged.
markdownIt.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/** Every token VS Code's Markdown parser (linkify on) makes of `src`, images' alt text left out. */
function tokens(src: string): MdToken[] {
  const walk = (ts: readonly MdToken[]): MdToken[] =>
    ts.flatMap((t) => [t, ...(t.type === 'image' ? [] : walk(t.children ?? []))]);
  return walk(markdownIt.parse(src, {}));
}

/**
 * What a user reads of a refusal: one sentence with no link made of the input (a notification
 * renders `[text](https:|command:|file:…)` as a link and nothing else, as plainForms models it:
 * a server's `<b>` is shown as text).
 */
function assertCleanSentence(e: unknown): void {
  const { message } = describeError(e, { model: 'm', timeoutSeconds: 60, secrets: new Secrets('sk-secret') });
  assert.deepEqual(plainForms(message), [], `a link in ${JSON.stringify(message)}`);
}

/** The value, or the refusal checked: an ImageError with a clean sentence. */
function parsed<T>(fn: () => T): T | undefined {
  const out = onlyImageError(fn);
  if (refused(out)) {
    assertCleanSentence(out.refused);
    return undefined;
  }
  return out;
}

/** A string as it is once written to a file as UTF-8 and read back (lone surrogates become U+FFFD). */
const asUtf8 = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

const REFERENCES = [
  '&#99999999;',
  '&#x110000;',
  '&#xD800;',
  '&#xDFFF;',
  '&#0;',
  '&#;',
  '&#x;',
  '&#65;',
  '&#x1F3A8;',
  '&amp;',
  '&lt;',
  '&quot;',
  '&apos;',
  '&bogus;',
  '&#1234567890123456789;',
  '&#x7FFFFFFF;',
  '&',
];
/** Text with character references and XMP tag fragments mixed in. */
const xmpText = fc
  .array(
    fc.oneof(
      hostileText(8),
      fc.constantFrom(...REFERENCES),
      fc.constantFrom(
        '<geekai:provenance>',
        '</geekai:provenance>',
        ' geekai:provenance="',
        '"',
        '<?xpacket end="w"?>',
      ),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

const prompt = fc.oneof(anyText(40), xmpText);

/** A provenance record whose every text is hostile. */
const provenance = fc
  .record({ prompt, model: hostileText(12), revisedPrompt: fc.option(prompt, { nil: undefined }), option: anyText(10) })
  .map((r) =>
    buildProvenance({
      prompt: r.prompt,
      model: r.model,
      revisedPrompt: r.revisedPrompt,
      options: { style: r.option, n: 2, stream: true },
    }),
  );

/** Damage done to a file: bytes changed, cut short, or bytes inserted (chunks with lying lengths among them). */
type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const lyingChunk = fc
  .record({
    type: fc.oneof(
      fc.constantFrom('iTXt', 'IHDR', 'IDAT', 'IEND', 'tEXt', 'VP8X', 'XMP ', 'VP8 ', 'VP8L', 'ALPH', 'RIFF'),
      fc.string({ unit: 'binary-ascii', minLength: 4, maxLength: 4 }),
    ),
    length: fc.oneof(fc.constant(-1), fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff), fc.nat(100)),
    data: fc.uint8Array({ maxLength: 40 }),
  })
  .map(({ type, length, data }) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(length === -1 ? data.length : length >>> 0, 0);
    head.write(type.padEnd(4, ' ').slice(0, 4), 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]);
  });

const jpegSegment = fc
  .record({
    marker: fc.integer({ min: 0, max: 255 }),
    length: fc.oneof(fc.constant(-1), fc.constantFrom(0, 1, 2, 0xffff), fc.nat(64)),
    data: fc.uint8Array({ maxLength: 40 }),
  })
  .map(({ marker, length, data }) => {
    const out = Buffer.alloc(4 + data.length);
    out[0] = 0xff;
    out[1] = marker;
    out.writeUInt16BE(length === -1 ? data.length + 2 : length, 2);
    out.set(data, 4);
    return out;
  });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(lyingChunk, jpegSegment, fc.uint8Array({ maxLength: 16 })),
  }),
);

function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = Buffer.from(bytes);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = m.value;
    else if (m.kind === 'cut') b = b.subarray(0, at);
    else b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
  }
  return b;
}

/** The provenance a file gives both ways: read whole, and from the head the hover reads. */
async function readBothWays(bytes: Uint8Array): Promise<{ whole: unknown; head: unknown }> {
  const whole = timed(() => readProvenance(bytes));
  timed(() => imageHeaderSize(bytes));
  const head = await timedAsync(() => readImageHead(bytesSource(bytes)));
  timed(() => imageHeaderSize(head));
  return { whole, head: timed(() => readProvenance(head)) };
}

/** The hover over a file whose provenance is `p`: the picture and our command links, nothing from the file. */
function assertHoverClean(p: { prompt: string; model: string } | undefined): void {
  const md = imageHoverMarkdown({
    imageUri: 'https://file+.vscode-resource.vscode-cdn.net/ws/a.png',
    width: 8,
    height: 8,
    bytes: 100,
    prompt: p?.prompt,
    model: p?.model,
    actions: [{ label: 'Regenerate', tooltip: 'Again', command: 'geekaiImage.regenerateLinkedImage', args: [] }],
    words: { prompt: 'Prompt:', model: 'Model:', cost: 'Cost:', pixels: '{0} × {1} px', unknown: 'Unknown' },
  });
  const ts = tokens(md);
  assert.deepEqual(
    ts.filter((t) => t.type === 'link_open').map((t) => (t.attrGet('href') ?? '').split('?')[0]),
    ['command:geekaiImage.regenerateLinkedImage'],
  );
  assert.deepEqual(ts.filter((t) => t.type === 'image').length, 1);
  assert.deepEqual(
    ts.filter((t) => t.type.startsWith('html')).map((t) => t.content),
    [],
  );
  // Below the picture (whose own address marked reads as a link, not an autolink).
  assert.equal(
    markedAutolink(md.split('\n').slice(1).join('\n')),
    undefined,
    'no bare URL or e-mail address VS Code would link',
  );
}

describe('fuzz: image files (PNG chunks and iTXt, XMP, JPEG APP1, WebP chunks, the head)', function () {
  this.timeout(120_000);
  const png = samplePng(6, 4);
  const jpeg = encodeJpeg(placeholderImage('fuzz'));
  let webp: Uint8Array;
  before(async () => {
    webp = await (await testCodecs()).encode(samplePixels(6, 4), 'webp', 80);
  });

  it('any provenance written into PNG, JPEG and WebP reads back the same, whole and from the head, and its hover links nothing', async () => {
    await fc.assert(
      fc.asyncProperty(provenance, fc.constantFrom('png', 'jpeg', 'webp'), async (p, format) => {
        const image = format === 'png' ? png : format === 'jpeg' ? jpeg : webp;
        const made = timed(() => embedProvenance(image, p));
        assert.ok(made.embedded, 'embedded');
        const { whole, head } = await readBothWays(made.bytes);
        // What is written is UTF-8: a lone surrogate in a prompt reads back as U+FFFD.
        const expected = JSON.parse(asUtf8(serializeProvenance(made.provenance))) as unknown;
        assert.deepEqual(whole, expected);
        assert.deepEqual(head, expected);
        assertHoverClean(made.provenance);
      }),
      params(),
    );
  });

  it('mutated files (bytes flipped, cut, chunks and segments with lying lengths) give provenance or none, never a throw, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(
        provenance,
        fc.constantFrom('png', 'jpeg', 'webp'),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (p, format, ms) => {
          const image = format === 'png' ? png : format === 'jpeg' ? jpeg : webp;
          const made = embedProvenance(image, p);
          const bytes = mutate(made.bytes, ms);
          const { whole, head } = await readBothWays(bytes);
          for (const found of [whole, head]) if (found) assertHoverClean(found as { prompt: string; model: string });
          timed(() => readPngText(bytes, PNG_PROVENANCE_KEYWORD));
          timed(() => removePngText(bytes, PNG_PROVENANCE_KEYWORD));
          timed(() => writePngText(bytes, PNG_PROVENANCE_KEYWORD, 'x'));
          timed(() => readWebpXmp(bytes));
          timed(() => writeWebpXmp(bytes, 'x'));
          timed(() => readJpegXmp(bytes));
          timed(() => writeJpegXmp(bytes, 'x'));
        },
      ),
      params(),
    );
  });

  it('raw bytes behind each signature never throw from any reader', async () => {
    const signature = fc.constantFrom(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from([0xff, 0xd8, 0xff]),
      Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBP', 'latin1'),
      Buffer.from('GIF89a', 'latin1'),
      Buffer.alloc(0),
    );
    const body = fc
      .array(fc.oneof(lyingChunk, jpegSegment, fc.uint8Array({ maxLength: 32 })), { maxLength: 8 })
      .map((parts) => Buffer.concat(parts));
    await fc.assert(
      fc.asyncProperty(signature, body, async (sig, rest) => {
        const bytes = Buffer.concat([sig, rest]);
        await readBothWays(bytes);
        timed(() => readWebpXmp(bytes));
        timed(() => readJpegXmp(bytes));
      }),
      params(),
    );
  });

  it('compressed iTXt chunks of any zlib (bombs included) inflate to at most the limit, in bounded time', async () => {
    const zlib = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      prompt.map((t) => deflateSync(Buffer.from(t))),
      fc.integer({ min: 1, max: 40 }).map((k) => zlibBomb(k * 4096).bytes),
    );
    await fc.assert(
      fc.asyncProperty(zlib, async (z) => {
        const bytes = Buffer.from(png);
        const at = bytes.indexOf('IDAT', 8, 'latin1') - 4;
        const file = Buffer.concat([
          bytes.subarray(0, at),
          compressedItxt(PNG_PROVENANCE_KEYWORD, z),
          bytes.subarray(at),
        ]);
        const text = timed(() => readPngText(file, PNG_PROVENANCE_KEYWORD), 300);
        if (text !== undefined)
          assert.ok(
            Buffer.byteLength(text) <= PROVENANCE_MAX_BYTES * 3,
            'inflated at most the limit (replacement characters aside)',
          );
        await readBothWays(file);
      }),
      params(),
    );
  });

  it('provenanceFromXmp: any packet, references and tag soup included: a string or nothing, never a throw; our packets read back exactly', () => {
    fc.assert(
      fc.property(fc.oneof(xmpText, rawText(300)), prompt, (xmp, json) => {
        const found = timed(() => provenanceFromXmp(xmp));
        if (found !== undefined) assert.ok(found.length <= xmp.length);
        assert.equal(
          timed(() => provenanceFromXmp(xmpPacket(json, xmp))),
          json,
        );
      }),
      params(),
    );
  });
});

/** An OpenResponse over `chunks`, as the transport hands a 2xx body to the answer readers. */
function response(contentType: string, chunks: readonly Uint8Array[]): OpenResponse {
  let read = 0;
  return {
    status: 200,
    contentType,
    async *chunks() {
      for (const c of chunks) {
        read += c.length;
        yield c;
      }
    },
    text: async () => Buffer.concat(chunks).toString('utf8'),
    bytes: async () => Uint8Array.from(Buffer.concat(chunks)),
    bytesRead: () => read,
    close: () => undefined,
  };
}

/** `text` as UTF-8 bytes cut at `cuts` (inside characters too). */
function cutInto(text: string, cuts: readonly number[]): Uint8Array[] {
  const bytes = Buffer.from(text, 'utf8');
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of at) {
    out.push(bytes.subarray(from, c));
    from = c;
  }
  out.push(bytes.subarray(from));
  return out;
}

async function eventsOf(chunks: readonly Uint8Array[]): Promise<{ event?: string; data: string }[]> {
  const out: { event?: string; data: string }[] = [];
  for await (const e of sseEvents(
    (async function* () {
      yield* chunks;
    })(),
  ))
    out.push(e);
  return out;
}

const sseLine = fc.oneof(
  hostileJson().map((j) => `data: ${JSON.stringify(j)}`),
  fc
    .record({
      choices: fc.array(fc.record({ delta: fc.record({ content: fc.option(anyText(30)) }, { requiredKeys: [] }) }), {
        maxLength: 2,
      }),
    })
    .map((c) => `data: ${JSON.stringify(c)}`),
  anyText(20).map((t) => `data: ${t}`),
  fc.constantFrom(
    'data: [DONE]',
    'event: response.completed',
    'event: error',
    ': keep-alive',
    '',
    'data:',
    'retry: x',
    'id: 1',
  ),
  anyText(20),
);
const sseText = fc
  .record({ lines: fc.array(sseLine, { maxLength: 12 }), eol: fc.constantFrom('\n', '\r\n', '\r') })
  .map(({ lines, eol }) => lines.join(eol) + eol);

describe('fuzz: SSE, streamed deltas and answers', function () {
  this.timeout(120_000);

  it('sseEvents: any stream gives the same events however its bytes are cut (inside characters too), never a throw', async () => {
    await fc.assert(
      fc.asyncProperty(sseText, fc.array(fc.nat(), { maxLength: 6 }), async (text, cuts) => {
        const whole = await timedAsync(() => eventsOf([Buffer.from(text, 'utf8')]));
        const pieces = await timedAsync(() => eventsOf(cutInto(text, cuts)));
        assert.deepEqual(pieces, whole);
      }),
      params(),
    );
  });

  it('chat and Responses streams of any deltas and events: an answer or an ImageError with a clean sentence, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(sseText, fc.array(fc.nat(), { maxLength: 4 }), async (text, cuts) => {
        const chat = await timedAsync(() =>
          onlyImageErrorAsync(() =>
            readStreamAnswer(
              response('text/event-stream', cutInto(text, cuts)),
              new Secrets('sk-secret'),
              () => undefined,
            ),
          ),
        );
        if (refused(chat)) assertCleanSentence(chat.refused);
        else parsed(() => scanAnswer(chat.completions, chat.text));
        const responses = await timedAsync(() =>
          onlyImageErrorAsync(() =>
            readResponsesStream(
              response('text/event-stream', cutInto(text, cuts)),
              new Secrets(),
              () => undefined,
              () => undefined,
              'gateway.test',
            ),
          ),
        );
        if (refused(responses)) assertCleanSentence(responses.refused);
      }),
      params(),
    );
  });

  const completion: fc.Arbitrary<Completion> = hostileJson()
    .chain((extra) =>
      fc.record({
        choices: fc.array(
          fc.record({
            message: fc.record(
              {
                content: fc.oneof(
                  anyText(60),
                  fc.array(
                    fc.record({
                      type: fc.constantFrom('text', 'image_url'),
                      text: anyText(20),
                      image_url: fc.record({ url: anyText(30) }),
                    }),
                    { maxLength: 3 },
                  ),
                ),
                images: fc.array(fc.record({ image_url: fc.record({ url: anyText(30) }) }), { maxLength: 3 }),
              },
              { requiredKeys: [] },
            ),
          }),
          { maxLength: 2 },
        ),
        data: fc.array(fc.record({ url: anyText(30), b64_json: fc.option(anyText(20)) }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
        extra: fc.constant(extra),
      }),
    )
    .map((c) => {
      const r = CompletionSchema.safeParse(c);
      return r.success ? r.data : {};
    });

  const imageLinks = fc
    .array(
      fc.oneof(
        anyText(20),
        fc.nat(40).map((i) => `![x](https://img.example/${i}.png)`),
        fc.constantFrom(
          '![a](data:image/png;base64,iVBORw0KGgo=)',
          '![b](<https://img.example/a b.png>)',
          'https://img.example/bare.png',
        ),
      ),
      { maxLength: 30 },
    )
    .map((p) => p.join(' '));

  it('the answer image finders: any completion and text give at most the limit of images (or tooManyImages), readable words, never a throw', () => {
    fc.assert(
      fc.property(fc.array(completion, { maxLength: 3 }), fc.oneof(imageLinks, anyText(200)), (completions, text) => {
        const refs = timed(() => parsed(() => findImages(completions, text)));
        if (refs) {
          assert.ok(refs.length <= MAX_ANSWER_IMAGES);
          for (const r of refs) assert.ok(r.url.length > 0 && r.url === r.url.trim());
        }
        const scanned = timed(() => parsed(() => scanAnswer(completions, text)));
        if (scanned) assert.ok(scanned.withoutImages.length <= text.length);
        timed(() => readableText(text));
      }),
      params(),
    );
  });

  it('Images API and Responses JSON of any shape: an answer or an ImageError with a clean sentence', () => {
    const body = fc.oneof(
      hostileJson().map((j) => JSON.stringify(j)),
      fc
        .record(
          {
            data: fc.array(
              fc.record({ url: anyText(20), b64_json: anyText(20), revised_prompt: anyText(20) }, { requiredKeys: [] }),
              { maxLength: MAX_ANSWER_IMAGES + 3 },
            ),
            task_id: fc.option(anyText(8)),
            task_status: fc.option(fc.constantFrom('pending', 'failed', 'succeed', 'x')),
            error: fc.option(fc.record({ message: anyText(30), code: anyText(8) })),
          },
          { requiredKeys: [] },
        )
        .map((j) => JSON.stringify(j)),
      fc
        .record(
          {
            status: fc.option(fc.constantFrom('failed', 'completed', 'incomplete')),
            output: fc.array(
              fc.record(
                {
                  type: fc.constantFrom('image_generation_call', 'message'),
                  id: fc.option(anyText(6)),
                  result: anyText(20),
                  content: fc.array(fc.record({ text: anyText(20) }), { maxLength: 2 }),
                },
                { requiredKeys: [] },
              ),
              { maxLength: MAX_ANSWER_IMAGES + 3 },
            ),
            error: fc.option(fc.record({ message: anyText(30) })),
          },
          { requiredKeys: [] },
        )
        .map((j) => JSON.stringify(j)),
      anyText(60),
    );
    fc.assert(
      fc.property(body, (raw) => {
        const images = timed(() => parsed(() => readImagesAnswer(raw, new Secrets('sk-secret'))));
        if (images?.kind === 'images') assert.ok(images.images.length <= MAX_ANSWER_IMAGES);
        const responses = timed(() => parsed(() => readResponsesJson(raw, new Secrets('sk-secret'))));
        if (responses) assert.ok(responses.images.length <= MAX_ANSWER_IMAGES);
      }),
      params(),
    );
  });

  it('data URLs: any string decodes or not, never a throw; what decodes re-encodes to the same bytes', () => {
    const url = fc.oneof(
      anyText(60),
      fc
        .tuple(
          fc.constantFrom(
            'data:',
            'DATA:',
            'data:image/png',
            'data:image/png;base64',
            'data:;base64',
            'data:text/html;charset=utf-8;base64',
          ),
          fc.constantFrom(',', ';base64,', ''),
          fc.oneof(
            fc.base64String({ maxLength: 40 }),
            anyText(20),
            fc.base64String({ maxLength: 40 }).map((s) => s.replace(/(.{4})/g, '$1\n')),
          ),
        )
        .map(([a, b, c]) => `${a}${b}${c}`),
    );
    fc.assert(
      fc.property(url, fc.uint8Array({ maxLength: 64 }), (u, bytes) => {
        const d = timed(() => decodeDataUrl(u));
        if (d) assert.deepEqual(decodeDataUrl(toDataUrl(d.mime, d.bytes))?.bytes, d.bytes);
        timed(() => decodeCleanDataUrl(u));
        timed(() => decodeImageDataUrl(u));
        assert.deepEqual(
          decodeDataUrl(toDataUrl('image/png', bytes))?.bytes ?? new Uint8Array(0),
          bytes.length === 0 ? new Uint8Array(0) : bytes,
        );
      }),
      params(),
    );
  });
});

describe('fuzz: style.json and the webview messages', () => {
  it('parseStyle: any text or JSON is a style within its bounds or named problems, never a throw', () => {
    const style = fc.oneof(
      anyText(80),
      hostileJson().map((j) => JSON.stringify(j)),
      fc
        .record(
          {
            prompt: anyText(40),
            references: fc.array(
              fc.oneof(anyText(12), fc.constantFrom('../x.png', '/etc/passwd', 'a/../../b.png', 'ok.png', 'C:\\x.png')),
              { maxLength: 6 },
            ),
            model: anyText(12),
            aspectRatio: fc.constantFrom('16:9', '1:1', 'wide', ''),
            saveFormat: fc.constantFrom('webp', 'png', 'gif', 'keep'),
            extra: anyText(4),
          },
          { requiredKeys: [] },
        )
        .map((j) => JSON.stringify(j)),
    );
    fc.assert(
      fc.property(style, (text) => {
        const r = timed(() => parseStyle(text, '/ws/site'));
        if (r.ok) {
          assert.ok(r.style.references.length <= MAX_STYLE_REFERENCES);
          for (const ref of r.style.references) assert.ok(ref.startsWith('/ws/site/'), ref);
          assert.ok((r.style.prompt ?? '').length <= MAX_STYLE_PROMPT_CHARS);
        } else {
          assert.ok(r.problems.length > 0);
        }
      }),
      params(),
    );
  });

  it('webviewToHostSchema: any value is parsed or refused, never a throw; what passes is within LIMITS', () => {
    const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/), anyText(10));
    const message = fc.oneof(
      fc.anything(),
      fc.record(
        {
          type: fc.constantFrom(
            'generate',
            'cancel',
            'insert',
            'pasteImage',
            'dropUris',
            'loadMoreHistory',
            'describeModel',
            'ready',
            'nope',
          ),
          prompt: anyText(40),
          model: anyText(12),
          attachmentIds: fc.array(id, { maxLength: 20 }),
          jobId: id,
          resultId: id,
          image: fc.integer({ min: -2, max: 70 }),
          name: anyText(20),
          mime: fc.constantFrom('image/png', 'text/html'),
          base64: fc.oneof(fc.base64String({ maxLength: 40 }), anyText(10)),
          uris: fc.array(anyText(20), { maxLength: 40 }),
          offset: fc.integer(),
          variations: fc.integer({ min: -1, max: 9 }),
          aspectRatio: anyText(5),
          extra: anyText(4),
        },
        { requiredKeys: ['type'] },
      ),
    );
    fc.assert(
      fc.property(message, (m) => {
        const r = timed(() => webviewToHostSchema.safeParse(m));
        if (!r.success) return;
        const v = r.data;
        if (v.type === 'generate')
          assert.ok(
            v.prompt.length <= LIMITS.promptMessage &&
              v.attachmentIds.every((a) => /^[A-Za-z0-9_-]+$/.test(a) && a.length <= LIMITS.id),
          );
        if (v.type === 'dropUris')
          assert.ok(v.uris.length <= LIMITS.urisPerDrop && v.uris.every((u) => u.length <= LIMITS.uri));
        if (v.type === 'insert' && v.image !== undefined) assert.ok(v.image >= 0 && v.image < LIMITS.imagesPerResult);
        if (v.type === 'pasteImage') assert.ok(v.name.length <= LIMITS.fileName);
      }),
      params(),
    );
  });
});
