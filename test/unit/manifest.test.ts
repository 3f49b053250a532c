// The package.json contract, localisation completeness, and command registration, checked from
// the sources so a missing translation or an unregistered command fails CI, not a user.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as walkthroughContext from '../../src/vscode/walkthroughContext';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const json = (rel: string): Record<string, unknown> => JSON.parse(read(rel)) as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without type declarations, shared with Node tooling
const { l10nBundle } = require(path.join(ROOT, 'scripts/l10nStrings.js')) as { l10nBundle: (roots: string[]) => Promise<Record<string, string>> };
/** The translations every string needs: Simplified Chinese, and Traditional Chinese as written in Taiwan. */
const LOCALES = ['zh-cn', 'zh-tw'] as const;

type WalkthroughMedia = { markdown: string } | { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };

interface Manifest {
  name: string;
  displayName: string;
  engines: { vscode: string };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { markdownDescription?: string; default?: unknown }> };
    menus: Record<string, { command: string; when?: string }[]>;
    walkthroughs: { id: string; title: string; steps: { id: string; title: string; description: string; media: WalkthroughMedia; completionEvents: string[] }[] }[];
  };
}

function srcFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? srcFiles(rel) : rel.endsWith('.ts') ? [rel] : [];
  });
}

describe('package.json contract and localisation', () => {
  const pkg = json('package.json') as unknown as Manifest;
  const nls = json('package.nls.json');
  const nlsZh = json('package.nls.zh-cn.json');
  const nlsTw = json('package.nls.zh-tw.json');

  it('has the ids the issue fixes', () => {
    assert.equal(pkg.name, 'geekai-image-studio');
    assert.equal(pkg.displayName, 'GeekAI Image Studio');
    assert.equal(nls.category, 'GeekAI Image');
    assert.equal(nlsZh.category, 'GeekAI 图像');
    const ids = pkg.contributes.commands.map((c) => c.command);
    for (const id of ['setApiKey', 'clearApiKey', 'generate', 'editImage', 'selectModel']) assert.ok(ids.includes(`geekaiImage.${id}`), id);
    const props = pkg.contributes.configuration.properties;
    for (const key of ['baseUrl', 'model', 'outputFolder', 'fileName', 'insertMarkdown', 'stream', 'timeoutSeconds', 'forceImageGeneration', 'aspectRatio', 'imageSize', 'systemPrompt']) {
      assert.ok(props[`geekaiImage.${key}`]?.markdownDescription, key);
    }
    assert.equal(props['geekaiImage.baseUrl'].default, 'https://geekai.co/api/v1');
    assert.equal(props['geekaiImage.model'].default, 'gemini-2.5-flash-image');
    assert.equal(props['geekaiImage.timeoutSeconds'].default, 300);
  });

  it('accepts VS Code 1.95 and code-server 1.100, with @types/vscode no newer than engines', () => {
    assert.equal(pkg.engines.vscode, '^1.95.0');
    const types = (json('package.json').devDependencies as Record<string, string>)['@types/vscode'];
    assert.equal(types, '1.95.0');
  });

  it('offers Edit Image with AI for every image type in the explorer, case-insensitively', () => {
    const entry = pkg.contributes.menus['explorer/context'].find((m) => m.command === 'geekaiImage.editImage');
    const re = /resourceExtname =~ \/(.*)\/i/.exec(entry?.when ?? '');
    assert.ok(re);
    const rx = new RegExp(re[1].replace(/\\\\/g, '\\'), 'i');
    for (const ext of ['.png', '.PNG', '.jpg', '.JPEG', '.webp', '.gif']) assert.ok(rx.test(ext), ext);
    for (const ext of ['.svg', '.md', '.pngx']) assert.ok(!rx.test(ext), ext);
    assert.ok(pkg.contributes.menus['editor/title'].some((m) => m.command === 'geekaiImage.editImage' && /imagePreview\.previewEditor/.test(m.when ?? '')));
  });

  it('every %key% in package.json exists in both package.nls files, and they hold the same keys', () => {
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20);
    for (const k of keys) {
      assert.ok(k in nls, `package.nls.json lacks ${k}`);
      assert.ok(k in nlsZh, `package.nls.zh-cn.json lacks ${k}`);
      assert.ok(k in nlsTw, `package.nls.zh-tw.json lacks ${k}`);
    }
    assert.deepEqual(Object.keys(nlsZh).sort(), Object.keys(nls).sort());
    assert.deepEqual(Object.keys(nlsTw).sort(), Object.keys(nls).sort());
  });

  it('names no key twice in the string tables (JSON.parse would keep the last one silently)', () => {
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json', 'package.nls.zh-tw.json', 'l10n/bundle.l10n.zh-cn.json', 'l10n/bundle.l10n.zh-tw.json']) {
      const keys = [...read(file).matchAll(/^ {2}("(?:[^"\\]|\\.)*")\s*:/gm)].map((m) => JSON.parse(m[1]) as string);
      assert.equal(new Set(keys).size, Object.keys(json(file)).length, `${file}: the scan must see every key`);
      assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], `${file} names these keys twice`);
    }
  });

  describe('every l10n.t() string, as @vscode/l10n-dev extracts them from src', () => {
    let strings: string[] = [];
    before(async function () {
      this.timeout(60_000);
      strings = Object.keys(await l10nBundle([path.join(ROOT, 'src')]));
    });

    it('finds the strings of the commands, the Studio and the agent tools', () => {
      assert.ok(strings.length > 300, `${strings.length} strings`);
      for (const s of ['No GeekAI API key is set.', 'Generate', 'Model: {0}']) assert.ok(strings.includes(s), s);
    });

    for (const locale of LOCALES) {
      it(`each has a ${locale} translation keeping its placeholders`, () => {
        const bundle = json(`l10n/bundle.l10n.${locale}.json`) as Record<string, string>;
        assert.deepEqual(strings.filter((s) => !(s in bundle)), []);
        const holes = (t: string): string[] => (t.match(/\{\d+\}/g) ?? []).sort();
        for (const s of strings) assert.deepEqual(holes(bundle[s]), holes(s), `placeholders differ in: ${s}`);
      });
    }
  });

  it('package.nls.zh-tw.json and the zh-tw bundle are Traditional Chinese as used in Taiwan, not Simplified', () => {
    const tw = [...Object.values(nlsTw), ...Object.values(json('l10n/bundle.l10n.zh-tw.json'))].map(String).join('\n');
    // Simplified forms and mainland terms a reader in Taiwan would not write.
    for (const word of ['图', '设置', '文件夹', '服务器', '网络', '默认', '信息', '软件', '视频', '缓存', '鼠标', '粘贴']) assert.ok(!tw.includes(word), word);
    for (const word of ['資料夾', '檔案', '設定', '伺服器', '網路']) assert.ok(tw.includes(word), word);
  });

  it('every contributed command is registered, and every registered command is contributed', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const constants = new Map<string, string>();
    const registered = new Set<string>();
    const sources = srcFiles('src').map((f) => read(f));
    for (const text of sources) for (const m of text.matchAll(/const (\w+) = '(geekaiImage\.\w+)'/g)) constants.set(m[1], m[2]);
    for (const text of sources) {
      for (const m of text.matchAll(/\bregister(?:Command)?\(\s*(?:'(geekaiImage\.\w+)'|(\w+))/g)) {
        const id = m[1] ?? constants.get(m[2] ?? '');
        if (id) registered.add(id);
      }
    }
    assert.deepEqual([...registered].sort(), contributed);
  });

  it('the walkthrough: four steps, each completed by a real event the extension raises, with media that exist', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.equal(pkg.contributes.walkthroughs.length, 1);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['setApiKey', 'firstImage', 'openStudio', 'placeholder']);
    const contexts = new Set<string>(Object.values(walkthroughContext));
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(/:(.*)/s);
        assert.ok((kind === 'onContext' && contexts.has(name)) || (kind === 'onCommand' && commands.has(name)), `${step.id}: ${event}`);
      }
      const files = 'markdown' in step.media ? [step.media.markdown] : Object.values(step.media.image);
      for (const f of files) assert.ok(fs.existsSync(path.join(ROOT, f)), `${step.id}: ${f}`);
    }
    // Every button in a step's description runs a contributed command, in both languages.
    for (const table of [nls, nlsZh]) {
      for (const step of walkthrough.steps) {
        const text = String(table[step.description.replace(/%/g, '')]);
        const links = [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
        assert.ok(links.length > 0, step.id);
        for (const id of links) assert.ok(commands.has(id), `${step.id}: ${id}`);
      }
    }
  });

  it('menus name only contributed commands', () => {
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const inMenus = Object.values(pkg.contributes.menus).flatMap((items) => items.map((m) => m.command));
    assert.ok(inMenus.length > 0);
    assert.deepEqual(inMenus.filter((id) => !contributed.has(id)), []);
  });
});
