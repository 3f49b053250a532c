// Bundles the extension (Node, CommonJS) and the Studio webview (browser, IIFE).
// Type checking is `tsc --noEmit` (npm run typecheck), not esbuild's job.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Prints esbuild errors in a form VS Code's problem matcher understands (.vscode/tasks.json).
 * The two bundles share one started/finished pair, so F5 waits for both before launching.
 */
let building = 0;
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (building++ === 0) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (--building === 0) console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};

// The WebAssembly codecs: their own bundle, required only when an image is converted.
// jSquash is ES modules that find their .wasm through import.meta.url; in CommonJS
// that URL is the bundle's own file, and the .wasm files are copied beside it.
const importMetaShim = {
  name: 'import-meta-url',
  setup(build) {
    build.onResolve({ filter: /^import-meta-url-shim$/ }, () => ({ path: 'shim', namespace: 'import-meta-url' }));
    build.onLoad({ filter: /.*/, namespace: 'import-meta-url' }, () => ({
      contents: "export const importMetaUrl = require('url').pathToFileURL(__filename).href;",
      loader: 'js',
    }));
  },
};

function copyWasm() {
  const fs = require('fs');
  const path = require('path');
  fs.mkdirSync('dist/wasm', { recursive: true });
  const list = fs.readFileSync('src/core/publish/wasmFiles.ts', 'utf8').matchAll(/'(@jsquash\/[^']+\.wasm)'/g);
  for (const [, spec] of list) fs.copyFileSync(require.resolve(spec), path.join('dist/wasm', path.basename(spec)));
}

async function main() {
  // A stale source map from a dev build must not sit beside a production bundle.
  if (!watch) require('fs').rmSync('dist', { recursive: true, force: true });
  const contexts = await Promise.all([
    // Activation loads only this small entry point; it requires dist/engine.js (HTTP, SSE, zod,
    // images, the Studio) the first time a command or the panel is used.
    esbuild.context({
      ...common,
      entryPoints: ['src/entry.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/engine.ts'],
      outfile: 'dist/engine.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
    }),
    // The MCP server: run by other agents with plain Node, never loaded by the extension.
    esbuild.context({
      ...common,
      entryPoints: ['src/mcp/main.ts'],
      outfile: 'dist/mcp.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      banner: { js: '#!/usr/bin/env node' },
      define: { MCP_VERSION: JSON.stringify(require('./package.json').version) },
    }),
    // The heavy-work thread (conversions, large provenance reads, hashes, large JSON answers):
    // started by the engine or the MCP server on first need; it requires codecs.js itself.
    esbuild.context({
      ...common,
      entryPoints: ['src/core/heavy/workerMain.ts'],
      outfile: 'dist/worker.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
    }),
    esbuild.context({
      ...common,
      entryPoints: ['src/core/publish/codecs.ts'],
      outfile: 'dist/codecs.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      define: { 'import.meta.url': 'importMetaUrl' },
      inject: ['import-meta-url-shim'],
      plugins: [...common.plugins, importMetaShim],
    }),
    esbuild.context({
      ...common,
      entryPoints: ['media/webview/main.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
    }),
  ]);
  copyWasm();
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
