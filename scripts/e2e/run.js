#!/usr/bin/env node
// `npm run test:e2e`: the extension in a real VS Code (code-server 4.100.3),
// driven through its UI by Playwright, against the project's local
// GeekAI-compatible test server (in this process, so scenarios can script its
// answers and read what it received). Screenshots go to test-artifacts/e2e/.
//
// Options: --grep <text>   run only scenarios whose title matches
//          --no-package    reuse an existing geekai-image-studio.vsix
// Environment: GEEKAI_E2E_VSIX=<file> installs that .vsix instead of packaging.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const harness = require('./harness');

const { ROOT, VSIX, log } = harness;
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'e2e');
const SCENARIOS = path.join(ROOT, 'out', 'test', 'e2e', 'scenarios');

function parseArgs(argv) {
  const opts = { grep: undefined, package: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep') opts.grep = argv[++i];
    else if (argv[i] === '--no-package') opts.package = false;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

/** Runs the scenario files in this process; resolves with mocha's pass/fail counts. */
function runMocha(files, grep) {
  const mochaModule = require('mocha');
  const Mocha = mochaModule.Mocha || mochaModule; // mocha 12 exports the class as a named export
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    timeout: 180_000,
    slow: 30_000,
    grep,
    color: Boolean(process.stdout.isTTY),
  });
  for (const f of files) mocha.addFile(f);
  return mocha.loadFilesAsync().then(
    () =>
      new Promise((resolve) => {
        const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures }));
      }),
  );
}

/** Whole-run limit, so a wedged browser or server can't hold CI for its full 90 minutes. */
const RUN_LIMIT_MS = 25 * 60 * 1000;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  harness.installSignalHandlers();
  setTimeout(() => {
    console.error(`[e2e] the run took longer than ${RUN_LIMIT_MS / 60000} minutes: stopping`);
    harness.cleanup().finally(() => {
      console.log('0 passed, 1 failed');
      process.exit(1);
    });
  }, RUN_LIMIT_MS).unref();
  const started = Date.now();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  log(`screenshots and logs: ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}`);

  harness.compileTests(['out/test/e2e/context.js', 'out/test/support/png.js', 'out/test/server/testServer.js']);
  const vsix = process.env.GEEKAI_E2E_VSIX || (opts.package ? harness.packageVsix() : VSIX);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} does not exist`);
  const serverLog = fs.createWriteStream(path.join(ARTIFACTS, 'test-server.log'));
  harness.onCleanup(() => new Promise((resolve) => serverLog.end(resolve)));
  const serverOptions = { log: (line) => serverLog.write(`${new Date().toISOString()} ${line}\n`) };
  const { profile, server, userSettings, codeServer } = await harness.setUp({
    artifactsDir: ARTIFACTS,
    vsix,
    serverOptions,
    companion: true,
  });
  const browser = await harness.launchBrowser();
  // One context (one profile) for every scenario: the key set in one tab must be there in the next.
  const browserContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });

  require(path.join(ROOT, 'out', 'test', 'e2e', 'context.js')).setContext({
    browser: browserContext,
    url: codeServer.url,
    workspace: profile.workspace,
    userData: profile.userData,
    server,
    settings: userSettings,
    artifactsDir: ARTIFACTS,
    codeServerLog: codeServer.logFile,
    state: {},
  });
  const files = fs
    .readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort()
    .map((f) => path.join(SCENARIOS, f));
  log(
    `running ${files.length} scenario files in ${codeServer.origin} (setup took ${Math.round((Date.now() - started) / 1000)} s)`,
  );
  const result = await runMocha(files, opts.grep);
  log(`screenshots and logs: ${ARTIFACTS}`);
  return result;
}

main()
  .catch((err) => {
    console.error(`[e2e] ${err && err.stack ? err.stack : err}`);
    log(`set-up failed; screenshots and logs: ${ARTIFACTS}`);
    return { passed: 0, failed: 1 };
  })
  .then(async ({ passed, failed }) => {
    await harness.cleanup();
    log('cleaned up: every process this run started has been stopped');
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  });
