// The saveFormat / maxSide / embedProvenance settings through the Generate command and
// GenerationService: the file on disk, the link in the editor, the warning when a
// conversion fails (the image is kept as it came).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sniffImageType } from '../../src/core/imageType';
import { readProvenance } from '../../src/core/publish/embedProvenance';
import { imageHeaderSize } from '../../src/core/publish/imageSize';
import { generateCommand } from '../../src/vscode/commands/generate';
import { testCodecs } from '../support/codecs';
import { useLoopback } from '../support/loopback';
import { listFiles, makeHarness, markdownDoc, type Harness } from './support/harness';

const KEY = 'sk-test-key-save-format-123';

describe('saved file format and provenance (Generate command, adapter, real HTTP)', function () {
  this.timeout(60_000);
  const lb = useLoopback({ key: KEY });
  let h: Harness;

  afterEach(async () => {
    await h?.dispose();
  });

  it('saveFormat webp + maxSide: a smaller .webp on disk, linked as .webp, with the prompt inside', async () => {
    h = makeHarness(lb, { key: KEY, codecs: testCodecs });
    Object.assign(h.settings, { saveFormat: 'webp', maxSide: 100, saveQuality: 70, embedProvenance: true });
    markdownDoc(h, 'docs/post.md', '# Post\n\n', { cursor: '# Post\n\n'.length });
    h.ui.inputs.push('一只风筝');
    await generateCommand(h.ctx);
    assert.deepEqual(listFiles(h.root), ['docs/images/2025-09-22-一只风筝.webp', 'docs/post.md']);
    const saved = fs.readFileSync(path.join(h.root, 'docs/images/2025-09-22-一只风筝.webp'));
    assert.equal(sniffImageType(saved)?.ext, 'webp');
    assert.deepEqual(imageHeaderSize(saved), { width: 100, height: 100 });
    assert.equal(readProvenance(saved)?.prompt, '一只风筝');
    assert.equal(h.editors.text, '# Post\n\n![一只风筝](images/2025-09-22-一只风筝.webp)');
    assert.ok(!h.ui.shown.some((m) => m.level === 'warn'), 'no warning');
  });

  it("a conversion that fails keeps the PNG as served and warns, in the user's words", async () => {
    h = makeHarness(lb, { key: KEY, codecs: () => Promise.reject(new Error('no wasm here')) });
    Object.assign(h.settings, { saveFormat: 'avif' });
    markdownDoc(h, 'docs/post.md', '', { cursor: 0 });
    h.ui.inputs.push('a kite');
    await generateCommand(h.ctx);
    const saved = fs.readFileSync(path.join(h.root, 'docs/images/2025-09-22-a-kite.png'));
    assert.deepEqual(saved, lb.server.lastServedImages()[0]);
    const warn = h.ui.shown.find((m) => m.level === 'warn');
    assert.equal(warn?.message, 'Could not convert the image to AVIF; it was saved as the server sent it.');
    assert.equal(h.editors.text, '![a kite](images/2025-09-22-a-kite.png)');
  });
});
