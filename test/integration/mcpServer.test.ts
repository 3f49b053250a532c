// dist/mcp.js as other agents run it: a child process spoken to over stdio by the MCP SDK's own
// Client, drawing through the local GeekAI-compatible server and saving under a temp root.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { placeholderPng, invertPng } from '../server/placeholderImage';
import { startTestServer, type RecordedRequest, type TestServer } from '../server/testServer';
import { until } from '../support/expect';
import { PNG_PROVENANCE_KEYWORD, readProvenance } from '../../src/core/publish/embedProvenance';
import { removePngText } from '../../src/core/publish/pngText';
import { EDIT_TOOL, GENERATE_TOOL, inputJsonSchema } from '../../src/agent/toolInputs';

const KEY = 'Mcp7x9Lm2Pw4Rt6Yu8KdQ-test-key';
const MCP_JS = path.resolve(__dirname, '../../../dist/mcp.js');
const DATE = /^\d{4}-\d{2}-\d{2}-/;

interface Session {
  client: Client;
  stderr: () => string;
}

let server: TestServer;
let root: string;
let outside: string;
const sessions: Session[] = [];

async function connect(
  env: Record<string, string> = { GEEKAI_API_KEY: KEY },
  extraArgs: string[] = [],
): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [MCP_JS, '--root', root, '--base-url', server.baseUrl, ...extraArgs],
    env,
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const client = new Client({ name: 'mcp-test', version: '1.0.0' });
  await client.connect(transport);
  const s = { client, stderr: () => log };
  sessions.push(s);
  return s;
}

function text(r: unknown): string {
  const content = (r as CallToolResult).content;
  return content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
}

async function call(
  s: Session,
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string }> {
  const r = (await s.client.callTool({ name, arguments: args })) as CallToolResult;
  return { isError: r.isError === true, text: text(r) };
}

const chats = (): RecordedRequest[] =>
  server.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/chat/completions');

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('MCP server (dist/mcp.js over stdio, SDK client, local test server)', function () {
  this.timeout(20_000);

  beforeEach(async () => {
    server = await startTestServer({ streamDelayMs: 5 });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-root-'));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-outside-'));
    fs.mkdirSync(path.join(root, 'docs'));
    fs.writeFileSync(path.join(root, 'docs/post.md'), '# Post\n\nSome text.');
    fs.mkdirSync(path.join(root, 'pics'));
    fs.writeFileSync(path.join(root, 'pics/cat.png'), placeholderPng('cat'));
    fs.writeFileSync(path.join(root, 'pics/notes.png'), 'just text, not a picture');
    fs.writeFileSync(path.join(outside, 'secret.png'), placeholderPng('secret'));
  });

  afterEach(async () => {
    for (const s of sessions.splice(0)) {
      await s.client.close();
      assert.ok(!s.stderr().includes(KEY), 'the key must never reach the server log');
    }
    await server.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('lists generate_image and edit_image with strict JSON Schemas', async () => {
    const s = await connect();
    const { tools } = await s.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['generate_image', 'edit_image'],
    );
    const [gen, edit] = tools;
    assert.deepEqual(gen.inputSchema.required, ['prompt']);
    assert.deepEqual(Object.keys(gen.inputSchema.properties ?? {}), [
      'prompt',
      'model',
      'aspectRatio',
      'imageSize',
      'count',
      'outputFolder',
      'markdownFile',
    ]);
    assert.equal((gen.inputSchema as { additionalProperties?: boolean }).additionalProperties, false);
    assert.deepEqual(edit.inputSchema.required, ['images', 'prompt']);
    assert.match(gen.description ?? '', /paid request/);
    assert.equal(gen.annotations?.destructiveHint, false);
  });

  it("advertises the input schemas and descriptions of toolInputs.ts, the same VS Code's manifest declares", async () => {
    const s = await connect();
    const { tools } = await s.client.listTools();
    const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { languageModelTools: { name: string; inputSchema: unknown }[] };
    };
    for (const [listed, info] of [
      [tools[0], GENERATE_TOOL],
      [tools[1], EDIT_TOOL],
    ] as const) {
      assert.equal(listed.name, info.mcpName);
      assert.equal(listed.description, info.description);
      assert.deepEqual(listed.inputSchema, inputJsonSchema(info.schema));
      assert.deepEqual(
        listed.inputSchema,
        manifest.contributes.languageModelTools.find((t) => t.name === info.lmName)?.inputSchema,
        info.lmName,
      );
    }
  });

  it('generate: saves the served bytes under the root, appends the exact Markdown to the file, answers with both', async () => {
    const s = await connect();
    const r = await call(s, 'generate_image', {
      prompt: 'A red fox (in snow)',
      markdownFile: 'docs/post.md',
      aspectRatio: '16:9',
    });
    assert.equal(r.isError, false, r.text);

    const files = tree(path.join(root, 'docs/images'));
    assert.equal(files.length, 1);
    assert.match(files[0], DATE);
    assert.ok(files[0].endsWith('-a-red-fox-in-snow.png'), files[0]);
    const saved = fs.readFileSync(path.join(root, 'docs/images', files[0]));
    assert.deepEqual(
      removePngText(saved, PNG_PROVENANCE_KEYWORD),
      server.lastServedImages()[0],
      'the served bytes plus the provenance chunk',
    );
    assert.equal(readProvenance(saved)?.prompt, 'A red fox (in snow)');
    // What it cost, from the gateway's price list (¥0.04 an image on the test server).
    assert.equal(readProvenance(saved)?.cost, 0.04);

    const markdown = `![A red fox (in snow)](images/${files[0]})`;
    assert.equal(fs.readFileSync(path.join(root, 'docs/post.md'), 'utf8'), `# Post\n\nSome text.\n\n${markdown}`);
    assert.equal(
      r.text,
      [
        'Saved 1 image with gemini-2.5-flash-image:',
        `docs/images/${files[0]}`,
        '',
        'Cost: ¥0.04 for 1 image',
        '',
        'Markdown to use (links relative to docs/post.md):',
        markdown,
        '',
        'These links were appended to the end of docs/post.md.',
      ].join('\n'),
    );
    const [req] = chats();
    assert.equal(req.headers.authorization, `Bearer ${KEY}`);
    const body = req.json as { model: string; messages: { role: string; content: unknown }[]; image?: unknown };
    assert.equal(body.model, 'gemini-2.5-flash-image');
    assert.deepEqual(body.messages.at(-1), { role: 'user', content: 'A red fox (in snow)' });
    assert.deepEqual(body.image, { aspect_ratio: '16:9' });
  });

  it('generate: count 2 makes two requests and two files that never overwrite each other; --model is the default model', async () => {
    const s = await connect({ GEEKAI_API_KEY: KEY }, ['--model', 'gpt-4o-image']);
    const r = await call(s, 'generate_image', { prompt: 'icon', count: 2, outputFolder: 'assets/img' });
    assert.equal(r.isError, false, r.text);
    const files = tree(path.join(root, 'assets/img'));
    assert.equal(files.length, 2);
    assert.ok(files[0].endsWith('-icon-1.png') || files[1].endsWith('-icon-1.png'), files.join());
    assert.equal(chats().length, 2);
    assert.ok(chats().every((c) => (c.json as { model: string }).model === 'gpt-4o-image'));
    assert.match(r.text, /^Saved 2 images with gpt-4o-image:/);
    for (const f of files) assert.ok(r.text.includes(`assets/img/${f}`));
    assert.deepEqual(fs.readFileSync(path.join(root, 'docs/post.md'), 'utf8'), '# Post\n\nSome text.');
  });

  it('generate: when one variation fails, the others are kept (they are paid for) and the failure is counted', async () => {
    server.enqueue({ kind: 'image', via: 'messageImage' }, { kind: 'error', status: 400, message: 'prompt refused' });
    const s = await connect();
    const r = await call(s, 'generate_image', { prompt: 'two foxes', count: 2, outputFolder: 'out' });
    assert.equal(r.isError, false, r.text);
    const files = tree(path.join(root, 'out'));
    assert.equal(files.length, 1);
    assert.equal(chats().length, 2);
    assert.match(r.text, /^Saved 1 image with gemini-2\.5-flash-image:\nout\//);
    // The image saved is what was paid for (as far as the price list says).
    assert.match(
      r.text,
      /^Saved 1 image with gemini-2\.5-flash-image:\nout\/[^\n]+\.png\n\n1 of 2 variations failed and were not saved\.\n\nCost: ¥0\.04 for 1 image\n\nMarkdown to use/,
    );
  });

  it('edit: sends the image, saves the edit beside it (source untouched), answers with the path and Markdown', async () => {
    const s = await connect();
    const before = fs.readFileSync(path.join(root, 'pics/cat.png'));
    const r = await call(s, 'edit_image', { images: ['pics/cat.png'], prompt: 'invert it' });
    assert.equal(r.isError, false, r.text);
    const saved = removePngText(fs.readFileSync(path.join(root, 'pics/cat-edited.png')), PNG_PROVENANCE_KEYWORD);
    assert.deepEqual(saved, server.lastServedImages()[0]);
    assert.deepEqual(saved, invertPng(before));
    assert.deepEqual(fs.readFileSync(path.join(root, 'pics/cat.png')), before);
    assert.ok(r.text.includes('\npics/cat-edited.png\n'), r.text);
    assert.ok(
      r.text.endsWith(
        '\npics/cat-edited.png\n\nCost: ¥0.04 for 1 image\n\nMarkdown to use (links relative to the workspace root):\n![invert it](pics/cat-edited.png)',
      ),
      r.text,
    );
  });

  it('bad input: empty prompt, unknown option, wrong type, a non-image; each refused with a sentence, nothing sent or written', async () => {
    const s = await connect();
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['generate_image', { prompt: '   ' }, /the prompt is empty/i],
      [
        'generate_image',
        { prompt: 'x', size: '1024x1024' },
        /Unknown option\(s\): size\. This tool accepts: prompt, model, aspectRatio/,
      ],
      ['generate_image', { prompt: 'x', count: 9 }, /"count" must be at most 4/],
      ['generate_image', { prompt: 'x', aspectRatio: '7:3' }, /"aspectRatio" must be one of: 1:1, 2:3/],
      ['edit_image', { images: [], prompt: 'x' }, /"images" needs at least 1 item/],
      [
        'edit_image',
        { images: ['pics/notes.png'], prompt: 'x' },
        /not a PNG, JPEG, WebP or GIF image.*notes\.png|notes\.png is not a PNG, JPEG, WebP or GIF image/i,
      ],
      ['edit_image', { images: ['pics/gone.png'], prompt: 'x' }, /gone\.png/],
      ['generate_image', { prompt: 'x', markdownFile: 'docs/missing.md' }, /"docs\/missing\.md" does not exist/],
      ['generate_image', { prompt: 'x', markdownFile: 'pics/cat.png' }, /is not a Markdown file/],
      ['generate_image', { prompt: 'x', model: 'bad model' }, /model id is not valid|not a valid model id/],
      ['no_such_tool', {}, /Unknown tool "no_such_tool"/],
    ];
    for (const [name, args, expected] of cases) {
      const r = await call(s, name, args);
      assert.equal(r.isError, true, `${name} ${JSON.stringify(args)}`);
      assert.match(r.text, expected);
      assert.ok(!/\n\s+at /.test(r.text), 'no stack trace');
    }
    assert.equal(chats().length, 0);
    assert.deepEqual(tree(root), ['docs/post.md', 'pics/cat.png', 'pics/notes.png']);
  });

  it('paths that leave the root are refused, symbolic links included, and nothing is read or written outside', async () => {
    fs.symlinkSync(outside, path.join(root, 'link'));
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'pics/alias.png'));
    const s = await connect();
    const cases: [string, Record<string, unknown>][] = [
      ['edit_image', { images: ['../secret.png'], prompt: 'x' }],
      ['edit_image', { images: [path.join(outside, 'secret.png')], prompt: 'x' }],
      ['edit_image', { images: ['link/secret.png'], prompt: 'x' }],
      ['edit_image', { images: ['pics/alias.png'], prompt: 'x' }],
      ['edit_image', { images: ['pics/cat.png', 'link/secret.png'], prompt: 'x' }],
      ['generate_image', { prompt: 'x', outputFolder: '../out' }],
      ['generate_image', { prompt: 'x', outputFolder: 'link' }],
      ['generate_image', { prompt: 'x', outputFolder: 'link/new/deeper' }],
      ['generate_image', { prompt: 'x', outputFolder: '/tmp' }],
      ['generate_image', { prompt: 'x', markdownFile: '../post.md' }],
    ];
    for (const [name, args] of cases) {
      const r = await call(s, name, args);
      assert.equal(r.isError, true, JSON.stringify(args));
      assert.match(
        r.text,
        /is outside the workspace folder, or a symbolic link in it points outside/,
        JSON.stringify(args),
      );
    }
    assert.equal(chats().length, 0);
    assert.deepEqual(tree(outside), ['secret.png']);
    assert.deepEqual(tree(root), ['docs/post.md', 'link', 'pics/alias.png', 'pics/cat.png', 'pics/notes.png']);
  });

  it('a workspace style naming a reference through a symbolic link to outside is refused; a link pointing inside is followed', async () => {
    fs.mkdirSync(path.join(root, '.geekai'));
    fs.writeFileSync(path.join(root, '.geekai/style.json'), JSON.stringify({ references: ['pics/look.png'] }));
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'pics/look.png'));
    const s = await connect();

    const refused = await call(s, 'generate_image', { prompt: 'a lighthouse' });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /"references\.0" points outside the workspace folder/);
    assert.equal(chats().length, 0, 'the outside file was not sent');

    fs.unlinkSync(path.join(root, 'pics/look.png'));
    fs.symlinkSync('cat.png', path.join(root, 'pics/look.png'));
    const followed = await call(s, 'generate_image', { prompt: 'a lighthouse' });
    assert.equal(followed.isError, false, followed.text);
    assert.equal(chats().length, 1);
    assert.ok(
      JSON.stringify(chats()[0].json).includes(placeholderPng('cat').toString('base64')),
      'the reference was read through the inside link',
    );
    assert.deepEqual(tree(outside), ['secret.png']);
  });

  it('the usage text says what holds for symbolic links', () => {
    const r = spawnSync(process.execPath, [MCP_JS, '--help'], { encoding: 'utf8' });
    assert.match(
      r.stderr,
      /a symbolic link in it\s+is followed when it points inside it, refused when it points outside/,
    );
  });

  it('no GEEKAI_API_KEY: says how to set it; nothing is sent', async () => {
    const s = await connect({});
    const r = await call(s, 'generate_image', { prompt: 'a cat' });
    assert.equal(r.isError, true);
    assert.match(r.text, /set the environment variable GEEKAI_API_KEY/);
    assert.equal(chats().length, 0);
    assert.deepEqual(tree(root), ['docs/post.md', 'pics/cat.png', 'pics/notes.png']);
  });

  it('a server error reaches the agent as a sentence with the status, never with the key', async () => {
    server.enqueue({ kind: 'error', status: 402, message: `insufficient balance for ${KEY}` });
    const s = await connect();
    const r = await call(s, 'generate_image', { prompt: 'a cat' });
    assert.equal(r.isError, true);
    assert.match(r.text, /HTTP 402/);
    assert.ok(!r.text.includes(KEY));
  });

  it('cancel (MCP notifications/cancelled) aborts the request to GeekAI and leaves no file', async () => {
    server.enqueue({ kind: 'neverHeaders' });
    const s = await connect();
    const abort = new AbortController();
    const pending = s.client.callTool(
      { name: 'generate_image', arguments: { prompt: 'slow', outputFolder: 'out' } },
      undefined,
      { signal: abort.signal },
    );
    const req = await server.waitForRequest((r) => r.path === '/api/v1/chat/completions');
    abort.abort('user cancelled');
    await assert.rejects(pending);
    // The server hears the cancellation and drops its connection to GeekAI.
    await until(() => req.closedByClient, 5000);
    assert.deepEqual(tree(root), ['docs/post.md', 'pics/cat.png', 'pics/notes.png']);
    // and keeps serving.
    const r = await call(s, 'generate_image', { prompt: 'after cancel', outputFolder: 'out' });
    assert.equal(r.isError, false, r.text);
    assert.equal(tree(path.join(root, 'out')).length, 1);
  });
});

describe('MCP server packaging and command line', () => {
  const DIST = path.resolve(__dirname, '../../../dist');
  const run = (...args: string[]): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [MCP_JS, ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      timeout: 10_000,
    });

  it('ships in the .vsix as its own bundle that the extension bundle never loads', () => {
    const ignore = fs.readFileSync(path.resolve(DIST, '../.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!dist/mcp.js'));
    assert.ok(fs.readFileSync(MCP_JS, 'utf8').startsWith('#!/usr/bin/env node\n'));
    for (const bundle of ['extension.js', 'engine.js']) {
      const text = fs.readFileSync(path.join(DIST, bundle), 'utf8');
      assert.ok(!text.includes('modelcontextprotocol'), bundle);
      // It only names the file, for the MCP definition and the copied configuration; it never loads it.
      assert.ok(!/require\([^)]*mcp(\.js)?["'`]\)/.test(text), bundle);
    }
  });

  it('--help prints the usage on stderr; a key as an argument or an unknown flag is refused', () => {
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.equal(help.stdout, '');
    assert.match(help.stderr, /--root DIR/);
    assert.match(help.stderr, /GEEKAI_API_KEY/);
    const key = run('--api-key', 'sk-secret-value-123');
    assert.equal(key.status, 2);
    assert.match(key.stderr, /never passed as an argument .* set GEEKAI_API_KEY/);
    assert.ok(!key.stderr.includes('sk-secret-value-123'));
    const unknown = run('--rooot', '/tmp');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown argument: --rooot/);
    const missing = run('--root', path.join(os.tmpdir(), 'no-such-folder-for-mcp'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /is not a folder/);
  });
});
