// Lists every string literal passed to l10n.t(...) in the given TypeScript files.
// Used by the l10n test (every string must have a zh-cn translation) and by translators.
const fs = require('fs');
const path = require('path');

const CALL = /\bl10n\.t\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.)*`)/g;

function unquote(lit) {
  const body = lit.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c) => ({ n: '\n', t: '\t' })[c] ?? c);
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

function l10nStrings(roots) {
  const found = new Map();
  for (const root of roots) {
    for (const file of fs.statSync(root).isDirectory() ? walk(root) : [root]) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(CALL)) {
        const s = unquote(m[1]);
        if (!found.has(s)) found.set(s, file);
      }
    }
  }
  return found;
}

module.exports = { l10nStrings };

if (require.main === module) {
  const bundlePath = path.join(__dirname, '..', 'l10n', 'bundle.l10n.zh-cn.json');
  const bundle = fs.existsSync(bundlePath) ? JSON.parse(fs.readFileSync(bundlePath, 'utf8')) : {};
  const missing = [...l10nStrings(process.argv.slice(2).length ? process.argv.slice(2) : ['src']).keys()].filter((s) => !(s in bundle));
  console.log(JSON.stringify(missing, null, 2));
}
