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
    esbuild.context({
      ...common,
      entryPoints: ['media/webview/main.ts'],
      outfile: 'dist/webview.js',
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
    }),
  ]);
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
