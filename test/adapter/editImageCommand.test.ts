import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { editImageCommand } from '../../src/vscode/commands/editImage';
import { decodePng, encodePng } from '../support/png';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, type Harness } from './support/harness';

function gradient(w: number, h: number, seed: number): Buffer {
  const data = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    data[i * 3] = (i * 7 + seed) & 255;
    data[i * 3 + 1] = (i * 3 + seed * 5) & 255;
    data[i * 3 + 2] = (i + seed * 11) & 255;
  }
  return encodePng({ width: w, height: h, channels: 3, data });
}

function imageParts(json: unknown): string[] {
  const messages = (json as { messages: { role: string; content: unknown }[] }).messages;
  const user = messages.find((m) => m.role === 'user');
  return (user?.content as { type: string; image_url?: { url: string } }[])
    .filter((p) => p.type === 'image_url')
    .map((p) => p.image_url?.url ?? '');
}

const KEY = 'sk-test-key-1234567890';

describe('Edit Image with AI… command (adapter, real HTTP)', () => {
  const lb = useLoopback({ key: KEY, server: { streamDelayMs: 5 } });
  let h: Harness;

  beforeEach(() => {
    h = makeHarness(lb, { key: KEY });
  });
  afterEach(() => h.dispose());

  it('sends the PNG as a data URL, saves the edit beside it, opens it, and leaves the source untouched', async () => {
    const png = gradient(16, 8, 3);
    const src = path.join(h.root, 'assets/logo.png');
    fs.mkdirSync(path.dirname(src), { recursive: true });
    fs.writeFileSync(src, png);
    h.ui.inputs.push('把背景换成星空');

    await editImageCommand(h.ctx, vscode.Uri.file(src), [vscode.Uri.file(src)]);

    const chat = lb.server.requests.find((r) => r.path.endsWith('/chat/completions'));
    assert.deepEqual(imageParts(chat?.json), [`data:image/png;base64,${png.toString('base64')}`]);
    assert.deepEqual(listFiles(h.root), ['assets/logo-edited.png', 'assets/logo.png']);
    assert.deepEqual(fs.readFileSync(src), png, 'source unchanged');
    // The test server inverts the input: proof the bytes arrived intact and came back.
    const out = decodePng(fs.readFileSync(path.join(h.root, 'assets/logo-edited.png')));
    const input = decodePng(png);
    assert.deepEqual(
      [...out.data],
      [...input.data].map((v) => 255 - v),
    );
    assert.equal(h.ui.opened[0].path, path.join(h.root, 'assets/logo-edited.png'));
  });

  it('sends every selected image as a reference, MIME from the bytes not the name', async () => {
    const a = gradient(4, 4, 1);
    const b = gradient(4, 4, 2);
    fs.writeFileSync(path.join(h.root, 'a.png'), a);
    // A PNG named .JPG: the MIME must come from its magic bytes.
    fs.writeFileSync(path.join(h.root, 'b.JPG'), b);
    h.ui.inputs.push('combine them');

    await editImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'a.png')), [
      vscode.Uri.file(path.join(h.root, 'a.png')),
      vscode.Uri.file(path.join(h.root, 'b.JPG')),
    ]);

    const chat = lb.server.requests.find((r) => r.path.endsWith('/chat/completions'));
    assert.deepEqual(imageParts(chat?.json), [
      `data:image/png;base64,${a.toString('base64')}`,
      `data:image/png;base64,${b.toString('base64')}`,
    ]);
    assert.deepEqual(listFiles(h.root), ['a-edited.png', 'a.png', 'b.JPG']);
  });

  it('never overwrites an earlier edit: the second one gets -1', async () => {
    fs.writeFileSync(path.join(h.root, 'cat.png'), gradient(4, 4, 9));
    fs.writeFileSync(path.join(h.root, 'cat-edited.png'), 'previous edit');
    h.ui.inputs.push('again');
    await editImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'cat.png')));
    assert.deepEqual(listFiles(h.root), ['cat-edited-1.png', 'cat-edited.png', 'cat.png']);
    assert.equal(fs.readFileSync(path.join(h.root, 'cat-edited.png'), 'utf8'), 'previous edit');
  });

  it('from the palette asks which workspace image to edit', async () => {
    fs.mkdirSync(path.join(h.root, 'img'));
    fs.writeFileSync(path.join(h.root, 'img/one.png'), gradient(4, 4, 4));
    h.ui.picks.push((items) => items.find((i) => i.label === 'one.png'));
    h.ui.inputs.push('brighter');

    await editImageCommand(h.ctx);

    assert.deepEqual(h.ui.pickTitles, ['Edit Image with AI']);
    assert.deepEqual(listFiles(h.root), ['img/one-edited.png', 'img/one.png']);
  });

  it('refuses a non-image renamed .png with a clear message, before any request', async () => {
    fs.writeFileSync(path.join(h.root, 'fake.png'), '<html>not an image</html>');
    h.ui.inputs.push('edit');
    await editImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'fake.png')));
    assert.equal(lb.server.requests.length, 0);
    assert.deepEqual(h.ui.messages('error'), ['fake.png is not a PNG, JPEG, WebP or GIF image.']);
    assert.deepEqual(listFiles(h.root), ['fake.png']);
  });

  it('refuses a deleted file and a 0-byte image', async () => {
    fs.writeFileSync(path.join(h.root, 'empty.png'), '');
    h.ui.inputs.push('edit', 'edit');
    await editImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'gone.png')));
    await editImageCommand(h.ctx, vscode.Uri.file(path.join(h.root, 'empty.png')));
    assert.deepEqual(h.ui.messages('error'), ['gone.png no longer exists.', 'empty.png is empty (0 bytes).']);
    assert.equal(lb.server.requests.length, 0);
  });
});
