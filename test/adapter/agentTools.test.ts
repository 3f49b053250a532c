// The language model tools, the MCP server definition and the Copy MCP Server Configuration
// command, over small fakes of VS Code and the real test server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withMarkdownAppended } from '../../src/agent/runAgentJob';
import { copyMcpConfigCommand } from '../../src/vscode/commands/copyMcpConfig';
import { ImageTool, type RuntimeApi } from '../../src/vscode/agent/imageTool';
import { mcpServerDefinitions } from '../../src/vscode/agent/mcpServers';
import { agentTools } from '../../src/vscode/agent/registerAgentTools';
import type { AgentAdapterDeps, MarkdownFiles } from '../../src/vscode/agent/toolDeps';
import { placeholderPng } from '../server/placeholderImage';
import { startTestServer, type TestServer } from '../server/testServer';
import { until } from '../support/expect';
import { listFiles, makeHarness, type Harness } from './support/harness';
import { FakeDefinition } from '../support/sharedFakes';

const KEY = 'sk-agent-tool-key-1234567890';

/** Appends to the file on disk, as the real one does through the editor buffer. */
class DiskMarkdown implements MarkdownFiles {
  readonly appended: { path: string; markdown: string }[] = [];
  async append(document: vscode.Uri, markdown: string): Promise<void> {
    this.appended.push({ path: document.path, markdown });
    fs.writeFileSync(document.fsPath, withMarkdownAppended(fs.readFileSync(document.fsPath, 'utf8'), markdown));
  }
}

class FakeToken implements vscode.CancellationToken {
  isCancellationRequested = false;
  private listeners: (() => void)[] = [];
  readonly onCancellationRequested = ((listener: () => void) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }) as unknown as vscode.Event<unknown>;
  cancel(): void {
    this.isCancellationRequested = true;
    for (const l of [...this.listeners]) l();
  }
}

function text(result: vscode.LanguageModelToolResult): string {
  const first = result.content[0];
  assert.ok(first instanceof vscode.LanguageModelTextPart);
  return first.value;
}

describe('agent tools in VS Code (adapter, real HTTP)', () => {
  let server: TestServer;
  let h: Harness;
  let md: DiskMarkdown;

  const deps = (): AgentAdapterDeps => ({
    ui: h.ui,
    costs: h.ctx.service,
    workspace: h.ctx.workspace,
    keys: h.keys,
    markdown: md,
    dispatcher: h.agent,
    log: h.log,
    now: () => new Date(2025, 8, 22, 10, 30, 0),
  });
  const invoke = (
    tool: ImageTool,
    input: unknown,
    token = new FakeToken(),
    progress?: { report(s: { message?: string }): void },
  ) => tool.invoke({ input, toolInvocationToken: undefined }, token, progress);

  beforeEach(async () => {
    server = await startTestServer({ streamDelayMs: 5 });
    md = new DiskMarkdown();
  });
  afterEach(async () => {
    await h?.dispose();
    await server.close();
    assert.ok(!h.log.text().includes(KEY), 'the key is never logged');
  });

  function withDocs(o: { key?: string } = { key: KEY }): void {
    h = makeHarness(server.baseUrl, { key: o.key });
    fs.mkdirSync(path.join(h.root, 'docs'));
    fs.writeFileSync(path.join(h.root, 'docs/post.md'), '# Post\n\nText.\n');
    fs.writeFileSync(path.join(h.root, 'cat.png'), placeholderPng('cat'));
  }

  it('builds one tool per contributed name, and no MCP definition where VS Code has no MCP API', () => {
    withDocs();
    const built = agentTools(deps(), { script: '/ext/dist/mcp.js', version: '1.0.0', nodePath: '/bin/node' });
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { languageModelTools: { name: string }[] };
    };
    assert.deepEqual(
      Object.keys(built.tools),
      pkg.contributes.languageModelTools.map((t) => t.name),
    );
    assert.ok(built.tools.geekai_generate_image instanceof ImageTool);
    assert.equal(built.mcpServers, undefined);
  });

  it("prepareInvocation asks to confirm the model, the prompt, the paid request and its estimated total (the gateway's price); bad input gets no confirmation", async () => {
    withDocs();
    const tool = new ImageTool('generate', deps(), {});
    const prepared = await tool.prepareInvocation({
      input: { prompt: 'A lighthouse at dusk', markdownFile: 'docs/post.md', count: 2 },
    });
    assert.equal(prepared.invocationMessage, 'Drawing with gemini-2.5-flash-image…');
    assert.deepEqual(prepared.confirmationMessages, {
      title: 'Generate an image with GeekAI?',
      message: [
        'Model: gemini-2.5-flash-image',
        'Prompt: A lighthouse at dusk',
        `This makes 2 paid requests to ${new URL(server.baseUrl).host} with your GeekAI API key.`,
        // ¥0.04 an image in the test server's list; a chat model decides how many an answer holds, so ≈.
        'Estimated cost: ≈ ¥0.08 for 2 images',
        'Saved in: docs/images',
        'Links appended to: docs/post.md',
        // Chat renders a string confirmation as Markdown: one paragraph a line.
      ].join('\n\n'),
    });
    const bad = await tool.prepareInvocation({ input: { prompt: 'x', colour: 'red' } });
    assert.equal(bad.confirmationMessages, undefined);
    // Preparing reads the price list and draws nothing.
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.path}`),
      ['GET /api/v1/models'],
    );
  });

  it('generate: saves the served image, appends the exact Markdown to the file, returns paths and Markdown (and the image where supported)', async () => {
    withDocs();
    const parts: { bytes: Uint8Array; mime: string }[] = [];
    const api: RuntimeApi = { imagePart: (bytes, mime) => (parts.push({ bytes, mime }), { kind: 'image', mime }) };
    const steps: string[] = [];
    const result = await invoke(
      new ImageTool('generate', deps(), api),
      { prompt: 'A lighthouse at dusk', markdownFile: 'docs/post.md' },
      undefined,
      {
        report: (s) => steps.push(s.message ?? ''),
      },
    );
    const name = '2025-09-22-a-lighthouse-at-dusk.png';
    assert.deepEqual(listFiles(h.root), ['cat.png', `docs/images/${name}`, 'docs/post.md']);
    const saved = fs.readFileSync(path.join(h.root, 'docs/images', name));
    assert.deepEqual(saved, server.lastServedImages()[0]);
    const markdown = `![A lighthouse at dusk](images/${name})`;
    assert.equal(fs.readFileSync(path.join(h.root, 'docs/post.md'), 'utf8'), `# Post\n\nText.\n\n${markdown}`);
    assert.equal(
      text(result),
      [
        'Saved 1 image with gemini-2.5-flash-image:',
        `docs/images/${name}`,
        '',
        // Counted after: the one image saved at the list's price.
        'Cost: ¥0.04 for 1 image',
        '',
        'Markdown to use (links relative to docs/post.md):',
        markdown,
        '',
        'These links were appended to the end of docs/post.md.',
      ].join('\n'),
    );
    assert.deepEqual(h.ctx.service.sessionCost(), { total: 0.04, unknown: 0 });
    assert.equal(result.content.length, 2);
    assert.deepEqual(Buffer.from(parts[0].bytes), saved);
    assert.equal(parts[0].mime, 'image/png');
    assert.ok(
      steps.some((s) => s.startsWith('Asking gemini-2.5-flash-image to draw')),
      steps.join(' | '),
    );
    const chat = server.requests.find((r) => r.path === '/api/v1/chat/completions');
    assert.equal(chat?.headers.authorization, `Bearer ${KEY}`);
  });

  it('edit: sends the workspace image and saves the result beside it', async () => {
    withDocs();
    const result = await invoke(new ImageTool('edit', deps(), {}), {
      images: [path.join(h.root, 'cat.png')],
      prompt: 'add a hat',
    });
    assert.deepEqual(fs.readFileSync(path.join(h.root, 'cat-edited.png')), server.lastServedImages()[0]);
    assert.ok(
      text(result).endsWith(
        '\ncat-edited.png\n\nCost: ¥0.04 for 1 image\n\nMarkdown to use (links relative to the workspace root):\n![add a hat](cat-edited.png)',
      ),
      text(result),
    );
  });

  it('no key: tells the model to have the user run Set API Key, without asking (no dialog) and without sending', async () => {
    withDocs({});
    const result = await invoke(new ImageTool('generate', deps(), {}), { prompt: 'a cat' });
    assert.match(text(result), /run the command "GeekAI Image: Set API Key"/);
    assert.equal(h.ui.asked.length, 0, 'no input box was opened');
    assert.equal(server.requests.length, 0);
  });

  it('bad input and paths leaving the workspace (symlinks too) come back as sentences; nothing is sent or written', async () => {
    withDocs();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-outside-'));
    fs.symlinkSync(outside, path.join(h.root, 'link'));
    try {
      const gen = new ImageTool('generate', deps(), {});
      const edit = new ImageTool('edit', deps(), {});
      assert.match(text(await invoke(gen, { prompt: '' })), /prompt is empty/);
      assert.match(text(await invoke(gen, { prompt: 'x', n: 3 })), /^Unknown option\(s\): n\./);
      assert.match(
        text(await invoke(gen, { prompt: 'x', outputFolder: 'link/img' })),
        /"link\/img" is outside the workspace folder/,
      );
      assert.match(
        text(await invoke(edit, { images: ['docs/post.md'], prompt: 'x' })),
        /post\.md is not a PNG, JPEG, WebP or GIF image/,
      );
      assert.match(
        text(await invoke(edit, { images: ['/etc/hosts'], prompt: 'x' })),
        /"\/etc\/hosts" is outside the workspace folder/,
      );
      assert.equal(server.requests.length, 0);
      assert.deepEqual(fs.readdirSync(outside), []);
      assert.deepEqual(
        listFiles(h.root).filter((f) => !f.startsWith('link')),
        ['cat.png', 'docs/post.md'],
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('honours the cancellation token: the request is dropped and nothing is saved', async () => {
    withDocs();
    server.enqueue({ kind: 'neverHeaders' });
    const token = new FakeToken();
    const pending = invoke(new ImageTool('generate', deps(), {}), { prompt: 'slow', outputFolder: 'out' }, token);
    const req = await server.waitForRequest((r) => r.path === '/api/v1/chat/completions');
    token.cancel();
    const result = await pending;
    assert.match(text(result), /cancel/i);
    await until(() => req.closedByClient);
    assert.deepEqual(listFiles(h.root), ['cat.png', 'docs/post.md']);
  });
});

describe('MCP server for VS Code and for other agents (adapter)', () => {
  let h: Harness;
  afterEach(async () => h.dispose());

  it('defines the bundled server for the first folder and hands it the key from SecretStorage only when VS Code starts it', async () => {
    h = makeHarness('http://127.0.0.1:9/api/v1', { key: KEY });
    const provider = mcpServerDefinitions(FakeDefinition, {
      workspace: h.ctx.workspace,
      keys: h.keys,
      log: h.log,
      script: '/ext/dist/mcp.js',
      version: '0.1.0',
      nodePath: '/bin/node',
    });
    const [def] = provider.provideMcpServerDefinitions();
    assert.equal(def.label, 'geekai-image');
    assert.equal(def.command, '/bin/node');
    assert.deepEqual(def.args, ['/ext/dist/mcp.js', '--root', h.root, '--base-url', 'http://127.0.0.1:9/api/v1']);
    assert.deepEqual(def.env, { ELECTRON_RUN_AS_NODE: '1' });
    const resolved = await provider.resolveMcpServerDefinition(def);
    assert.deepEqual(resolved.env, { ELECTRON_RUN_AS_NODE: '1', GEEKAI_API_KEY: KEY });
    h.settings.model = 'gpt-4o-image';
    assert.deepEqual(provider.provideMcpServerDefinitions()[0].args.slice(-2), ['--model', 'gpt-4o-image']);
  });

  it('Copy MCP Server Configuration: a snippet naming the environment variable, never the key', async () => {
    h = makeHarness('https://geekai.co/api/v1', { key: KEY });
    const snippet = await copyMcpConfigCommand(h.ctx, '/ext/dist/mcp.js');
    assert.deepEqual(JSON.parse(snippet ?? ''), {
      mcpServers: {
        'geekai-image': {
          command: 'node',
          args: ['/ext/dist/mcp.js', '--root', h.root],
          env: { GEEKAI_API_KEY: '${GEEKAI_API_KEY}' },
        },
      },
    });
    assert.equal(h.ui.clipboard, snippet);
    assert.ok(!snippet?.includes(KEY));
    assert.deepEqual(h.ui.messages('info'), [
      "MCP server configuration copied. Paste it into your agent's MCP settings and set GEEKAI_API_KEY in that agent's environment: the key is not in the snippet.",
    ]);
  });
});
