// Loads the codecs bundle (dist/codecs.js) and its .wasm files (dist/wasm/) on first
// use. The path is computed, so esbuild leaves codecs.js out of the main bundle:
// activation and saves that need no conversion never read it.
import * as path from 'node:path';
import type { Codecs } from './codecs';
import { bundledWasmName } from './wasmFiles';

type CodecsModule = typeof import('./codecs');

export function bundledCodecs(distDir: string): () => Promise<Codecs> {
  let loaded: Promise<Codecs> | undefined;
  return () =>
    (loaded ??= new Promise<Codecs>((resolve) => {
      const file = path.join(distDir, 'codecs.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path keeps codecs.js out of the engine bundle
      const mod = require(file) as CodecsModule;
      resolve(mod.createCodecs((f) => path.join(distDir, 'wasm', bundledWasmName(f))));
    }).catch((e: unknown) => {
      loaded = undefined;
      throw e;
    }));
}
