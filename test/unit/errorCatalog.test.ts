// Every reason of every kind in core's ErrorCatalog has its own sentence. The compiler holds the
// two lists together: SAMPLES below must name each catalog entry with the values it carries
// (as errorMessages.ts's table must have a sentence for it), so a new reason fails `tsc` here
// until it has a sample, and this test then fails until its sentence reads well.
import assert from 'node:assert/strict';
import { ImageError, serverCode, type CatalogEntry, type ErrorCatalog, type ErrorKind } from '../../src/core/errors';
import { UnsavedImagesError } from '../../src/core/job/unsavedImages';
import { actionLabel, describeError } from '../../src/vscode/errorMessages';
import { Secrets } from '../../src/core/text/secrets';

type Samples = { [K in ErrorKind]: { [C in CatalogEntry<K>]: ErrorCatalog[K][C] } };

const HOST = { host: 'gateway.test:8443' };
const PROXY = { proxy: 'http://proxy.test:3128', host: 'gateway.test:8443' };
const URL_ = { url: 'https://cdn.test/cat.png' };
const FILE = { path: '/ws/docs/images/cat.png' };

const SAMPLES: Samples = {
  auth: { missingKey: {}, originNotApproved: { origin: 'https://other.test', host: 'other.test' }, other: {} },
  payment: { other: { balance: 0.37, estimate: 0.6, estimateApproximate: 1 } },
  forbidden: { other: {} },
  notFound: { other: {} },
  tooLarge: { other: { name: 'cat.png', size: 30 * 1024 * 1024 } },
  badRequest: {
    unsupportedParameter: { param: 'background', model: 'flux-2-pro', api: 'images' },
    modelNotOnApi: { model: 'gpt-image-1', api: 'chat', suggested: 'images' },
    other: {},
  },
  moderation: { other: {} },
  rateLimit: { other: {} },
  quota: { other: {} },
  server: { taskFailed: { task: 't9', status: 'failed' }, other: {} },
  network: {
    refused: HOST,
    dns: HOST,
    tls: HOST,
    closedMidBody: HOST,
    closedBeforeHeaders: HOST,
    proxyRefused: PROXY,
    proxyNotFound: PROXY,
    proxyTimeout: PROXY,
    proxyAuth: PROXY,
    proxyStatus: { ...PROXY, status: 502 },
    proxyTls: PROXY,
    proxyFailed: PROXY,
    other: HOST,
  },
  timeout: { total: HOST, headers: HOST, idle: HOST, connect: HOST, task: { task: 't9' }, other: {} },
  cancelled: { spendingLimit: {}, other: {} },
  badResponse: {
    notJson: {},
    wrongShape: {},
    inlineError: {},
    noAltText: { model: 'gpt-4.1-mini' },
    answerTooLarge: { limit: 64 * 1024 * 1024 },
    eventTooLarge: { limit: 16 * 1024 * 1024 },
    tooManyImages: { limit: 64 },
    other: {},
  },
  noImage: { other: {} },
  download: {
    empty: URL_,
    notAnImage: URL_,
    tooLarge: { ...URL_, limit: 50 * 1024 * 1024 },
    redirects: URL_,
    badScheme: { url: 'ftp://cdn.test/cat.png', scheme: 'ftp:' },
    badUrl: { url: 'not a url' },
    httpStatus: { ...URL_, status: 404 },
    badDataUrl: { url: 'data:image/png;base64…' },
    holdsKey: URL_,
    timeout: URL_,
    network: URL_,
    privateAddress: { url: 'http://10.0.0.7/cat.png', address: '10.0.0.7' },
    insecureRedirect: { url: 'http://cdn.test/cat.png' },
    other: URL_,
  },
  invalidInput: {
    emptyPrompt: {},
    promptTooLong: { length: 40_000, limit: 32_000 },
    badBaseUrl: { value: 'ftp://gateway.test' },
    badModel: { value: 'gpt image' },
    badOutputFolder: { pattern: '../images' },
    escapesWorkspace: { path: '../outside', access: 'write' },
    missingFile: { name: 'cat.png' },
    notAFile: { name: 'cats' },
    emptyImage: { name: 'cat.png' },
    imageTooLarge: { name: 'cat.png', size: 30 * 1024 * 1024, limit: 20 * 1024 * 1024 },
    notAnImage: { name: 'notes.txt' },
    noFolder: {},
    namesMismatch: {},
    badExtension: { ext: 'p/ng' },
    badFileName: { name: '.hidden' },
    badProxy: {},
    maskUnsupported: {},
    maskWithoutImage: {},
    maskNotPng: {},
    maskSizeMismatch: { name: 'cat.png', mask: '512x512', image: '1024x1024' },
    editsUnsupported: { model: 'dall-e-3' },
    tooManyReferences: { count: 5, limit: 4 },
    outsideRoot: { path: '../secret.md' },
    emptyPath: {},
    notMarkdown: { path: 'notes.txt' },
    missingMarkdown: { path: 'gone.md' },
    notLocalImage: { target: 'https://cdn.test/cat.png' },
    badStyle: {
      file: '.geekai/style.json',
      field: 'quality',
      problem: 'badField',
      path: '/ws/.geekai/style.json',
      offset: 12,
    },
    other: {},
  },
  fs: {
    statFailed: FILE,
    readFailed: FILE,
    writeFailed: FILE,
    createFolderFailed: { path: '/ws/docs/images' },
    renameFailed: FILE,
    noFreeName: FILE,
    saveFailed: { path: '/ws/docs/images' },
    other: FILE,
  },
};

const CTX = { model: 'gpt-image-1', timeoutSeconds: 120, secrets: new Secrets() };

/** The sentences that say nothing of what went wrong: the fallbacks for what the catalog does not know. */
const GENERIC = [/^Something went wrong/, /^The input was not usable\.$/];

/** The error the catalog entry `entry` of `kind` stands for, with the sample values. */
function sample(kind: ErrorKind, entry: string, params: object): ImageError {
  // Built from the catalog's own names at run time: the constructor's types check literal
  // reasons at their call sites, which a loop over the catalog cannot be.
  const Build = ImageError as unknown as new (kind: ErrorKind, message: string, init: object) => ImageError;
  return new Build(kind, `sample ${kind}/${entry}`, {
    reason: entry === 'other' ? undefined : entry,
    params,
    detail: 'upstream said no',
  });
}

function entries(): { kind: ErrorKind; entry: string; params: object }[] {
  return Object.entries(SAMPLES).flatMap(([kind, byEntry]) =>
    Object.entries(byEntry as Record<string, object>).map(([entry, params]) => ({
      kind: kind as ErrorKind,
      entry,
      params,
    })),
  );
}

/** A sentence that reads well: no value missing from it, no placeholder left in it. */
function assertWellFormed(message: string, what: string): void {
  assert.ok(message.trim().length > 10, `${what}: "${message}"`);
  assert.doesNotMatch(message, /undefined|NaN|null|\[object /, `${what}: "${message}"`);
  assert.doesNotMatch(message, /\{\d+\}/, `${what}: a placeholder left in "${message}"`);
  assert.doesNotMatch(message, /""|“”|\(\s*\)|\s[.,;:](\s|$)|\s{2}/, `${what}: an empty value in "${message}"`);
}

describe('the error catalog and its sentences', () => {
  it('has every kind and every catalog entry in the samples (the compiler checks their values)', () => {
    const kinds = Object.keys(SAMPLES).sort();
    assert.deepEqual(kinds, [
      'auth',
      'badRequest',
      'badResponse',
      'cancelled',
      'download',
      'forbidden',
      'fs',
      'invalidInput',
      'moderation',
      'network',
      'noImage',
      'notFound',
      'payment',
      'quota',
      'rateLimit',
      'server',
      'timeout',
      'tooLarge',
    ]);
  });

  for (const { kind, entry, params } of entries()) {
    it(`${kind} / ${entry}: a sentence of its own, every value in place, buttons with labels`, () => {
      const view = describeError(sample(kind, entry, params), CTX);
      const what = `${kind}/${entry}`;
      assert.equal(view.kind, kind);
      assertWellFormed(view.message, what);
      for (const generic of GENERIC)
        if (entry !== 'other' || kind !== 'invalidInput') assert.doesNotMatch(view.message, generic, what);
      for (const a of view.actions) assert.ok(actionLabel(a, view).length > 0, `${what}: ${a}`);
    });
  }

  it('names the values a reason carries in its sentence', () => {
    const say = (kind: ErrorKind, entry: string) =>
      describeError(
        sample(kind, entry, (SAMPLES as unknown as Record<string, Record<string, object>>)[kind][entry]),
        CTX,
      ).message;
    assert.equal(
      say('invalidInput', 'promptTooLong'),
      'The prompt is too long (40000 characters; the limit is 32000).',
    );
    assert.equal(
      say('network', 'proxyStatus'),
      'The proxy at http://proxy.test:3128 would not connect to gateway.test:8443 (it answered 502). Add the host to http.noProxy if it is reached directly, or ask your network administrator.',
    );
    assert.equal(
      say('invalidInput', 'badFileName'),
      'Could not save the image: ".hidden" is not a usable file name; nothing was saved.',
    );
    assert.equal(
      say('invalidInput', 'notMarkdown'),
      '"notes.txt" is not a Markdown file (.md). Name an existing Markdown file, or omit markdownFile and place the returned Markdown yourself.',
    );
    assert.equal(
      say('fs', 'writeFailed'),
      'Could not save the image in /ws/docs/images: the file system refused the write. Check that the folder is writable and has free space, then try again.',
    );
  });

  it("takes a server code that is no reason of ours, even one that names an Object member, as the kind's other", () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'upstream_error']) {
      const view = describeError(new ImageError('server', 'x', { status: 502, reason: serverCode(code) }), CTX);
      assert.equal(view.message, 'GeekAI had a server error (502). Try again later.', code);
      assert.deepEqual(view.actions, ['retry', 'showLog']);
    }
  });

  it('offers Save As… for images made and refused by the workspace, whichever the reason', () => {
    const images = [{ bytes: new Uint8Array([1]), name: 'cat.png' }];
    const folder = new UnsavedImagesError(
      new ImageError('invalidInput', 'x', { reason: 'escapesWorkspace', params: { path: '../out', access: 'write' } }),
      images,
    );
    assert.deepEqual(describeError(folder, CTX).actions, ['saveAs', 'openSettings']);
    const write = new UnsavedImagesError(new ImageError('fs', 'x', { reason: 'writeFailed', params: FILE }), images);
    assert.deepEqual(describeError(write, CTX).actions, ['saveAs', 'showLog']);
    assert.deepEqual(describeError(new ImageError('fs', 'x', { reason: 'writeFailed', params: FILE }), CTX).actions, [
      'retry',
      'showLog',
    ]);
  });
});
