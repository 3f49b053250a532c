// The workspace wall (core's checkInsideWorkspace) on the real file system with real symbolic
// links: what it lets through, what it refuses, and what its refusal says.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImageError, hasReason } from '../../src/core/errors';
import { NodeFileStore } from '../../src/core/files/nodeFileStore';
import { checkInsideWorkspace, type RealPaths, type WallAccess } from '../../src/core/files/paths';

const store = new NodeFileStore();

function refused(shown: string, access: WallAccess) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof ImageError, String(e));
    assert.equal(e.kind, 'invalidInput');
    assert.equal(e.reason, 'escapesWorkspace');
    assert.deepEqual(e.params, { path: shown, access });
    return true;
  };
}

describe('the workspace wall (checkInsideWorkspace, real disk)', () => {
  let tmp: string;
  let ws: string;
  let out: string;
  beforeEach(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-wall-')));
    ws = path.join(tmp, 'ws');
    out = path.join(tmp, 'out');
    fs.mkdirSync(path.join(ws, 'docs/images'), { recursive: true });
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(ws, 'docs/images/a.png'), 'a');
    fs.writeFileSync(path.join(out, 'secret.png'), 'secret');
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('lets through files and folders inside, and paths not there yet under an inside folder', async () => {
    await checkInsideWorkspace(store, [ws], ws, 'write');
    await checkInsideWorkspace(store, [ws], `${ws}/docs/images/a.png`, 'read');
    await checkInsideWorkspace(store, [ws], `${ws}/docs/new/deeper/still`, 'write');
    await checkInsideWorkspace(store, [`${ws}/`], `${ws}/docs/./images/../images/a.png`, 'read');
  });

  it('follows a link inside that points inside (a folder, a file, relative or absolute)', async () => {
    fs.symlinkSync(path.join(ws, 'docs/images'), path.join(ws, 'pictures'));
    fs.symlinkSync('docs/images/a.png', path.join(ws, 'a-link.png'));
    await checkInsideWorkspace(store, [ws], `${ws}/pictures/a.png`, 'read');
    await checkInsideWorkspace(store, [ws], `${ws}/pictures/new/x.png`, 'write');
    await checkInsideWorkspace(store, [ws], `${ws}/a-link.png`, 'read');
  });

  it('refuses a link pointing outside: a folder, a file, a folder below it, a path not there yet under it', async () => {
    fs.symlinkSync(out, path.join(ws, 'images'));
    fs.symlinkSync(path.join(out, 'secret.png'), path.join(ws, 'docs/images/alias.png'));
    fs.symlinkSync('../../../out', path.join(ws, 'docs/images/up'));
    await assert.rejects(checkInsideWorkspace(store, [ws], `${ws}/images`, 'write'), refused('images', 'write'));
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/images/new/deeper`, 'write'),
      refused('images/new/deeper', 'write'),
    );
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/images/secret.png`, 'read'),
      refused('images/secret.png', 'read'),
    );
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/docs/images/alias.png`, 'read'),
      refused('docs/images/alias.png', 'read'),
    );
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/docs/images/up/secret.png`, 'read'),
      refused('docs/images/up/secret.png', 'read'),
    );
  });

  it('refuses by text what leaves the root, named relative to it and never by where it leads', async () => {
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/../out/secret.png`, 'read'),
      refused('../out/secret.png', 'read'),
    );
    await assert.rejects(checkInsideWorkspace(store, [ws], out, 'write'), refused('../out', 'write'));
    await assert.rejects(checkInsideWorkspace(store, [], `${ws}/docs/images/a.png`, 'read'), refused('a.png', 'read'));
    const long = `${ws}/../${'x'.repeat(400)}.png`;
    await assert.rejects(
      checkInsideWorkspace(store, [ws], long, 'read'),
      (e: unknown) =>
        hasReason(e, 'invalidInput', 'escapesWorkspace') && e.params.path.length === 200 && e.params.path.endsWith('…'),
    );
  });

  it('compares with the real roots: a workspace opened through a link is itself, and a link between two open folders stays inside', async () => {
    const viaLink = path.join(tmp, 'ws-link');
    fs.symlinkSync(ws, viaLink);
    await checkInsideWorkspace(store, [viaLink], `${viaLink}/docs/images/a.png`, 'read');
    await checkInsideWorkspace(store, [viaLink], `${viaLink}/docs/new`, 'write');
    fs.symlinkSync(out, path.join(ws, 'to-other'));
    await checkInsideWorkspace(store, [ws, out], `${ws}/to-other/secret.png`, 'read');
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/to-other/secret.png`, 'read'),
      refused('to-other/secret.png', 'read'),
    );
  });

  it('a link whose target is missing is judged where its target would be: outside refused, inside let through', async () => {
    fs.symlinkSync(path.join(out, 'not-yet'), path.join(ws, 'images'));
    fs.symlinkSync(path.join(out, 'new.png'), path.join(ws, 'docs/images/b.png'));
    fs.symlinkSync('later', path.join(ws, 'docs/soon'));
    await assert.rejects(checkInsideWorkspace(store, [ws], `${ws}/images`, 'write'), refused('images', 'write'));
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/images/x/y.png`, 'write'),
      refused('images/x/y.png', 'write'),
    );
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/docs/images/b.png`, 'write'),
      refused('docs/images/b.png', 'write'),
    );
    await checkInsideWorkspace(store, [ws], `${ws}/docs/soon/x.png`, 'write');
    // A missing target behind a link that leads out, followed as far as it goes.
    fs.symlinkSync(out, path.join(ws, 'out-link'));
    fs.symlinkSync(path.join(ws, 'out-link/missing/deeper'), path.join(ws, 'chain'));
    await assert.rejects(checkInsideWorkspace(store, [ws], `${ws}/chain`, 'write'), refused('chain', 'write'));
  });

  it('a loop of links leads nowhere inside; another failure of the file system is an fs error, not "outside"', async () => {
    fs.symlinkSync(path.join(ws, 'loop-b'), path.join(ws, 'loop-a'));
    fs.symlinkSync(path.join(ws, 'loop-a'), path.join(ws, 'loop-b'));
    await assert.rejects(
      checkInsideWorkspace(store, [ws], `${ws}/loop-a/x.png`, 'read'),
      refused('loop-a/x.png', 'read'),
    );
    const failing: RealPaths = {
      realPath: async () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' })),
    };
    await assert.rejects(
      checkInsideWorkspace(failing, [ws], `${ws}/a.png`, 'read'),
      (e: unknown) => e instanceof ImageError && e.kind === 'fs' && e.reason === 'statFailed',
    );
  });

  it('a file system without links (every path its own real path) is judged by text', async () => {
    const virtual: RealPaths = { realPath: async (p) => p };
    await checkInsideWorkspace(virtual, ['/ws'], '/ws/images/new.png', 'write');
    await assert.rejects(
      checkInsideWorkspace(virtual, ['/ws'], '/ws/a/../../etc/passwd', 'read'),
      refused('../etc/passwd', 'read'),
    );
    await assert.rejects(
      checkInsideWorkspace(virtual, ['/ws'], '/ws/a\\..\\..\\etc', 'read'),
      (e: unknown) => e instanceof ImageError && e.reason === 'escapesWorkspace',
    );
  });
});
