import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { readImageFile, saveImages, type FileStore, type ImageToSave } from '../../src/core/files/saveImages';
import { ImageError } from '../../src/core/errors';
import type { CaughtError } from '../support/expect';
import { MemoryFileStore } from '../support/memoryFileStore';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const PNG2 = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 4, 5, 6, 7]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
const WEBP = new Uint8Array([0x52, 0x49, 0x46, 0x46, 4, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 1]);
const GIF = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1]);
const OTHER = new Uint8Array([0x11, 0x22]);

const DIR = '/ws/docs/images';
const WS = ['/ws'];
const png = (bytes = PNG): ImageToSave => ({ bytes, ext: 'png' });
const TEMP = /^\/ws\/docs\/images\/\.[^/]+\.[0-9a-f]{12}\.tmp$/;

function imageError(kind: string, reason?: string, params?: Record<string, string | number>) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof ImageError, String(e));
    assert.equal(e.kind, kind);
    if (reason !== undefined) assert.equal(e.reason, reason);
    if (params !== undefined) assert.deepEqual(e.params, params);
    return true;
  };
}

function tempWrites(store: MemoryFileStore): string[] {
  return store.calls.filter((c) => c.op === 'writeFile').map((c) => c.path);
}

describe('saveImages', () => {
  let store: MemoryFileStore;
  beforeEach(() => {
    store = new MemoryFileStore();
  });

  it('creates the folder and writes <base>.<ext> through a hidden temp file', async () => {
    const paths = await saveImages(store, { folder: DIR, inside: WS }, ['2025-01-02-画一只可爱的小猫'], [png()]);
    assert.deepEqual(paths, ['/ws/docs/images/2025-01-02-画一只可爱的小猫.png']);
    assert.deepEqual(store.files.get(paths[0]), PNG);
    assert.deepEqual(store.list(DIR), paths);
    const [temp] = tempWrites(store);
    assert.match(temp ?? '', TEMP);
    assert.ok(temp?.startsWith('/ws/docs/images/.2025-01-02-画一只可爱的小猫.'));
    assert.deepEqual(
      store.calls.find((c) => c.op === 'rename'),
      { op: 'rename', path: temp, to: paths[0] },
    );
    // It first notes which folders are missing (to remove them again on failure), then creates them.
    assert.deepEqual(
      store.calls.slice(0, 4).map((c) => c.op),
      ['stat', 'stat', 'stat', 'createDirectory'],
    );
  });

  it('keeps temp names short for long bases', async () => {
    const base = '猫'.repeat(60);
    await saveImages(store, { folder: DIR, inside: WS }, [base], [png()]);
    const name = path.posix.basename(tempWrites(store)[0] ?? '');
    assert.equal(name.startsWith(`.${'猫'.repeat(40)}.`), true);
    assert.ok(Buffer.byteLength(name) < 255);
  });

  it('never overwrites: picks -1, -2, … for taken names', async () => {
    store.seed(`${DIR}/cat.png`, OTHER);
    store.seed(`${DIR}/cat-1.png`, OTHER);
    const paths = await saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]);
    assert.deepEqual(paths, [`${DIR}/cat-2.png`]);
    assert.deepEqual(store.files.get(`${DIR}/cat.png`), OTHER);
    assert.deepEqual(store.files.get(`${DIR}/cat-1.png`), OTHER);
    assert.deepEqual(store.files.get(`${DIR}/cat-2.png`), PNG);
  });

  it('does not treat another extension as taken', async () => {
    store.seed(`${DIR}/cat.png`, OTHER);
    assert.deepEqual(await saveImages(store, { folder: DIR, inside: WS }, ['cat'], [{ bytes: JPEG, ext: 'jpg' }]), [
      `${DIR}/cat.jpg`,
    ]);
  });

  it('writes several images in order and de-duplicates equal bases', async () => {
    const paths = await saveImages(
      store,
      { folder: DIR, inside: WS },
      ['cat', 'cat', 'dog'],
      [png(), png(PNG2), { bytes: GIF, ext: 'gif' }],
    );
    assert.deepEqual(paths, [`${DIR}/cat.png`, `${DIR}/cat-1.png`, `${DIR}/dog.gif`]);
    assert.deepEqual(store.files.get(`${DIR}/cat.png`), PNG);
    assert.deepEqual(store.files.get(`${DIR}/cat-1.png`), PNG2);
    assert.deepEqual(store.files.get(`${DIR}/dog.gif`), GIF);
    assert.deepEqual(store.list(DIR), [`${DIR}/cat-1.png`, `${DIR}/cat.png`, `${DIR}/dog.gif`]);
  });

  it('moves on to the next suffix when the target appears during the rename (race)', async () => {
    store.onCall((call, s) => {
      if (call.op === 'rename' && call.to === `${DIR}/cat.png`) s.seed(`${DIR}/cat.png`, OTHER);
    });
    const paths = await saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]);
    assert.deepEqual(paths, [`${DIR}/cat-1.png`]);
    assert.deepEqual(store.files.get(`${DIR}/cat.png`), OTHER);
    assert.deepEqual(store.files.get(`${DIR}/cat-1.png`), PNG);
    assert.deepEqual(store.list(DIR), [`${DIR}/cat-1.png`, `${DIR}/cat.png`]);
  });

  it('keeps both files when two saves race for the same name', async () => {
    const [a, b] = await Promise.all([
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]),
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png(PNG2)]),
    ]);
    assert.deepEqual([...(a ?? []), ...(b ?? [])].sort(), [`${DIR}/cat-1.png`, `${DIR}/cat.png`]);
    assert.deepEqual(store.files.get(a?.[0] ?? ''), PNG);
    assert.deepEqual(store.files.get(b?.[0] ?? ''), PNG2);
    assert.deepEqual(store.list(DIR), [`${DIR}/cat-1.png`, `${DIR}/cat.png`]);
    // Both checked `cat.png` free, so one rename lost the race and moved on.
    assert.deepEqual(
      store.calls.filter((c) => c.op === 'rename').map((c) => c.to),
      [`${DIR}/cat.png`, `${DIR}/cat.png`, `${DIR}/cat-1.png`],
    );
  });

  it('gives up with noFreeName after 1000 suffixes and removes the temp file', async () => {
    store.seed(`${DIR}/cat.png`, OTHER);
    for (let n = 1; n <= 1000; n++) store.seed(`${DIR}/cat-${n}.png`, OTHER);
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]),
      imageError('fs', 'noFreeName', { path: `${DIR}/cat.png` }),
    );
    assert.equal(store.files.size, 1001);
    assert.equal(store.calls.filter((c) => c.op === 'rename').length, 1, 'the first name tried, the rest looked at');
  });

  it('fails with createFolderFailed when the folder cannot be made', async () => {
    store.seed('/ws/docs', OTHER); // a file where a folder should be
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]),
      imageError('fs', 'createFolderFailed', { path: DIR }),
    );
    assert.deepEqual([...store.files.keys()], ['/ws/docs']);
  });

  it('removes a half-written temp file when the write fails', async () => {
    store.onCall((call, s) => {
      if (call.op === 'writeFile') {
        s.seed(call.path, PNG.slice(0, 3));
        throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      }
    });
    await assert.rejects(saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]), (e: unknown) => {
      imageError('fs', 'writeFailed')(e);
      assert.match(String((e as CaughtError).params.path), TEMP);
      return true;
    });
    assert.deepEqual(store.list(DIR), []);
  });

  it('leaves nothing when the second image of an answer fails to write', async () => {
    store.failOn('writeFile', () => true, 2);
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a', 'b', 'c'], [png(), png(), png()]),
      imageError('fs', 'writeFailed'),
    );
    assert.deepEqual(store.list(DIR), []);
    // The file written first is removed, then the folders this call created (deepest first).
    assert.deepEqual(
      store.calls
        .filter((c) => c.op === 'delete')
        .map((c) => c.path)
        .slice(-4),
      [`${DIR}/a.png`, DIR, '/ws/docs', '/ws'],
    );
    assert.equal(store.dirs.has(DIR), false);
  });

  it('an image already in its temp file (downloaded to disk) is only renamed into place, never rewritten', async () => {
    store.seed(`${DIR}/.cat.0123456789ab.tmp`, PNG2);
    store.seed(`${DIR}/cat.png`, OTHER);
    const paths = await saveImages(
      store,
      { folder: DIR, inside: WS },
      ['cat', 'dog'],
      [{ temp: `${DIR}/.cat.0123456789ab.tmp`, ext: 'png' }, png()],
    );
    assert.deepEqual(paths, [`${DIR}/cat-1.png`, `${DIR}/dog.png`]);
    assert.deepEqual(store.files.get(`${DIR}/cat-1.png`), PNG2);
    assert.deepEqual(store.files.get(`${DIR}/cat.png`), OTHER);
    assert.deepEqual(tempWrites(store).length, 1, 'only the image in memory is written');
    assert.deepEqual(store.list(DIR), [`${DIR}/cat-1.png`, `${DIR}/cat.png`, `${DIR}/dog.png`]);
  });

  it('when a later image fails, an image from its temp file goes back to that temp file (the caller has it again), and the written one is removed', async () => {
    const temp = `${DIR}/.cat.0123456789ab.tmp`;
    store.seed(temp, PNG2);
    store.failOn('writeFile');
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat', 'dog'], [{ temp, ext: 'png' }, png()]),
      imageError('fs', 'writeFailed'),
    );
    assert.deepEqual(store.list(DIR), [temp]);
    assert.deepEqual(store.files.get(temp), PNG2);
  });

  it('refuses a temp file outside the folder before touching the store', async () => {
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [{ temp: '/ws/other/.cat.tmp', ext: 'png' }]),
      imageError('invalidInput', 'badFileName'),
    );
    assert.deepEqual(store.calls, []);
  });

  it('removes the folders it created when saving fails, and keeps one that existed', async () => {
    store.failOn('writeFile');
    await assert.rejects(
      saveImages(store, { folder: '/ws/new/deeper', inside: WS }, ['a'], [png()]),
      imageError('fs', 'writeFailed'),
    );
    assert.equal(store.dirs.has('/ws/new/deeper'), false);
    assert.equal(store.dirs.has('/ws/new'), false);

    const kept = new MemoryFileStore();
    kept.seed(`${DIR}/old.png`, PNG);
    kept.failOn('writeFile');
    await assert.rejects(
      saveImages(kept, { folder: DIR, inside: WS }, ['a'], [png()]),
      imageError('fs', 'writeFailed'),
    );
    assert.equal(kept.dirs.has(DIR), true);
    assert.deepEqual(kept.list(DIR), [`${DIR}/old.png`]);
  });

  it('fails with renameFailed (not a retry) when the rename fails for another reason', async () => {
    store.failOn('rename');
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]),
      imageError('fs', 'renameFailed', { path: `${DIR}/cat.png` }),
    );
    assert.deepEqual(store.list(DIR), []);
    assert.equal(store.calls.filter((c) => c.op === 'rename').length, 1);
  });

  it('fails with statFailed when the store cannot tell whether a name is free', async () => {
    store.seed(`${DIR}/cat.png`, OTHER);
    store.failOn('stat', (p) => p.endsWith('/cat-1.png'));
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['cat'], [png()]),
      imageError('fs', 'statFailed', { path: `${DIR}/cat-1.png` }),
    );
    assert.deepEqual(store.list(DIR), [`${DIR}/cat.png`]);
    assert.deepEqual(store.files.get(`${DIR}/cat.png`), OTHER);
  });

  it('reports the original error even when clean-up fails', async () => {
    store.failOn('rename', () => true, 2);
    store.failOn('delete');
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a', 'b'], [png(), png()]),
      imageError('fs', 'renameFailed', { path: `${DIR}/b.png` }),
    );
  });

  it('refuses empty images before touching the store', async () => {
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a', 'b'], [png(), { bytes: new Uint8Array(0), ext: 'png' }]),
      imageError('invalidInput', 'emptyImage', { name: 'b' }),
    );
    assert.deepEqual(store.calls, []);
  });

  it('refuses mismatched names, bad extensions and names that could leave the folder', async () => {
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a'], [png(), png()]),
      imageError('invalidInput', 'namesMismatch'),
    );
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a'], [{ bytes: PNG, ext: '/png' }]),
      imageError('invalidInput', 'badExtension'),
    );
    await assert.rejects(
      saveImages(store, { folder: DIR, inside: WS }, ['a'], [{ bytes: PNG, ext: '' }]),
      imageError('invalidInput', 'badExtension'),
    );
    for (const base of ['../x', 'a/b', 'a\\b', '.hidden', '..', '', 'a\u0000b']) {
      await assert.rejects(
        saveImages(store, { folder: DIR, inside: WS }, [base], [png()]),
        imageError('invalidInput', 'badFileName'),
        base,
      );
    }
    assert.deepEqual(store.calls, []);
  });

  it('returns [] for no images without creating the folder', async () => {
    assert.deepEqual(await saveImages(store, { folder: DIR, inside: WS }, [], []), []);
    assert.deepEqual(store.calls, []);
  });

  describe('cancellation', () => {
    it('does nothing when already aborted', async () => {
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(
        saveImages(store, { folder: DIR, inside: WS }, ['a'], [png()], ac.signal),
        imageError('cancelled'),
      );
      assert.deepEqual(store.calls, []);
    });

    it('removes the temp file and earlier images when aborted mid-answer', async () => {
      const ac = new AbortController();
      store.onCall((call) => {
        if (call.op === 'writeFile' && call.path.includes('/.b.')) ac.abort();
      });
      await assert.rejects(
        saveImages(store, { folder: DIR, inside: WS }, ['a', 'b'], [png(), png()], ac.signal),
        imageError('cancelled'),
      );
      assert.deepEqual(store.list(DIR), []);
    });

    it('removes every file when aborted after the last rename', async () => {
      const ac = new AbortController();
      store.onCall((call) => {
        if (call.op === 'rename' && call.to === `${DIR}/b.png`) ac.abort();
      });
      await assert.rejects(
        saveImages(store, { folder: DIR, inside: WS }, ['a', 'b'], [png(), png()], ac.signal),
        imageError('cancelled'),
      );
      assert.deepEqual(store.list(DIR), []);
    });
  });
});

describe('readImageFile', () => {
  let store: MemoryFileStore;
  beforeEach(() => {
    store = new MemoryFileStore();
  });

  it('returns bytes, sniffed type and name for each format', async () => {
    const cases: Array<[string, Uint8Array, string, string]> = [
      ['/ws/参考 图.png', PNG, 'image/png', 'png'],
      ['/ws/photo.jpeg', JPEG, 'image/jpeg', 'jpg'],
      ['/ws/a.webp', WEBP, 'image/webp', 'webp'],
      ['/ws/anim.gif', GIF, 'image/gif', 'gif'],
      ['/ws/misnamed.gif', PNG, 'image/png', 'png'],
    ];
    for (const [p, bytes, mime, ext] of cases) {
      store.seed(p, bytes);
      assert.deepEqual(await readImageFile(store, p, 1024, WS), { bytes, mime, ext, name: path.posix.basename(p) });
    }
  });

  it('refuses missing files, folders and empty files', async () => {
    store.seed('/ws/empty.png', new Uint8Array(0));
    await assert.rejects(
      readImageFile(store, '/ws/nope.png', 1024, WS),
      imageError('invalidInput', 'missingFile', { name: 'nope.png' }),
    );
    await assert.rejects(readImageFile(store, '/ws', 1024, WS), imageError('invalidInput', 'notAFile', { name: 'ws' }));
    await assert.rejects(
      readImageFile(store, '/ws/empty.png', 1024, WS),
      imageError('invalidInput', 'emptyImage', { name: 'empty.png' }),
    );
  });

  it('refuses files over the limit without reading them when the size is known', async () => {
    store.seed('/ws/big.png', PNG);
    await assert.rejects(
      readImageFile(store, '/ws/big.png', 10, WS),
      imageError('invalidInput', 'imageTooLarge', { name: 'big.png', size: 11, limit: 10 }),
    );
    assert.equal(
      store.calls.some((c) => c.op === 'readFile'),
      false,
    );
    assert.equal((await readImageFile(store, '/ws/big.png', 11, WS)).bytes.length, 11);
  });

  it('checks size and emptiness after reading when the store gives no size', async () => {
    store.seed('/ws/big.png', PNG);
    store.seed('/ws/empty.png', new Uint8Array(0));
    const sizeless: FileStore = Object.assign(Object.create(store) as MemoryFileStore, {
      stat: async (p: string) => {
        const s = await store.stat(p);
        return s === undefined ? undefined : { type: s.type };
      },
    });
    await assert.rejects(
      readImageFile(sizeless, '/ws/big.png', 10, WS),
      imageError('invalidInput', 'imageTooLarge', { name: 'big.png', size: 11, limit: 10 }),
    );
    await assert.rejects(readImageFile(sizeless, '/ws/empty.png', 10, WS), imageError('invalidInput', 'emptyImage'));
  });

  it('refuses bytes that are not an image, whatever the extension', async () => {
    store.seed('/ws/page.png', new TextEncoder().encode('<!doctype html>'));
    await assert.rejects(
      readImageFile(store, '/ws/page.png', 1024, WS),
      imageError('invalidInput', 'notAnImage', { name: 'page.png' }),
    );
  });

  it('turns store failures into fs/readFailed', async () => {
    store.seed('/ws/a.png', PNG);
    store.failOn('readFile');
    await assert.rejects(
      readImageFile(store, '/ws/a.png', 1024, WS),
      imageError('fs', 'readFailed', { path: '/ws/a.png' }),
    );
  });
});

describe('saveImages and readImageFile on the real file system', () => {
  let root: string;
  const store = new NodeFileStore();
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-save-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('writes the exact bytes, never overwrites, and leaves no temp file', async () => {
    const folder = `${root}/docs/my images`;
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(`${folder}/画 猫 (1).png`, OTHER);
    const paths = await saveImages(
      store,
      { folder, inside: [root] },
      ['画 猫 (1)', '画 猫 (1)'],
      [png(), { bytes: JPEG, ext: 'jpg' }],
    );
    assert.deepEqual(paths, [`${folder}/画 猫 (1)-1.png`, `${folder}/画 猫 (1).jpg`]);
    assert.deepEqual(new Uint8Array(await fs.readFile(`${folder}/画 猫 (1).png`)), OTHER);
    assert.deepEqual(new Uint8Array(await fs.readFile(paths[0])), PNG);
    assert.deepEqual(new Uint8Array(await fs.readFile(paths[1])), JPEG);
    assert.deepEqual((await fs.readdir(folder)).sort(), ['画 猫 (1)-1.png', '画 猫 (1).jpg', '画 猫 (1).png']);
  });

  it('creates missing folders, and removes them and everything in them when cancelled', async () => {
    const folder = `${root}/a/b`;
    const ac = new AbortController();
    const aborting: FileStore = Object.assign(Object.create(store) as NodeFileStore, {
      rename: async (from: string, to: string) => {
        await store.rename(from, to);
        if (to.endsWith('/two.png')) ac.abort();
      },
    });
    await assert.rejects(
      saveImages(aborting, { folder, inside: [root] }, ['one', 'two'], [png(), png(PNG2)], ac.signal),
      imageError('cancelled'),
    );
    // Both images and the two folders this call created are gone; the root it found stays.
    await assert.rejects(fs.stat(`${root}/a`), /ENOENT/);
    assert.deepEqual(await fs.readdir(root), []);
  });

  it('refuses a folder that leads outside by a link, before writing anything, and again when the link appears once the folder is made', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-save-outside-'));
    try {
      await fs.symlink(outside, `${root}/images`);
      await assert.rejects(
        saveImages(store, { folder: `${root}/images/2025`, inside: [root] }, ['a'], [png()]),
        imageError('invalidInput', 'escapesWorkspace', { path: 'images/2025', access: 'write' }),
      );
      assert.deepEqual(await fs.readdir(outside), [], 'nothing created outside');
      await fs.unlink(`${root}/images`);

      // A store whose folder is swapped for a link to outside as soon as it is made (a race).
      const racing: FileStore = Object.assign(Object.create(store) as NodeFileStore, {
        createDirectory: async (p: string) => {
          await store.createDirectory(p);
          await fs.rmdir(p);
          await fs.symlink(outside, p);
        },
      });
      await assert.rejects(
        saveImages(racing, { folder: `${root}/shots`, inside: [root] }, ['a'], [png()]),
        imageError('invalidInput', 'escapesWorkspace', { path: 'shots', access: 'write' }),
      );
      assert.deepEqual(await fs.readdir(outside), [], 'not a byte written through the planted link');
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('readImageFile refuses a file that is a link to outside, before reading it', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'geekai-save-outside-'));
    try {
      await fs.writeFile(`${outside}/secret.png`, PNG);
      await fs.symlink(`${outside}/secret.png`, `${root}/ref.png`);
      let read = false;
      const watching: FileStore = Object.assign(Object.create(store) as NodeFileStore, {
        readFile: async (p: string) => {
          read = true;
          return store.readFile(p);
        },
      });
      await assert.rejects(
        readImageFile(watching, `${root}/ref.png`, 100, [root]),
        imageError('invalidInput', 'escapesWorkspace', { path: 'ref.png', access: 'read' }),
      );
      assert.equal(read, false);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('NodeFileStore.rename refuses an existing target', async () => {
    await fs.writeFile(`${root}/a`, 'a');
    await fs.writeFile(`${root}/b`, 'b');
    await assert.rejects(store.rename(`${root}/a`, `${root}/b`), { code: 'EEXIST' });
    assert.equal(await fs.readFile(`${root}/b`, 'utf8'), 'b');
    assert.equal(await fs.readFile(`${root}/a`, 'utf8'), 'a');
  });

  it('reads a reference image back', async () => {
    await fs.writeFile(`${root}/ref.webp`, WEBP);
    assert.deepEqual(await readImageFile(store, `${root}/ref.webp`, 100, [root]), {
      bytes: WEBP,
      mime: 'image/webp',
      ext: 'webp',
      name: 'ref.webp',
    });
    await assert.rejects(readImageFile(store, root, 100, [root]), imageError('invalidInput', 'notAFile'));
    await assert.rejects(
      readImageFile(store, `${root}/none.png`, 100, [root]),
      imageError('invalidInput', 'missingFile'),
    );
  });
});
