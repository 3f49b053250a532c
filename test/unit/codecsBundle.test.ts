// The shipped form of the codecs: dist/codecs.js and dist/wasm/*.wasm (built by
// `node esbuild.js`, which `npm test` runs first) work on their own, are in the
// .vsix, and are not part of the main bundle that activation loads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sniffImageType } from '../../src/core/imageType';
import { bundledCodecs } from '../../src/core/publish/bundledCodecs';
import { convertImage } from '../../src/core/publish/convert';
import { bundledWasmName, WASM_FILES, type WasmFile } from '../../src/core/publish/wasmFiles';
import { samplePng } from '../support/sampleImage';

const ROOT = path.resolve(__dirname, '../../..');
const DIST = path.join(ROOT, 'dist');

describe('codecs bundle (dist/codecs.js + dist/wasm) and what the .vsix holds', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(path.join(DIST, 'codecs.js')))
      assert.fail('dist/codecs.js is missing: run `node esbuild.js` first');
  });

  it('converts with the bundled codecs and the copied .wasm files', async () => {
    const load = bundledCodecs(DIST);
    for (const format of ['webp', 'jpeg', 'avif'] as const) {
      const r = await convertImage(samplePng(64, 48), { format, maxSide: 32, quality: 70 }, load);
      assert.equal(r.kind, 'converted', `${format}: ${r.kind === 'failed' ? r.detail : ''}`);
      if (format !== 'avif') assert.equal(sniffImageType(r.bytes)?.ext, r.ext);
    }
  });

  it('keeps the codecs out of the entry and engine bundles (a plain save loads none of them)', () => {
    // Emscripten's and wasm-bindgen's glue: in the codecs bundle, and nowhere else (the engine
    // names the .wasm files, which is fine).
    const markers = ['readyPromiseResolve', '__wbindgen', 'instantiateWasm'];
    const codecs = fs.readFileSync(path.join(DIST, 'codecs.js'), 'utf8');
    for (const marker of markers) assert.ok(codecs.includes(marker), `codecs.js lacks ${marker}`);
    for (const bundle of ['extension.js', 'engine.js']) {
      const code = fs.readFileSync(path.join(DIST, bundle), 'utf8');
      for (const marker of markers) assert.ok(!code.includes(marker), `${bundle} contains ${marker}`);
    }
  });

  it('packs codecs.js and every .wasm into the .vsix', () => {
    const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const listed = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).split(/\r?\n/);
    assert.ok(listed.includes('dist/codecs.js'), 'dist/codecs.js');
    assert.ok(listed.includes('dist/worker.js'), 'dist/worker.js (the heavy-work thread)');
    assert.ok(listed.includes('schemas/style.schema.json'), 'the style file schema');
    for (const f of Object.keys(WASM_FILES) as WasmFile[])
      assert.ok(listed.includes(`dist/wasm/${bundledWasmName(f)}`), bundledWasmName(f));
    assert.ok(!listed.some((l) => l.endsWith('.map')), 'no source maps');
  });
});
