// The FreeDesktop trash the Images view falls back to where VS Code's file service has no trash
// (a remote extension host on Linux): the file under files/, its path and date under info/, and a
// second file of the same name beside it, nothing overwritten.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { moveToFreedesktopTrash } from '../../src/vscode/library/freedesktopTrash';

describe('FreeDesktop trash (the Images view on a remote Linux host)', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-trash-')));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('moves the file with its info, and a second of the same name gets its own', async () => {
    const env = { XDG_DATA_HOME: path.join(tmp, 'data') };
    fs.mkdirSync(path.join(tmp, 'ws', '图 片'), { recursive: true });
    const file = path.join(tmp, 'ws', '图 片', 'a b.png');
    fs.writeFileSync(file, 'one');
    const to = await moveToFreedesktopTrash(file, env, new Date('2025-05-06T07:08:09Z'));
    assert.equal(to, path.join(tmp, 'data', 'Trash', 'files', 'a b.png'));
    assert.equal(fs.readFileSync(to, 'utf8'), 'one');
    assert.ok(!fs.existsSync(file));
    assert.equal(
      fs.readFileSync(path.join(tmp, 'data', 'Trash', 'info', 'a b.png.trashinfo'), 'utf8'),
      `[Trash Info]\nPath=${encodeURI(file)}\nDeletionDate=2025-05-06T07:08:09\n`,
    );
    fs.writeFileSync(file, 'two');
    assert.equal(await moveToFreedesktopTrash(file, env), path.join(tmp, 'data', 'Trash', 'files', 'a b.1.png'));
    assert.equal(fs.readFileSync(to, 'utf8'), 'one');
  });

  it('a file that cannot be moved leaves no info behind', async () => {
    const env = { XDG_DATA_HOME: path.join(tmp, 'data') };
    await assert.rejects(moveToFreedesktopTrash(path.join(tmp, 'missing.png'), env), { code: 'ENOENT' });
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'data', 'Trash', 'info')), []);
  });
});
