// The strings of every `l10n.t(...)` call in src, extracted by @vscode/l10n-dev (the tool VS Code
// made for it; its parser, not a regex). Used by the l10n test (every string must have a zh-cn and
// a zh-tw translation) and by translators: `npm run l10n` writes them to l10n/bundle.l10n.json
// (git-ignored; the English strings are the source, so the extension does not need it).
//
// l10n-dev reads only files that import `vscode` (or `@vscode/l10n`). The agent tools and the
// Studio's strings call `l10n.t` on a Translator VS Code's own `l10n` is handed in as, in files
// that must not import `vscode` (the MCP server runs without it): for those the import l10n-dev
// looks for is put in front of the text it reads.
const fs = require('fs');
const path = require('path');
const { getL10nJson } = require('@vscode/l10n-dev');

const IMPORTS_VSCODE = /\bfrom\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/;

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ts$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Every string passed to `l10n.t` in the TypeScript files under `roots`, as l10n-dev's bundle (message → message). */
async function l10nBundle(roots) {
  const files = roots.flatMap((r) => (fs.statSync(r).isDirectory() ? walk(r) : [r]));
  // Parsing costs about 0.1 s a file: the ones that never call `.t(` cannot hold a string.
  const texts = files.map((file) => fs.readFileSync(file, 'utf8')).filter((text) => /\.t\(/.test(text));
  const scripts = texts.map((text) => ({
    extension: '.ts',
    contents: IMPORTS_VSCODE.test(text) ? text : `import { l10n } from 'vscode';\n${text}`,
  }));
  const bundle = await getL10nJson(scripts);
  // A call with a translator comment is keyed `message/comment`; the message is what is shown.
  return Object.fromEntries(
    Object.values(bundle).map((v) => (typeof v === 'string' ? [v, v] : [v.message, v.message])),
  );
}

module.exports = { l10nBundle };

if (require.main === module) {
  const root = path.join(__dirname, '..');
  l10nBundle([path.join(root, 'src')]).then((bundle) => {
    const out = path.join(root, 'l10n', 'bundle.l10n.json');
    fs.writeFileSync(out, `${JSON.stringify(bundle, null, 2)}\n`);
    const missing = {};
    for (const locale of ['zh-cn', 'zh-tw']) {
      const file = path.join(root, 'l10n', `bundle.l10n.${locale}.json`);
      const have = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
      missing[locale] = Object.keys(bundle).filter((s) => !(s in have));
    }
    console.log(`${Object.keys(bundle).length} strings written to ${path.relative(root, out)}; without a translation:`);
    console.log(JSON.stringify(missing, null, 2));
  });
}
