// A file written piece by piece on a real disk (nodeFileStore's openDiskWriter, what a download
// goes through): every byte in order, the pieces that come while a write is on its way sent to
// the disk together instead of one round trip each, and the file refused when something is there.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDiskWriter } from '../../src/core/files/nodeFileStore';

describe('openDiskWriter: a file on disk written piece by piece', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-writer-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds every byte in order; pieces that wait are written together (far fewer writes than pieces)', async () => {
    const pieces = Array.from({ length: 400 }, (_, i) => randomBytes(1 + ((i * 7919) % 40_000)));
    const handle = await fsp.open(path.join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(handle) as { writev: (...args: unknown[]) => Promise<unknown> };
    await handle.close();
    const original = proto.writev;
    let writes = 0;
    proto.writev = function (this: unknown, ...args: unknown[]) {
      writes++;
      return original.apply(this, args);
    };
    try {
      const file = path.join(dir, 'image.png');
      const w = await openDiskWriter(file);
      for (const p of pieces) await w.write(p);
      await w.close();
      assert.ok(fs.readFileSync(file).equals(Buffer.concat(pieces)), 'the bytes, in order');
      assert.ok(writes > 0 && writes < pieces.length / 4, `${writes} writes for ${pieces.length} pieces`);
    } finally {
      proto.writev = original;
    }
  });

  it('refuses a path where something already is, and closing twice is fine', async () => {
    const file = path.join(dir, 'taken.png');
    fs.writeFileSync(file, 'mine');
    await assert.rejects(openDiskWriter(file), (e: unknown) => (e as { code?: string }).code === 'EEXIST');
    assert.equal(fs.readFileSync(file, 'utf8'), 'mine');
    const w = await openDiskWriter(path.join(dir, 'new.png'));
    await w.write(Buffer.from('abc'));
    await w.close();
    await w.close();
    assert.equal(fs.readFileSync(path.join(dir, 'new.png'), 'utf8'), 'abc');
  });
});
