// Would the package pass both registries' publishing checks? Open VSX's server-side validation
// (ExtensionValidator: field sizes, URLs, version characters, gallery banner values; a license is
// mandatory) plus its documented requirements (repository, displayName, publisher, a PNG icon of
// at least 128x128, semver, no `*` activation, engines.vscode), and the Marketplace's (at most 30
// keywords, known categories). The real packager runs once: no warning, and everything the README
// shows is inside the .vsix, where VS Code's extension page resolves relative links.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findImageLinks } from '../../src/core/text/imageLinks';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');

interface PackageJson {
  name: string;
  publisher: string;
  displayName: string;
  description: string;
  version: string;
  license?: string;
  icon?: string;
  repository?: { type: string; url: string };
  bugs?: { url: string };
  homepage?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  activationEvents?: string[];
  engines: { vscode?: string };
}

/** The Marketplace's categories, as the extension manifest documents them. */
const MARKETPLACE_CATEGORIES = [
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
  'Other',
];
/** Open VSX: names match this, strings are at most 255 characters, the description at most 2048. */
const NAME = /^[\w\-+$~]+$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/;
/** Control, format, private-use and separator characters, which Open VSX refuses in text fields. */
const BAD_CHARS = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

function isUrl(value: string): boolean {
  try {
    return new URL(value.replace(/^git\+/, '')).host !== '';
  } catch {
    return false;
  }
}

/** Width and height from a PNG's IHDR chunk; undefined when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The entry names of a zip file, from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'broken central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

describe('publishing: Open VSX and Marketplace checks', () => {
  const pkg = JSON.parse(read('package.json')) as PackageJson;
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
  const text = (v: string): string => v.replace(/^%(.+)%$/, (_, k: string) => nls[k] ?? v);

  it('names a publisher and an extension Open VSX accepts, and a displayName and description within its limits', () => {
    assert.match(pkg.publisher, NAME);
    assert.match(pkg.name, NAME);
    for (const [field, value, limit] of [
      ['displayName', pkg.displayName, 255],
      ['description', text(pkg.description), 2048],
    ] as const) {
      assert.ok(value.trim().length > 0, `${field} is empty`);
      assert.ok(value.length <= limit, `${field} is longer than ${limit}`);
      assert.doesNotMatch(value, BAD_CHARS, field);
    }
  });

  it('has a license (mandatory on Open VSX) and ships its text', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(read('LICENSE'), /MIT License/);
  });

  it('names its repository, bugs and homepage as URLs of at most 255 characters', () => {
    for (const [field, value] of [
      ['repository', pkg.repository?.url],
      ['bugs', pkg.bugs?.url],
      ['homepage', pkg.homepage],
    ] as const) {
      assert.ok(value && isUrl(value), `${field} is not a URL: ${value}`);
      assert.ok(value.length <= 255, `${field} is too long`);
    }
    assert.equal(pkg.repository?.type, 'git');
  });

  it('has a PNG icon of at least 128x128 pixels', () => {
    assert.ok(pkg.icon, 'no icon');
    const size = pngSize(fs.readFileSync(path.join(ROOT, pkg.icon)));
    assert.ok(size, `${pkg.icon} is not a PNG`);
    assert.ok(size.width >= 128 && size.height >= 128, `${pkg.icon} is ${size.width}x${size.height}`);
  });

  it('has a semver version with a release heading in CHANGELOG.md', () => {
    assert.match(pkg.version, SEMVER);
    assert.ok(!['latest', 'pre-release', 'reviews'].includes(pkg.version));
    assert.match(read('CHANGELOG.md'), new RegExp(`^## \\[?${pkg.version.replace(/\./g, '\\.')}\\]?`, 'm'));
  });

  it('does not activate on `*`, and names the VS Code versions it runs on', () => {
    assert.ok(pkg.activationEvents && !pkg.activationEvents.includes('*'));
    assert.match(pkg.engines.vscode ?? '', /^\^\d+\.\d+\.\d+$/);
  });

  it('has known categories, at most 30 keywords, and a gallery banner both registries take', () => {
    assert.ok(pkg.categories && pkg.categories.length > 0);
    for (const c of pkg.categories) assert.ok(MARKETPLACE_CATEGORIES.includes(c), c);
    assert.deepEqual(
      pkg.categories.filter((c) => c !== 'Other'),
      ['AI', 'Visualization'],
    );
    const keywords = pkg.keywords ?? [];
    assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords`);
    assert.equal(new Set(keywords).size, keywords.length, 'a keyword twice');
    for (const k of keywords) assert.ok(k.length <= 255 && !BAD_CHARS.test(k), k);
    for (const zh of ['图片', '生成', '画图']) assert.ok(keywords.includes(zh), zh);
    assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-fA-F]{6}$/);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner?.theme ?? ''));
  });

  describe('the .vsix as `vsce package` makes it', function () {
    this.timeout(120_000);
    let out: string;
    let entries: string[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-vsix-'));

    before(() => {
      const vsix = path.join(dir, 'test.vsix');
      const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
      // The flags of `npm run package`, with no input: a warning that asks "continue?" fails here.
      out = execFileSync(
        process.execPath,
        [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix],
        {
          cwd: ROOT,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      entries = zipEntries(fs.readFileSync(vsix));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('packages without a warning', () => {
      assert.doesNotMatch(out, /WARNING|warn/i);
      assert.ok(entries.includes('extension/package.json'));
    });

    it('holds every image the README and the walkthrough show, at the relative path they name', () => {
      const shown = (file: string): string[] =>
        findImageLinks(read(file))
          .map((l) => decodeURI(l.target))
          .filter((t) => !/^[a-z]+:/i.test(t))
          .map((t) => path.posix.join(path.posix.dirname(file), t));
      const images = shown('README.md');
      assert.ok(images.length >= 4, `the README shows ${images.length} images`);
      const walkthrough = JSON.parse(read('package.json')) as {
        contributes: { walkthroughs: { steps: { media: { markdown?: string; image?: Record<string, string> } }[] }[] };
      };
      const media = walkthrough.contributes.walkthroughs.flatMap((w) =>
        w.steps.flatMap((s) => (s.media.markdown ? [s.media.markdown] : Object.values(s.media.image ?? {}))),
      );
      for (const image of [...images, ...media]) {
        assert.ok(fs.existsSync(path.join(ROOT, image)), `${image} does not exist`);
        assert.ok(entries.includes(`extension/${image}`), `${image} is not in the .vsix`);
      }
      // Reasonably small: the pictures are optimised and the page loads them all at once.
      for (const image of new Set([...images, ...media].filter((f) => f.endsWith('.png')))) {
        const bytes = fs.statSync(path.join(ROOT, image)).size;
        assert.ok(bytes < 200 * 1024, `${image} is ${Math.round(bytes / 1024)} KB`);
      }
    });
  });
});
