// The real WebAssembly codecs, with their .wasm files found in node_modules (the
// bundle finds them in dist/wasm instead).
import { readFile } from 'node:fs/promises';
import { createCodecs, type Codecs, type RgbaImage, type WasmLocator } from '../../src/core/publish/codecs';
import { WASM_FILES } from '../../src/core/publish/wasmFiles';

export const nodeModulesWasm: WasmLocator = (file) => require.resolve(WASM_FILES[file]);

let shared: Codecs | undefined;

/** One set of codecs per test run, so each .wasm is compiled once. */
export function testCodecs(): Promise<Codecs> {
  shared ??= createCodecs(nodeModulesWasm);
  return Promise.resolve(shared);
}

declare const WebAssembly: { compile(bytes: Uint8Array): Promise<object> };

/** AVIF is only ever written by the extension; tests read it back with jSquash's decoder (not shipped). */
export async function decodeAvif(bytes: Uint8Array): Promise<RgbaImage> {
  const { default: decode, init } = await import('@jsquash/avif/decode.js');
  await init(await WebAssembly.compile(await readFile(require.resolve('@jsquash/avif/codec/dec/avif_dec.wasm'))));
  const img = await decode(new Uint8Array(bytes).buffer);
  if (!img) throw new Error('AVIF did not decode');
  return img;
}
