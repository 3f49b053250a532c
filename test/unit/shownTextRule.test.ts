// The ESLint rule `local/shown-text` (eslint/shownTextRule.mjs) finds text from outside that reaches
// a place VS Code renders without passing through shownText, and takes what did. Run on a small
// TypeScript project laid out like this one (a Ui port, the real sink, VS Code's typings), with
// type information, as `npm run lint` runs it on src/.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

const PORTS = `import type * as vscode from 'vscode';
export interface ProgressReport { message?: string; percent?: number }
export interface PickItem { label: string; description?: string; detail?: string }
export interface Ui {
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  confirm(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  pick<T extends PickItem>(items: readonly T[], o: { title: string }): Promise<T | undefined>;
  progress<T>(title: string, task: (report: (r: ProgressReport) => void) => Promise<T>): Promise<T>;
  open(uri: vscode.Uri): Promise<void>;
}
`;

/** What a server answered, as the code gets it: text the rule cannot vouch for. */
const PROBE_HEAD = `import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { shownText } from '../core/text/shownText';
import type { Ui } from './ports';
export interface Answer { status: string; alt: string; model: string; host: string }
`;

const dirs: string[] = [];

/**
 * A fresh project holding only the port, the sink and the probe, written before ESLint builds its
 * program: a probe rewritten inside one long-lived project was, in a fresh clone's full run, linted
 * against the program's older copy and the rule found nothing.
 */
function project(source: string): { eslint: ESLint; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-shown-text-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'src/vscode'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src/core/text'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(ROOT, 'src/core/text/shownText.ts'), path.join(dir, 'src/core/text/shownText.ts'));
  fs.writeFileSync(path.join(dir, 'src/vscode/ports.ts'), PORTS);
  const file = path.join(dir, 'src/vscode/probe.ts');
  fs.writeFileSync(file, source);
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'node20',
        moduleResolution: 'node16',
        lib: ['ES2022'],
        types: ['vscode'],
        strict: true,
        skipLibCheck: true,
      },
      include: ['src'],
    }),
  );
  const rule = pathToFileURL(path.join(ROOT, 'eslint/shownTextRule.mjs')).href;
  const parser = pathToFileURL(require.resolve('typescript-eslint', { paths: [ROOT] })).href;
  fs.writeFileSync(
    path.join(dir, 'eslint.config.mjs'),
    `import local from '${rule}';\nimport tseslint from '${parser}';\nexport default [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json', tsconfigRootDir: ${JSON.stringify(dir)} } }, plugins: { local }, rules: { 'local/shown-text': 'error' } }];\n`,
  );
  return { eslint: new ESLint({ cwd: dir, overrideConfigFile: path.join(dir, 'eslint.config.mjs') }), file };
}

/** The rule's messages for `body` (statements after `const a = JSON.parse(answer) as Answer`). */
async function messages(body: string): Promise<string[]> {
  const source = `${PROBE_HEAD}export async function probe(ui: Ui, answer: string): Promise<void> {\n  const a = JSON.parse(answer) as Answer;\n${body}\n}\n`;
  const { eslint, file } = project(source);
  const [result] = await eslint.lintFiles([file]);
  const other = result.messages.filter((m) => m.ruleId !== 'local/shown-text');
  assert.deepEqual(other, [], 'the probe itself is valid TypeScript');
  return result.messages.map((m) => m.message);
}

describe('ESLint rule local/shown-text (outside text reaches VS Code only through shownText)', function () {
  this.timeout(120_000);

  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const reported: [string, string, RegExp][] = [
    [
      "Write Alt Text's warning with the model's words as they came",
      "void ui.warn(l10n.t('The suggestion was: {0}', a.alt));",
      /`a\.alt`.*may be outside text/,
    ],
    [
      'a streamed status line in the progress notification',
      "await ui.progress('GeekAI Image', async (report) => report({ message: a.status }));",
      /`a\.status`/,
    ],
    [
      'a host name in the key-origin modal',
      "await ui.confirm(l10n.t('Send your GeekAI key to {0}?', a.host), 'detail');",
      /`a\.host`/,
    ],
    ['a modal detail', "await ui.confirm('Send?', a.host);", /`a\.host`/],
    ["a notification's button", "await ui.info('Saved', a.model);", /`a\.model`/],
    ['a quick pick label', "await ui.pick([{ label: a.model }], { title: 'Model' });", /`a\.model`/],
    ['a whole sentence built by concatenation', "void ui.info('Model: ' + a.model);", /`a\.model`/],
    [
      'text escaped for Markdown shown in a notification (backslashes)',
      "void ui.info(shownText(a.alt, 'markdown'));",
      /is shown as plain: use shownText\(…, 'plain'\), not 'markdown'/,
    ],
    [
      'plain text in a MarkdownString (a bare URL would be a link)',
      'void new vscode.MarkdownString(shownText(a.alt));',
      /is shown as markdown: use shownText\(…, 'markdown'\), not 'plain'/,
    ],
    ["the log's text in a notification (not defused)", "void ui.info(shownText(a.alt, 'log'));", /not 'log'/],
  ];
  for (const [what, body, says] of reported) {
    it(`reports ${what}`, async () => {
      const found = await messages(body);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], says);
      assert.match(found[0], /Pass outside text through shownText\(\)/);
    });
  }

  const accepted: [string, string][] = [
    [
      'the warning with the suggestion through the sink',
      "void ui.warn(l10n.t('The suggestion was: {0}', shownText(a.alt)));",
    ],
    [
      'the status line through the sink, a literal title',
      "await ui.progress('GeekAI Image', async (report) => report({ message: shownText(a.status), percent: 5 }));",
    ],
    [
      'a host through the sink in a modal',
      "await ui.confirm(l10n.t('Send your GeekAI key to {0}?', shownText(a.host)), l10n.t('Only if you trust {0}.', shownText(a.host)), 'Send');",
    ],
    [
      'a label through the sink, numbers and literals',
      "const n = 3;\nawait ui.pick([{ label: shownText(a.model), description: l10n.t('{0} images', n) }], { title: 'Model' });",
    ],
    [
      'Markdown escaped for Markdown',
      "void new vscode.MarkdownString(`**Model:** ${shownText(a.model, 'markdown')}`);",
    ],
  ];
  for (const [what, body] of accepted) {
    it(`takes ${what}`, async () => {
      assert.deepEqual(await messages(body), []);
    });
  }
});
