// The frame every scenario shares: a fresh workbench tab, a screenshot of the
// end state (or of the failure), and the flows several scenarios repeat.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ctx, type RecordedRequest } from './context';
import { imageSnapshot, sleep, waitFor } from './files';
import { Workbench } from './ui';

export const TITLES = {
  setApiKey: 'GeekAI Image: Set API Key',
  generate: 'GeekAI Image: Generate Image…',
  selectModel: 'GeekAI Image: Select Model',
  openStudio: 'GeekAI Image: Open Image Studio',
  editImage: 'Edit Image with AI…',
} as const;

/** One `it` with its own workbench tab and a screenshot `NN-slug.png` (or `-FAILED`) at the end. */
export function scenario(n: number, title: string, body: (wb: Workbench) => Promise<void>): void {
  describe(`scenario ${n}`, function () {
    it(title, async function () {
      const slug = `${String(n).padStart(2, '0')}-${title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 60)
        .replace(/^-+|-+$/g, '')}`;
      let wb: Workbench | undefined;
      let failed = true;
      try {
        wb = await Workbench.open();
        await body(wb);
        failed = false;
      } finally {
        if (wb) {
          const file = path.join(ctx().artifactsDir, `${slug}${failed ? '-FAILED' : ''}.png`);
          await wb.screenshot(file);
          // Every state the notifications went through, for reading alongside the screenshot.
          const log = await wb.toastLog().catch(() => []);
          if (log.length)
            fs.writeFileSync(
              path.join(ctx().artifactsDir, `${slug}${failed ? '-FAILED' : ''}-notifications.txt`),
              log.join('\n') + '\n',
            );
          await wb.close();
        }
      }
    });
  });
}

/** A key the scenarios can recognise anywhere it leaks to. */
export function newApiKey(): string {
  return `sk-e2e-SECRET-${crypto.randomBytes(9).toString('hex')}`;
}

/** Sets the API key through the command palette and returns it. */
export async function setApiKey(wb: Workbench, key = newApiKey()): Promise<string> {
  await wb.runCommand(TITLES.setApiKey);
  const box = await wb.answerInputBox(key);
  if (box.type !== 'password') throw new Error(`the API key input box should hide what is typed (type=${box.type})`);
  await waitFor(
    'the key input box to close',
    async () => !(await wb.page.locator('.quick-input-widget').isVisible()),
    10_000,
  );
  await sleep(500);
  ctx().state.apiKey = key;
  return key;
}

/** Scenarios after the first rely on a key being stored; set one if scenario 1 did not. */
export async function ensureApiKey(wb: Workbench): Promise<string> {
  return ctx().state.apiKey ?? setApiKey(wb);
}

/** Requests the test server received from index `from` on that are chat completions. */
export function completionsSince(from: number): RecordedRequest[] {
  return ctx()
    .server.requests.slice(from)
    .filter((r) => r.method === 'POST' && /\/chat\/completions$/.test(r.path.split('?')[0]));
}

/**
 * The first request from index `from` on that `pred` accepts, waiting up to `timeoutMs`. The server
 * keeps every request of the run, so a scenario must not match one an earlier scenario caused.
 */
export async function requestSince(
  from: number,
  pred: (r: RecordedRequest) => boolean,
  timeoutMs = 30_000,
): Promise<RecordedRequest> {
  return waitFor(
    'a matching request at the test server',
    () => ctx().server.requests.slice(from).find(pred),
    timeoutMs,
    100,
  );
}

export async function waitForCompletion(from: number, timeoutMs = 30_000): Promise<RecordedRequest> {
  return waitFor('a chat-completions request at the test server', () => completionsSince(from)[0], timeoutMs, 100);
}

export function header(r: RecordedRequest, name: string): string | undefined {
  const v = r.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The state a generation starts from: server request index and images on disk. */
export function mark(): { from: number; images: Map<string, string> } {
  return { from: ctx().server.requests.length, images: imageSnapshot(ctx().workspace) };
}

/** Opens a Markdown file, puts the cursor at the start of `line` and runs Generate Image… with `prompt`. */
export async function generateInMarkdown(wb: Workbench, file: string, line: number, prompt: string): Promise<void> {
  await wb.openFile(file);
  await wb.goToLine(line);
  await wb.runCommand(TITLES.generate);
  await wb.answerInputBox(prompt);
}

/** The output folder the settings give for a document, when it uses only variables we know. */
export function expectedOutputFolder(markdownFile: string): string | undefined {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes?: {
      configuration?:
        | { properties?: Record<string, { default?: unknown }> }
        | { properties?: Record<string, { default?: unknown }> }[];
    };
  };
  const configs = pkg.contributes?.configuration;
  const props = Object.assign(
    {},
    ...(Array.isArray(configs) ? configs : configs ? [configs] : []).map((c) => c.properties ?? {}),
  ) as Record<string, { default?: unknown }>;
  const setting = (ctx().settings['geekaiImage.outputFolder'] ??
    props['geekaiImage.outputFolder']?.default ??
    '${documentDir}/images') as string;
  const resolved = setting
    .replace(/\$\{documentDir\}/g, path.dirname(markdownFile))
    .replace(/\$\{workspaceFolder\}/g, ctx().workspace);
  if (/\$\{/.test(resolved)) return undefined;
  return path.isAbsolute(resolved) ? path.normalize(resolved) : path.resolve(ctx().workspace, resolved);
}

type Part = { type?: string; text?: string; image_url?: { url?: string } | string };
type Message = { role?: string; content?: string | Part[] };

function userMessages(r: RecordedRequest): Message[] {
  const body = r.json as { messages?: Message[] } | undefined;
  return (body?.messages ?? []).filter((m) => m.role === 'user');
}

/** All text the user messages of a chat request carry. */
export function userText(r: RecordedRequest): string {
  return userMessages(r)
    .map((m) => (typeof m.content === 'string' ? m.content : (m.content ?? []).map((p) => p.text ?? '').join('\n')))
    .join('\n');
}

/** The image URLs (http or data:) in the user messages of a chat request. */
export function imageUrls(r: RecordedRequest): string[] {
  return userMessages(r).flatMap((m) =>
    typeof m.content === 'string'
      ? []
      : (m.content ?? [])
          .map((p) => (typeof p.image_url === 'string' ? p.image_url : p.image_url?.url))
          .filter((u): u is string => !!u),
  );
}

/** Select Model's placeholder names the model the settings give; Escape leaves it unchanged. */
export async function currentModel(wb: Workbench): Promise<string> {
  await wb.runCommand(TITLES.selectModel);
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  const placeholder = (await input.getAttribute('placeholder')) ?? '';
  await wb.escapeAll();
  return placeholder;
}

/** GeekAI Image: Select Model → the row for `model`. */
export async function selectModel(wb: Workbench, model: string): Promise<void> {
  await wb.runCommand(TITLES.selectModel);
  await wb.pick(model);
  await waitFor(
    'the model picker to close',
    async () => !(await wb.page.locator('.quick-input-widget').isVisible()),
    10_000,
  );
  await sleep(300);
}
