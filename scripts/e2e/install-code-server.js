#!/usr/bin/env node
// Installs code-server (VS Code 1.100.3 server, runs on Node 20) into the
// git-ignored cache `.cache/code-server/`, following
// shared/notes/real-vscode.md: install with scripts off, rebuild the native
// modules, use Debian's ripgrep, and create the links code-server's own
// postinstall would have made. A stamp file makes reruns instant.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const VERSION = '4.100.3';
const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache', 'code-server');
const STAMP = path.join(CACHE, `installed-${VERSION}.stamp`);
const PKG = path.join(CACHE, 'node_modules', 'code-server');
const ENTRY = path.join(PKG, 'out', 'node', 'entry.js');

function log(msg) {
  console.log(`[install-code-server] ${msg}`);
}

function run(cmd, args, cwd, extraEnv = {}) {
  log(`${path.relative(ROOT, cwd) || '.'}$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false', ...extraEnv },
  });
}

function dpkgInstalled(pkg) {
  try {
    const out = execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.includes('install ok installed');
  } catch {
    return false;
  }
}

/** apt-get the Debian packages code-server and the e2e run need, when missing. */
function ensureDebianPackages(pkgs) {
  const missing = pkgs.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  run('apt-get', ['update'], ROOT, { DEBIAN_FRONTEND: 'noninteractive' });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], ROOT, { DEBIAN_FRONTEND: 'noninteractive' });
}

/** Replaces `linkPath` with a symlink to `target` (relative targets stay relative). */
function symlink(target, linkPath) {
  try {
    fs.rmSync(linkPath, { recursive: true, force: true });
  } catch {
    /* nothing there */
  }
  fs.mkdirSync(path.dirname(linkPath), { recursive: true });
  fs.symlinkSync(target, linkPath);
}

function install() {
  ensureDebianPackages(['libkrb5-dev', 'ripgrep']);
  fs.rmSync(CACHE, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  fs.writeFileSync(
    path.join(CACHE, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true }, null, 2),
  );

  // 2. code-server itself, scripts off; argon2 rebuilt (it calls `npx node-gyp`).
  run('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${VERSION}`], CACHE);
  run('npm', ['rebuild', 'argon2'], CACHE);

  // 3. VS Code's own dependencies and native modules.
  const vscodeDir = path.join(PKG, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  run(
    'npm',
    ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'],
    vscodeDir,
  );

  // 4. What code-server's postinstall would have done.
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  symlink(rg, path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));
  symlink('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));

  // 5. The built-in extensions' dependencies.
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], path.join(vscodeDir, 'extensions'));

  if (!fs.existsSync(ENTRY)) throw new Error(`code-server entry point missing after install: ${ENTRY}`);
  fs.writeFileSync(STAMP, `code-server@${VERSION} installed ${new Date().toISOString()}\n`);
}

/** Returns the path of code-server's `entry.js`, installing it first when needed. */
function ensureCodeServer() {
  if (fs.existsSync(STAMP) && fs.existsSync(ENTRY)) return ENTRY;
  const started = Date.now();
  log(`installing code-server@${VERSION} into ${path.relative(ROOT, CACHE)} (about a minute)`);
  install();
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  return ENTRY;
}

module.exports = { ensureCodeServer, ensureDebianPackages, CODE_SERVER_VERSION: VERSION, CODE_SERVER_ENTRY: ENTRY };

if (require.main === module) {
  try {
    const entry = ensureCodeServer();
    log(`ready: ${path.relative(ROOT, entry)}`);
  } catch (err) {
    console.error(`[install-code-server] failed: ${err && err.message ? err.message : err}`);
    process.exit(1);
  }
}
