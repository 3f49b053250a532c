#!/usr/bin/env node
// `npm run demo`: the extension in a real VS Code (code-server) in your browser,
// talking to the project's LOCAL TEST SERVER, which draws placeholder images.
// No GeekAI key and no internet connection are needed. Ctrl+C stops everything.
//
// Options: --port <n>   serve code-server on 127.0.0.1:<n> (default: a free port)
//          --no-package reuse an existing geekai-image-studio.vsix
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const harness = require('./harness');

const { ROOT, VSIX } = harness;
const LOGS = path.join(ROOT, 'test-artifacts', 'demo');

function parseArgs(argv) {
  const opts = { port: undefined, package: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port') opts.port = Number(argv[++i]);
    else if (argv[i] === '--no-package') opts.package = false;
    else throw new Error(`unknown option ${argv[i]} (use --port <n>, --no-package)`);
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536))
    throw new Error('--port needs a port number');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  harness.installSignalHandlers();
  fs.mkdirSync(LOGS, { recursive: true });
  harness.compileTests(['out/test/support/png.js', 'out/test/server/testServer.js']);
  const vsix = process.env.GEEKAI_E2E_VSIX || (opts.package ? harness.packageVsix() : VSIX);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist`);
  // Streams slowly enough for a person to watch the progress; one line per request.
  const serverOptions = { streamDelayMs: 250, log: (line) => console.log(`[test server] ${line}`) };
  const { server, codeServer, profile } = await harness.setUp({
    artifactsDir: LOGS,
    demo: true,
    vsix,
    port: opts.port,
    serverOptions,
  });
  const lines = [
    '',
    '  GeekAI Image Studio demo is running.',
    '',
    `  Open in a browser:  ${codeServer.url}`,
    '',
    '  This VS Code talks to a LOCAL TEST SERVER that draws placeholder images',
    `  (${server.baseUrl}), not to GeekAI: no key, no internet, nothing leaves this machine.`,
    '  When asked for an API key, type anything (e.g. "demo").',
    '',
    '  Try: README-demo.md → F1 "GeekAI Image: Generate Image…";',
    '       right-click photo.png → "Edit Image with AI…";',
    '       F1 "GeekAI Image: Select Model" → gpt-4o-image (streams progress);',
    '       F1 "GeekAI Image: Open Image Studio".',
    '',
    `  Workspace: ${profile.workspace}   code-server log: ${codeServer.logFile}`,
    '  Press Ctrl+C to stop (code-server, the test server and the temp folders are removed).',
    '',
  ];
  console.log(lines.join('\n'));
  await new Promise(() => {}); // until Ctrl+C: the signal handler cleans up and exits
}

main().catch(async (err) => {
  console.error(`[demo] ${err && err.stack ? err.stack : err}`);
  await harness.cleanup();
  process.exit(1);
});
