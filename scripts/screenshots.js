#!/usr/bin/env node
// `npm run screenshots`: refreshes the README's and the walkthrough's pictures from the project's
// own tests, so they show the UI as it is: the Studio from the webview in headless chromium
// (test/screenshots/studio.shots.ts, into docs/images and media/walkthrough), and the editor
// scenes from end-to-end scenario 18 in code-server (hover, placeholders, an agent call, a first
// image). Light and dark; each PNG optimised losslessly. `--studio-only` skips code-server.
'use strict';

const { execFileSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });

run(process.execPath, ['esbuild.js']);
run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json']);
run(process.execPath, [
  require.resolve('mocha/bin/mocha.js'),
  '--no-config',
  '--require',
  'out/test/support/vscodeStub.js',
  '--timeout',
  '120000',
  'out/test/screenshots/studio.shots.js',
]);
if (!process.argv.includes('--studio-only')) {
  run(process.execPath, ['scripts/e2e/run.js', '--grep', 'README and walkthrough pictures'], {
    GEEKAI_SCREENSHOTS: '1',
  });
}
