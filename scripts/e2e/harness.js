// Shared set-up for `npm run test:e2e` (run.js) and `npm run demo` (demo.js):
// code-server from the cache, the packaged .vsix installed into a fresh
// user-data folder, the project's GeekAI-compatible test server in this
// process, user settings pointing the extension at it, a sample workspace,
// code-server on a free loopback port, and Debian's chromium via
// playwright-core. Every process started here is tracked by pid and killed
// (its whole process group) by `cleanup()`, which also runs on SIGINT/SIGTERM.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');
const { ensureCodeServer, ensureDebianPackages } = require('./install-code-server');

const ROOT = path.resolve(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'geekai-image-studio.vsix');
const EXTENSION_ID = 'geekai-image-studio.geekai-image-studio';
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

// ---------------------------------------------------------------- processes

/** pids of process-group leaders this process started and has not reaped yet. */
const children = new Map(); // pid -> name
const cleanups = [];
let cleaningUp = null;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal); // the whole group: the child was started detached
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM the group, then SIGKILL after `graceMs` if the leader is still there. */
async function killTree(pid, name, graceMs = 3000) {
  if (!isAlive(pid)) {
    children.delete(pid);
    return;
  }
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    log(`${name} (pid ${pid}) ignored SIGTERM; sending SIGKILL`);
    signalGroup(pid, 'SIGKILL');
  }
  // Children of the group may outlive the leader for a moment: finish them too.
  signalGroup(pid, 'SIGKILL');
  children.delete(pid);
}

/** Registers something to undo at the end; runs in reverse order. */
function onCleanup(fn) {
  cleanups.push(fn);
}

/** Undoes everything: registered clean-ups (newest first), then kills every tracked process group. */
function cleanup() {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      while (cleanups.length) {
        const fn = cleanups.pop();
        try {
          await fn();
        } catch (err) {
          log(`clean-up step failed: ${err && err.message ? err.message : err}`);
        }
      }
      for (const [pid, name] of [...children]) await killTree(pid, name);
    })();
  }
  return cleaningUp;
}

let handlersInstalled = false;
/** Ctrl+C, SIGTERM and crashes still clean up; a second Ctrl+C kills at once. */
function installSignalHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let interrupted = 0;
  const onSignal = (signal) => {
    interrupted += 1;
    if (interrupted > 1) {
      for (const pid of children.keys()) signalGroup(pid, 'SIGKILL');
      process.exit(130);
    }
    log(`${signal}: cleaning up…`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Last resort when the process exits without cleanup having finished.
  process.on('exit', () => {
    for (const pid of children.keys()) signalGroup(pid, 'SIGKILL');
  });
}

/** Starts a long-running process in its own process group and tracks it. */
function startProcess(name, command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${name}`);
  children.set(child.pid, name);
  child.on('exit', () => children.delete(child.pid));
  log(`started ${name} (pid ${child.pid})`);
  return child;
}

/** Runs a command to completion (output shown), throwing on a non-zero exit. */
function runStep(title, command, args, options = {}) {
  log(title);
  const res = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`${title} failed (exit ${res.status ?? res.signal})`);
}

// ---------------------------------------------------------------- helpers

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => req.destroy());
  });
}

// ---------------------------------------------------------------- build

/** `npm run package`: type-check, production bundle, `geekai-image-studio.vsix` at the repo root. */
function packageVsix() {
  runStep('packaging the extension (npm run package)', 'npm', ['run', 'package']);
  if (!fs.existsSync(VSIX)) throw new Error(`npm run package did not produce ${VSIX}`);
  return VSIX;
}

/**
 * The test-only companion extension (test/e2e/companion) as a .vsix in `dir`: it calls the
 * language model tools the way an agent does. Installed into the e2e profile only.
 */
function packageCompanion(dir) {
  const out = path.join(dir, 'geekai-e2e-companion.vsix');
  const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  runStep(
    'packaging the e2e companion extension',
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
    {
      cwd: path.join(ROOT, 'test', 'e2e', 'companion'),
    },
  );
  return out;
}

/**
 * `tsc -p tsconfig.test.json`: compiles the test server, test support and the
 * e2e scenarios into out/. Type errors elsewhere in the tree (work in progress)
 * don't stop the run as long as the files this suite needs were emitted.
 */
function compileTests(requiredOutFiles) {
  log('compiling tests (tsc -p tsconfig.test.json)');
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: ROOT, stdio: 'inherit' });
  const missing = requiredOutFiles.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) throw new Error(`tsc did not produce ${missing.join(', ')}`);
  if (res.status !== 0) log('warning: tsc reported errors (see above); continuing with what it emitted');
}

// ---------------------------------------------------------------- test server

const SERVER_MODULE_CANDIDATES = ['out/test/server/testServer.js'];

/** The compiled test server module (in-process, so scenarios can enqueue behaviours and read requests). */
function loadTestServerModule() {
  const override = process.env.GEEKAI_E2E_SERVER_MODULE; // a stand-in while developing the harness
  for (const rel of override ? [override] : SERVER_MODULE_CANDIDATES) {
    const file = path.resolve(ROOT, rel);
    if (fs.existsSync(file)) {
      const mod = require(file);
      if (typeof mod.startTestServer === 'function') return mod;
    }
  }
  throw new Error(
    `no compiled test server exporting startTestServer() (looked at ${SERVER_MODULE_CANDIDATES.join(', ')})`,
  );
}

async function startTestServer(options = {}) {
  const { startTestServer: start } = loadTestServerModule();
  const server = await start(options);
  onCleanup(() => server.close());
  log(`test server at ${server.baseUrl}`);
  return server;
}

// ---------------------------------------------------------------- profile and workspace

/** A fresh temp folder holding the user-data, extensions, config and workspace folders. */
function makeProfile(prefix = 'geekai-e2e-') {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const profile = {
    base,
    userData: path.join(base, 'user-data'),
    extensions: path.join(base, 'extensions'),
    xdg: path.join(base, 'xdg'),
    workspace: path.join(base, 'workspace'),
  };
  for (const dir of Object.values(profile)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(profile.userData, 'User'), { recursive: true });
  return profile;
}

function removeProfile(profile) {
  fs.rmSync(profile.base, { recursive: true, force: true });
}

function codeServerEnv(profile) {
  const env = { ...process.env };
  // Keep code-server's own config and data out of the real home folder,
  // and don't let an outer VS Code's variables leak into this one.
  env.XDG_CONFIG_HOME = path.join(profile.xdg, 'config');
  env.XDG_DATA_HOME = path.join(profile.xdg, 'data');
  env.XDG_CACHE_HOME = path.join(profile.xdg, 'cache');
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

function commonArgs(profile) {
  const config = path.join(profile.xdg, 'code-server.yaml');
  if (!fs.existsSync(config)) fs.writeFileSync(config, 'auth: none\ncert: false\n');
  return ['--config', config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions];
}

function installExtension(entry, profile, vsix, id = EXTENSION_ID) {
  runStep(
    `installing ${path.basename(vsix)} into a fresh extensions folder`,
    process.execPath,
    [entry, ...commonArgs(profile), '--install-extension', vsix],
    {
      env: codeServerEnv(profile),
      timeout: 120_000,
    },
  );
  const installed = fs.readdirSync(profile.extensions).filter((d) => d.toLowerCase().startsWith(id));
  if (installed.length === 0) throw new Error(`${id} is not in ${profile.extensions} after --install-extension`);
}

/** Settings every run needs; `extra` adds or overrides. Must be written before code-server starts. */
function writeUserSettings(profile, baseUrl, extra = {}) {
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'files.autoSave': 'off',
    'editor.minimap.enabled': false,
    'window.restoreWindows': 'none',
    'geekaiImage.baseUrl': baseUrl,
    // The scenarios compare saved files with the served bytes; provenance has its own tests.
    'geekaiImage.embedProvenance': false,
    ...extra,
  };
  const file = path.join(profile.userData, 'User', 'settings.json');
  fs.writeFileSync(file, JSON.stringify(settings, null, 2) + '\n');
  return settings;
}

/** A small RGB PNG with a gradient and a diagonal stripe (so an edit visibly changes it). */
function samplePng(width = 96, height = 64) {
  const { encodePng } = require(path.join(ROOT, 'out', 'test', 'support', 'png.js'));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const stripe = Math.abs(x - y * 1.5) < 6;
      data[i] = stripe ? 250 : Math.round((x / width) * 200);
      data[i + 1] = stripe ? 220 : Math.round((y / height) * 160) + 60;
      data[i + 2] = stripe ? 40 : 180;
    }
  }
  return Buffer.from(encodePng({ width, height, channels: 3, data }));
}

/** The sample workspace: Markdown files for the scenarios and a PNG to edit. */
function createWorkspace(dir, { demo = false } = {}) {
  const write = (rel, content) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  };
  if (demo) {
    write(
      'README-demo.md',
      [
        '# GeekAI Image Studio demo',
        '',
        'This VS Code talks to a LOCAL TEST SERVER that draws placeholder images;',
        'no GeekAI key or internet connection is needed, and nothing leaves this machine.',
        '',
        'Try: F1 → "GeekAI Image: Set API Key" (any text works), then put the cursor on',
        'the empty line below and run F1 → "GeekAI Image: Generate Image…".',
        '',
        '',
        '',
        'Right-click `photo.png` in the Explorer → "Edit Image with AI…";',
        'F1 → "GeekAI Image: Select Model" → gpt-4o-image streams progress;',
        'F1 → "GeekAI Image: Open Image Studio" for the panel.',
        '',
      ].join('\n'),
    );
  } else {
    for (let n = 1; n <= 11; n++) {
      write(`scenario-${n}.md`, `# Scenario ${n}\n\nFirst paragraph.\n\n\nLast paragraph.\n`);
    }
  }
  write('photo.png', samplePng());
}

// ---------------------------------------------------------------- code-server and browser

/** Starts code-server on a free loopback port and waits until it answers. */
async function startCodeServer(entry, profile, logFile, port, extraEnv = {}) {
  port = port || (await freePort());
  const out = fs.openSync(logFile, 'a');
  const args = [
    entry,
    ...commonArgs(profile),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    profile.workspace,
  ];
  const child = startProcess('code-server', process.execPath, args, {
    cwd: profile.base,
    env: { ...codeServerEnv(profile), ...extraEnv },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  onCleanup(() => killTree(child.pid, 'code-server'));
  let exited = null;
  child.on('exit', (code, signal) => (exited = code ?? signal));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before answering; see ${logFile}`);
    if ((await httpStatus(`${origin}/healthz`)) === 200) break;
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${origin} within 60 s; see ${logFile}`);
    await sleep(250);
  }
  const url = `${origin}/?folder=${encodeURIComponent(profile.workspace)}`;
  log(`code-server (pid ${child.pid}) answers on ${origin}`);
  return { origin, url, port, pid: child.pid, logFile };
}

/** Debian's chromium through playwright-core; its process group is tracked like the others. */
async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true,
    // We clean up ourselves (by pid); Playwright's own handlers would race with ours.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const proc = browser.process && browser.process();
  if (proc && proc.pid) {
    children.set(proc.pid, 'chromium');
    proc.on('exit', () => children.delete(proc.pid));
    log(`started chromium (pid ${proc.pid})`);
  }
  onCleanup(async () => {
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    if (proc && proc.pid) await killTree(proc.pid, 'chromium', 1000);
  });
  return browser;
}

/** Everything up to a running code-server with the extension installed. */
async function setUp({
  artifactsDir,
  demo = false,
  settings = {},
  vsix,
  port,
  serverOptions = {},
  companion = false,
} = {}) {
  installSignalHandlers();
  ensureDebianPackages(demo ? ['libkrb5-dev', 'ripgrep'] : ['chromium', 'libkrb5-dev', 'ripgrep', 'fonts-noto-cjk']);
  const entry = ensureCodeServer();
  const vsixPath = vsix || packageVsix();
  const profile = makeProfile(demo ? 'geekai-demo-' : 'geekai-e2e-');
  onCleanup(() => {
    // VS Code's own logs (the extension host's, every output channel) outlive the profile.
    const logs = path.join(profile.userData, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifactsDir, 'vscode-logs'), { recursive: true });
    removeProfile(profile);
  });
  log(`profile: ${profile.base}`);
  installExtension(entry, profile, vsixPath);
  if (companion)
    installExtension(entry, profile, packageCompanion(profile.base), 'geekai-image-studio-tests.geekai-e2e-companion');
  const server = await startTestServer(serverOptions);
  const userSettings = writeUserSettings(profile, server.baseUrl, settings);
  createWorkspace(profile.workspace, { demo });
  fs.mkdirSync(artifactsDir, { recursive: true });
  // The extension host inherits code-server's environment: GEEKAI_IMAGE_DEMO makes the Studio
  // panel say that it talks to a local test server drawing placeholder images.
  const extraEnv = demo ? { GEEKAI_IMAGE_DEMO: '1' } : {};
  const codeServer = await startCodeServer(entry, profile, path.join(artifactsDir, 'code-server.log'), port, extraEnv);
  return { entry, profile, server, userSettings, codeServer };
}

module.exports = {
  ROOT,
  VSIX,
  EXTENSION_ID,
  CHROMIUM_FLAGS,
  log,
  sleep,
  setUp,
  cleanup,
  onCleanup,
  installSignalHandlers,
  compileTests,
  packageVsix,
  launchBrowser,
  startProcess,
  killTree,
};
