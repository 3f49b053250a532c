// The package.json contract, localisation completeness, and command registration, checked from
// the sources so a missing translation or an unregistered command fails CI, not a user. The
// manifest's copies of what the code says (settings, commands, activation events, the agent
// tools' schemas) are held to the code here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EDIT_TOOL, GENERATE_TOOL, inputJsonSchema } from '../../src/agent/toolInputs';
import { COMMANDS, MCP_PROVIDER_ID, STUDIO_VIEW_TYPE } from '../../src/contributionIds';
import { DEFAULT_SETTINGS, SETTING_DECLARATIONS, type Settings } from '../../src/core/job/settings';
import { MARKDOWN_PROVIDERS } from '../../src/markdownProviders';
import * as walkthroughContext from '../../src/vscode/walkthroughContext';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string): string => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const json = (rel: string): Record<string, unknown> => JSON.parse(read(rel)) as Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without type declarations, shared with Node tooling
const { l10nBundle } = require(path.join(ROOT, 'scripts/l10nStrings.js')) as {
  l10nBundle: (roots: string[]) => Promise<Record<string, string>>;
};
/** The translations every string needs: Simplified Chinese, and Traditional Chinese as written in Taiwan. */
const LOCALES = ['zh-cn', 'zh-tw'] as const;

type WalkthroughMedia =
  { markdown: string } | { image: Record<'light' | 'dark' | 'hc' | 'hcLight', string>; altText: string };

interface SettingInManifest {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  markdownEnumDescriptions?: string[];
  minimum?: number;
  maximum?: number;
  scope?: string;
  markdownDescription?: string;
}

interface Manifest {
  name: string;
  displayName: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration:
      { properties: Record<string, SettingInManifest> } | { properties: Record<string, SettingInManifest> }[];
    menus: Record<string, { command: string; when?: string }[]>;
    languageModelTools: { name: string; modelDescription: string; inputSchema: unknown }[];
    mcpServerDefinitionProviders: { id: string }[];
    walkthroughs: {
      id: string;
      title: string;
      steps: { id: string; title: string; description: string; media: WalkthroughMedia; completionEvents: string[] }[];
    }[];
  };
}

/** Every setting package.json declares, whether `configuration` is one object or a list of sections. */
function declaredSettings(pkg: Manifest): Record<string, SettingInManifest> {
  const c = pkg.contributes.configuration;
  return Object.assign({}, ...(Array.isArray(c) ? c : [c]).map((section) => section.properties)) as Record<
    string,
    SettingInManifest
  >;
}

/** Every value under a key named `command` anywhere in `value` (menus, keybindings, walkthrough steps…). */
function commandFields(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) commandFields(v, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'command' && typeof v === 'string') out.push(v);
      else commandFields(v, out);
    }
  }
  return out;
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
    for (const id of ['setApiKey', 'clearApiKey', 'generate', 'editImage', 'selectModel'])
      assert.ok(ids.includes(`geekaiImage.${id}`), id);
    const props = declaredSettings(pkg);
    for (const key of [
      'baseUrl',
      'model',
      'outputFolder',
      'fileName',
      'insertMarkdown',
      'stream',
      'timeoutSeconds',
      'forceImageGeneration',
      'aspectRatio',
      'imageSize',
      'systemPrompt',
    ]) {
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
    assert.ok(
      pkg.contributes.menus['editor/title'].some(
        (m) => m.command === 'geekaiImage.editImage' && /imagePreview\.previewEditor/.test(m.when ?? ''),
      ),
    );
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
    for (const file of [
      'package.nls.json',
      'package.nls.zh-cn.json',
      'package.nls.zh-tw.json',
      'l10n/bundle.l10n.zh-cn.json',
      'l10n/bundle.l10n.zh-tw.json',
    ]) {
      const keys = [...read(file).matchAll(/^ {2}("(?:[^"\\]|\\.)*")\s*:/gm)].map((m) => JSON.parse(m[1]) as string);
      assert.equal(new Set(keys).size, Object.keys(json(file)).length, `${file}: the scan must see every key`);
      assert.deepEqual(
        keys.filter((k, i) => keys.indexOf(k) !== i),
        [],
        `${file} names these keys twice`,
      );
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
        assert.deepEqual(
          strings.filter((s) => !(s in bundle)),
          [],
        );
        const holes = (t: string): string[] => (t.match(/\{\d+\}/g) ?? []).sort();
        for (const s of strings) assert.deepEqual(holes(bundle[s]), holes(s), `placeholders differ in: ${s}`);
      });
    }
  });

  it('package.nls.zh-tw.json and the zh-tw bundle are Traditional Chinese as used in Taiwan, not Simplified', () => {
    const tw = [...Object.values(nlsTw), ...Object.values(json('l10n/bundle.l10n.zh-tw.json'))].map(String).join('\n');
    // Simplified forms and mainland terms a reader in Taiwan would not write.
    for (const word of [
      '图',
      '设置',
      '文件夹',
      '服务器',
      '网络',
      '默认',
      '信息',
      '软件',
      '视频',
      '缓存',
      '鼠标',
      '粘贴',
    ])
      assert.ok(!tw.includes(word), word);
    for (const word of ['資料夾', '檔案', '設定', '伺服器', '網路']) assert.ok(tw.includes(word), word);
  });

  it('contributes exactly the commands of src/contributionIds.ts, each under its own name', () => {
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), Object.values(COMMANDS).sort());
    for (const [name, id] of Object.entries(COMMANDS)) assert.equal(id, `geekaiImage.${name}`);
    for (const c of pkg.contributes.commands) {
      assert.match(c.title, /^%command\.\w+%$/, `${c.command}: a localised title`);
      assert.equal(c.category, '%category%', c.command);
    }
  });

  it('every command is registered under COMMANDS in the source, and no command id is written anywhere else in src', () => {
    const files = srcFiles('src');
    const registered = new Set<string>();
    for (const f of files)
      for (const m of read(f).matchAll(/\bregister(?:Command)?\(\s*COMMANDS\.(\w+)\b/g)) registered.add(m[1]);
    assert.deepEqual([...registered].sort(), Object.keys(COMMANDS).sort());
    // A quoted id or a `command:` link spelt out by hand would drift from the map unseen.
    const ids = new Set<string>(Object.values(COMMANDS));
    const spelt: string[] = [];
    for (const f of [...files, ...srcFiles('shared'), ...srcFiles('media/webview')]) {
      if (f === path.join('src', 'contributionIds.ts')) continue;
      for (const m of read(f).matchAll(/(?:['"`]|command:)(geekaiImage\.\w+)/g))
        if (ids.has(m[1])) spelt.push(`${f}: ${m[1]}`);
      for (const m of read(f).matchAll(/['"`]geekaiImage\.['"`]/g)) spelt.push(`${f}: ${m[0]} (an id put together)`);
    }
    assert.deepEqual(spelt, []);
  });

  it('the walkthrough: four steps, each completed by a real event the extension raises, with media that exist', () => {
    const [walkthrough] = pkg.contributes.walkthroughs;
    assert.equal(pkg.contributes.walkthroughs.length, 1);
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['setApiKey', 'firstImage', 'openStudio', 'placeholder'],
    );
    const contexts = new Set<string>(Object.values(walkthroughContext));
    const commands = new Set(pkg.contributes.commands.map((c) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, name] = event.split(/:(.*)/s);
        assert.ok(
          (kind === 'onContext' && contexts.has(name)) || (kind === 'onCommand' && commands.has(name)),
          `${step.id}: ${event}`,
        );
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
    assert.deepEqual(
      inMenus.filter((id) => !contributed.has(id)),
      [],
    );
  });

  it('every command package.json or its strings name (menus, keybindings, walkthroughs, command: links, onCommand:) is contributed', () => {
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const { commands: _declared, ...rest } = pkg.contributes;
    const named = commandFields(rest).filter((id) => id.startsWith('geekaiImage.'));
    for (const file of ['package.json', 'package.nls.json', 'package.nls.zh-cn.json']) {
      for (const m of read(file).matchAll(/(?:command:|onCommand:)(geekaiImage\.\w+)/g)) named.push(m[1]);
    }
    assert.ok(named.length > 0);
    assert.deepEqual(
      named.filter((id) => !contributed.has(id)),
      [],
    );
  });

  it('declares exactly the settings of core/job/settings.ts: defaults, types, enums, bounds, scopes and trust', () => {
    const props = declaredSettings(pkg);
    const names = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];
    assert.deepEqual(Object.keys(SETTING_DECLARATIONS).sort(), [...names].sort());
    assert.deepEqual(Object.keys(props).sort(), names.map((k) => `geekaiImage.${k}`).sort());
    for (const key of names) {
      const id = `geekaiImage.${key}`;
      const p = props[id];
      const d = SETTING_DECLARATIONS[key];
      const value = DEFAULT_SETTINGS[key];
      assert.equal(p.type, d.type, `${id}: type`);
      assert.deepEqual(p.default, value, `${id}: default`);
      assert.deepEqual(p.enum, d.enum === undefined ? undefined : [...d.enum], `${id}: enum`);
      assert.equal(p.minimum, d.minimum, `${id}: minimum`);
      assert.equal(p.maximum, d.maximum, `${id}: maximum`);
      assert.equal(p.scope ?? 'window', d.scope ?? 'window', `${id}: scope`);
      assert.match(p.markdownDescription ?? '', /^%config\.\w+%$/, `${id}: a localised description`);
      // The default is a value of the declared type, inside its own enum and bounds.
      assert.equal(typeof value, d.type === 'integer' ? 'number' : d.type, `${id}: the default's type`);
      if (d.type === 'integer') assert.ok(Number.isInteger(value), id);
      if (d.enum) assert.ok(d.enum.includes(value as string), `${id}: the default is one of the enum`);
      if (typeof value === 'number')
        assert.ok(
          value >= (d.minimum ?? -Infinity) && value <= (d.maximum ?? Infinity),
          `${id}: the default within bounds`,
        );
      if (p.markdownEnumDescriptions)
        assert.equal(p.markdownEnumDescriptions.length, p.enum?.length, `${id}: one description per value`);
    }
    const restricted = names.filter((k) => SETTING_DECLARATIONS[k].restricted).map((k) => `geekaiImage.${k}`);
    assert.deepEqual(
      [...(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(),
      restricted.sort(),
    );
  });

  it("activates on the languages of the Markdown providers, the Studio's view type and each agent tool", () => {
    const languages = [...new Set(Object.values(MARKDOWN_PROVIDERS).map((p) => p.language))];
    const expected = [
      ...languages.map((l) => `onLanguage:${l}`),
      `onWebviewPanel:${STUDIO_VIEW_TYPE}`,
      ...[GENERATE_TOOL, EDIT_TOOL].map((t) => `onLanguageModelTool:${t.lmName}`),
      // Jobs the server ran on while the window was closed are resumed, and the MCP server offered, after start-up.
      'onStartupFinished',
    ];
    assert.deepEqual([...pkg.activationEvents].sort(), expected.sort());
    assert.deepEqual(
      pkg.contributes.mcpServerDefinitionProviders.map((p) => p.id),
      [MCP_PROVIDER_ID],
    );
  });

  it("declares the agent tools as src/agent/toolInputs.ts says: names, descriptions and the zod schemas' JSON Schema", () => {
    const tools = pkg.contributes.languageModelTools;
    assert.deepEqual(
      tools.map((t) => t.name),
      [GENERATE_TOOL.lmName, EDIT_TOOL.lmName],
    );
    for (const info of [GENERATE_TOOL, EDIT_TOOL]) {
      const declared = tools.find((t) => t.name === info.lmName);
      assert.equal(declared?.modelDescription, info.description, info.lmName);
      // The expected JSON is in the failure message, to paste into package.json.
      const schema = inputJsonSchema(info.schema);
      assert.deepEqual(
        declared?.inputSchema,
        schema,
        `${info.lmName}'s inputSchema should be ${JSON.stringify(schema)}`,
      );
    }
  });
});
