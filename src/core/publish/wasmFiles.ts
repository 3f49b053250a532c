// Kept apart from codecs.ts so the lazy loader can name the files without pulling
// the codecs into the main bundle.

/** Each .wasm the codecs need, as a package path; the bundle copies them to `dist/wasm/<basename>`. */
export const WASM_FILES = {
  png: '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  webpDec: '@jsquash/webp/codec/dec/webp_dec.wasm',
  // The SIMD build: every Node that VS Code ships (20+) has WebAssembly SIMD, and jSquash picks it there.
  webpEnc: '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
  jpegDec: '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  jpegEnc: '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  avifEnc: '@jsquash/avif/codec/enc/avif_enc.wasm',
  resize: '@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm',
} as const;

export type WasmFile = keyof typeof WASM_FILES;

/** The file's name in the bundle's `wasm/` folder. */
export function bundledWasmName(file: WasmFile): string {
  return WASM_FILES[file].split('/').pop() ?? file;
}
