// docs/files.md, made from the code: every source file under the folders below with its opening
// comment (what it holds), grouped by folder. `npm run docs:files` writes it; a unit test fails
// when the committed file differs, so the index cannot drift from the tree the way hand-kept
// tables did. Product code must open with such a comment; tests may.
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'files.md');
/** Folders indexed, and whether each of their files must say what it holds. */
const FOLDERS = [
  { dir: 'src', required: true },
  { dir: 'shared', required: true },
  { dir: 'media/webview', required: true },
  { dir: 'bench', required: true },
  { dir: 'scripts', required: false },
  { dir: 'test', required: false },
];
const SOURCE = /\.(ts|js|mjs)$/;
/** A description longer than this is cut at a sentence or word (the file itself has the rest). */
const MAX_CHARS = 320;

function walk(dir, out = []) {
  for (const e of fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) walk(rel, out);
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The file's opening comment as one line: `//` lines, or a `/* … *\/` block, before any code. */
function openingComment(text) {
  const lines = text.replace(/^#!.*\n/, '').split('\n');
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  const said = [];
  if (lines[i]?.trim().startsWith('//')) {
    for (; i < lines.length && lines[i].trim().startsWith('//'); i++) {
      const l = lines[i].trim().replace(/^\/\/\s?/, '');
      if (l === '' && said.length) break; // the first paragraph only
      said.push(l);
    }
  } else if (lines[i]?.trim().startsWith('/*')) {
    for (; i < lines.length; i++) {
      const l = lines[i].trim();
      said.push(
        l
          .replace(/^\/\*\*?\s?/, '')
          .replace(/\*\/$/, '')
          .replace(/^\*\s?/, ''),
      );
      if (l.endsWith('*/')) break;
    }
  }
  const one = said.join(' ').replace(/\s+/g, ' ').trim();
  if (one.length <= MAX_CHARS) return one;
  const cut = one.slice(0, MAX_CHARS);
  const stop = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('; '));
  return stop > MAX_CHARS / 2 ? cut.slice(0, stop + 1) : `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

/** The index's text, and the product files that do not say what they hold. */
function fileIndex() {
  const parts = [
    '# Files',
    '',
    'Every source file and the comment it opens with, folder by folder. Made by `npm run docs:files`',
    '(scripts/fileIndex.js); `npm test` fails when it is out of date. The folders, the seams between',
    'them and the recipes are in [architecture.md](architecture.md).',
  ];
  const silent = [];
  for (const { dir, required } of FOLDERS) {
    const byFolder = new Map();
    for (const file of walk(dir)) {
      const folder = path.posix.dirname(file);
      if (!byFolder.has(folder)) byFolder.set(folder, []);
      const said = openingComment(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      if (!said && required) silent.push(file);
      byFolder.get(folder).push([path.posix.basename(file), said]);
    }
    for (const [folder, files] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
      parts.push('', `## ${folder}/`, '', '| file | holds |', '|---|---|');
      for (const [name, said] of files) parts.push(`| \`${name}\` | ${said.replace(/\|/g, '\\|')} |`);
    }
  }
  return { text: parts.join('\n') + '\n', silent };
}

module.exports = { fileIndex, OUT };

if (require.main === module) {
  const { text, silent } = fileIndex();
  fs.writeFileSync(OUT, text);
  console.log(`wrote ${path.relative(ROOT, OUT)}`);
  if (silent.length) {
    console.error(`these files do not open with a comment saying what they hold:\n${silent.join('\n')}`);
    process.exitCode = 1;
  }
}
