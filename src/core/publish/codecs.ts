// The WebAssembly codecs (jSquash, repackaged from Squoosh): decode PNG/JPEG/WebP,
// encode PNG/WebP/JPEG/AVIF, resize. This module is bundled on its own
// (dist/codecs.js) and loaded only when a conversion is needed; each codec's .wasm
// is compiled on first use, so converting to WebP never compiles the AVIF encoder.
import { readFile } from 'node:fs/promises';
import type { WasmFile } from './wasmFiles';

// The project's libs (ES2022 + Node) do not declare the WebAssembly global; this is the one call made on it.
interface WasmModule {
  readonly __wasmModule?: never;
}
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };

export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export type DecodableExt = 'png' | 'jpg' | 'webp';
export type EncodableFormat = 'png' | 'webp' | 'jpeg' | 'avif';

export interface Codecs {
  decode(bytes: Uint8Array, ext: DecodableExt): Promise<RgbaImage>;
  /** `quality` 1-100; ignored for PNG. */
  encode(image: RgbaImage, format: EncodableFormat, quality: number): Promise<Uint8Array>;
  resize(image: RgbaImage, width: number, height: number): Promise<RgbaImage>;
}

/** Where a .wasm file is on disk. */
export type WasmLocator = (file: WasmFile) => string;

// The codecs build ImageData objects; the extension host (Node) has none.
class NodeImageData implements RgbaImage {
  readonly colorSpace = 'srgb';
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

function ensureImageData(): void {
  const g = globalThis as { ImageData?: unknown };
  if (!g.ImageData) g.ImageData = NodeImageData;
}

/** Codecs whose .wasm files `locate` finds; nothing is compiled until first used. */
export function createCodecs(locate: WasmLocator): Codecs {
  ensureImageData();
  const compiled = new Map<WasmFile, Promise<WasmModule>>();
  const wasm = (file: WasmFile): Promise<WasmModule> => {
    let m = compiled.get(file);
    if (!m) {
      m = readFile(locate(file)).then((b) => WebAssembly.compile(b));
      compiled.set(file, m);
    }
    return m;
  };
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let p: Promise<T> | undefined;
    return () =>
      (p ??= load().catch((e: unknown) => {
        p = undefined;
        throw e;
      }));
  };

  const png = once(async () => {
    const [dec, enc, mod] = await Promise.all([
      import('@jsquash/png/decode.js'),
      import('@jsquash/png/encode.js'),
      wasm('png'),
    ]);
    await dec.init(mod);
    await enc.init(mod);
    return { dec, enc };
  });
  /** An Emscripten codec module, given its compiled .wasm on first use. */
  const emscripten = <M extends { init(module: WasmModule): Promise<unknown> }>(
    load: () => Promise<M>,
    file: WasmFile,
  ): (() => Promise<M>) =>
    once(async () => {
      const m = await load();
      await m.init(await wasm(file));
      return m;
    });
  const webpDec = emscripten(() => import('@jsquash/webp/decode.js'), 'webpDec');
  const webpEnc = emscripten(() => import('@jsquash/webp/encode.js'), 'webpEnc');
  const jpegDec = emscripten(() => import('@jsquash/jpeg/decode.js'), 'jpegDec');
  const jpegEnc = emscripten(() => import('@jsquash/jpeg/encode.js'), 'jpegEnc');
  const avifEnc = emscripten(() => import('@jsquash/avif/encode.js'), 'avifEnc');
  const resizer = once(async () => {
    const m = await import('@jsquash/resize');
    await m.initResize(await wasm('resize'));
    return m;
  });

  // The bytes' own buffer when they are all of it (as on the worker, where they arrived
  // transferred: the decoder copies them into its memory anyway), else a copy of just them: a
  // small Buffer's `.buffer` is Node's shared 8 KB pool (and Buffer#slice copies nothing).
  const own = (bytes: Uint8Array): ArrayBuffer =>
    bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer
      : new Uint8Array(bytes).buffer;
  const asImage = (x: { data: Uint8ClampedArray | Uint8Array; width: number; height: number }): RgbaImage => ({
    data:
      x.data instanceof Uint8ClampedArray
        ? x.data
        : new Uint8ClampedArray(x.data.buffer, x.data.byteOffset, x.data.byteLength),
    width: x.width,
    height: x.height,
  });
  const imageData = (img: RgbaImage): ImageData => new NodeImageData(img.data, img.width, img.height);

  return {
    async decode(bytes, ext) {
      if (ext === 'png') return asImage(await (await png()).dec.decode(own(bytes)));
      if (ext === 'webp') return asImage(await (await webpDec()).default(own(bytes)));
      return asImage(await (await jpegDec()).default(own(bytes)));
    },
    async encode(image, format, quality) {
      const data = imageData(image);
      let out: ArrayBuffer;
      if (format === 'png') out = await (await png()).enc.default(data);
      else if (format === 'webp') out = await (await webpEnc()).default(data, { quality });
      else if (format === 'jpeg') out = await (await jpegEnc()).default(data, { quality });
      else out = await (await avifEnc()).default(data, { quality });
      return new Uint8Array(out);
    },
    async resize(image, width, height) {
      return asImage(await (await resizer()).default(imageData(image), { width, height }));
    },
  };
}
