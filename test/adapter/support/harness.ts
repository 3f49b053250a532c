// Builds the real adapter (service, commands, key store) around fakes of the VS Code pieces,
// against the project's GeekAI-compatible test server over real HTTP.
import type { TextSpan } from '../../../src/core/text/imageLinks';
import { problemsAfterScopedRun } from '../../../src/core/text/placeholderProblems';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { editorInsertion } from '../../../src/core/text/ownParagraph';
import { createAgent } from '../../../src/core/http/httpClient';
import type { CommandContext } from '../../../src/vscode/commands/context';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/job/settings';
import { GenerationService } from '../../../src/vscode/generationService';
import { KeyStore } from '../../../src/vscode/keyStore';
import type { DurableJobStore } from '../../../src/vscode/durableJobStore';
import type {
  DocumentProblem,
  EditorPort,
  EditorSnapshot,
  InsertWhere,
  ProblemsPort,
  SecretStore,
  TextReplacement,
  WorkspacePort,
} from '../../../src/vscode/ports';
import { LogCapture } from '../../support/logCapture';
import type { Loopback } from '../../support/loopback';
import { FakeUi } from './fakeUi';
import { NodeFs } from './nodeFs';
import type { Codecs } from '../../../src/core/publish/codecs';

export class MemorySecrets implements SecretStore {
  readonly map = new Map<string, string>();
  async get(k: string): Promise<string | undefined> {
    return this.map.get(k);
  }
  async store(k: string, v: string): Promise<void> {
    this.map.set(k, v);
  }
  async delete(k: string): Promise<void> {
    this.map.delete(k);
  }
}

/** One Markdown document, as a text buffer that insert() edits like the real editor port (its own paragraph). */
export class FakeEditors implements EditorPort {
  snapshot: EditorSnapshot | undefined;
  /** The document text; the cursor is at `cursor` (an offset). */
  text = '';
  cursor = 0;
  readonly inserts: { document: vscode.Uri; text: string; where: InsertWhere }[] = [];

  active(): EditorSnapshot | undefined {
    return this.snapshot;
  }

  /** The one document this fake holds is open while it has a snapshot. */
  isOpen(document: vscode.Uri): boolean {
    return this.snapshot?.document.path === document.path;
  }

  async insert(document: vscode.Uri, text: string, where: InsertWhere): Promise<boolean> {
    this.inserts.push({ document, text, where });
    const ins = editorInsertion(this.text, this.cursor, where, text);
    this.text = this.text.slice(0, ins.offset) + ins.text + this.text.slice(ins.offset);
    return true;
  }

  /** The text before each replace(), so a test can undo them one by one as the editor would. */
  readonly undoStack: string[] = [];
  /** When set, replace() refuses (an editor that rejects the edit). */
  refuseEdits = false;

  async read(): Promise<string | undefined> {
    return this.text;
  }

  async replace(_document: vscode.Uri, edits: readonly TextReplacement[]): Promise<boolean> {
    if (this.refuseEdits) return false;
    // Like VS Code, an edit is refused when the document changed between asking and applying
    // (its version moved on): two edits sent at once do not both land.
    const asked = this.text;
    await new Promise((resolve) => setImmediate(resolve));
    if (this.text !== asked) return false;
    this.undoStack.push(this.text);
    for (const r of [...edits].sort((a, b) => b.span.start - a.span.start)) {
      this.text = this.text.slice(0, r.span.start) + r.text + this.text.slice(r.span.end);
    }
    return true;
  }

  /** Every document opened at an offset, in order. */
  readonly shownAt: { document: vscode.Uri; offset: number }[] = [];

  async showAt(document: vscode.Uri, offset: number): Promise<void> {
    this.shownAt.push({ document, offset });
  }

  /** Like VS Code's new untitled document: becomes the active editor, with `select` selected. */
  async openNew(text: string, select: TextSpan): Promise<vscode.Uri> {
    const document = vscode.Uri.parse('untitled:Untitled-1');
    this.text = text;
    this.cursor = select.end;
    this.snapshot = {
      document,
      languageId: 'markdown',
      selectionText: text.slice(select.start, select.end),
      selectionEndLine: text.slice(0, select.end).split('\n').length - 1,
      selectionEmpty: select.start === select.end,
      cursorOffset: select.end,
    };
    return document;
  }

  /** Undo of the last replace(). */
  undo(): void {
    const before = this.undoStack.pop();
    if (before !== undefined) this.text = before;
  }
}

/** The diagnostics the commands set, per document; a scoped set merges as the real port does. */
export class FakeProblems implements ProblemsPort {
  readonly byDocument = new Map<string, DocumentProblem[]>();
  private readonly textWhenSet = new Map<string, string>();
  constructor(private readonly textOf: () => string) {}
  async set(document: vscode.Uri, fresh: readonly DocumentProblem[], scope?: TextSpan): Promise<void> {
    const key = document.toString();
    const text = this.textOf();
    const earlier = this.byDocument.get(key);
    const before = this.textWhenSet.get(key);
    const problems =
      scope && earlier && before !== undefined
        ? problemsAfterScopedRun(before, text, earlier, scope, fresh)
        : [...fresh];
    this.byDocument.set(key, problems);
    this.textWhenSet.set(key, text);
  }
  of(document: vscode.Uri): DocumentProblem[] {
    return this.byDocument.get(document.toString()) ?? [];
  }
}

/** A Map-backed Memento (global state). */
export class MemoryMemento {
  readonly map = new Map<string, unknown>();
  get(key: string): unknown {
    return this.map.get(key);
  }
  async update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, value);
  }
}

export interface Harness {
  problems: FakeProblems;
  /** `settings` are the user's own; `workspace.baseUrl`, when set, is what a workspace's settings say instead. */
  workspaceSettings: { baseUrl?: string };
  /** The extension's global state (approved key origins live here). */
  globalState: MemoryMemento;
  root: string;
  rootUri: vscode.Uri;
  ui: FakeUi;
  secrets: MemorySecrets;
  keys: KeyStore;
  editors: FakeEditors;
  fs: NodeFs;
  log: LogCapture;
  settings: Settings;
  modelSetTo: string[];
  /** `workspace.isTrusted`, which a test may change (Restricted Mode). */
  trust: { trusted: boolean };
  ctx: CommandContext;
  agent: Dispatcher;
  dispose(): Promise<void>;
}

/** Over a `useLoopback()` server (its agent and log), or a bare base URL for tests that send nothing. */
export function makeHarness(
  over: Loopback | string,
  opts: {
    key?: string;
    env?: Record<string, string | undefined>;
    folders?: boolean;
    trusted?: boolean;
    codecs?: () => Promise<Codecs>;
    dispatcher?: Dispatcher;
    durable?: DurableJobStore;
    pollIntervalMs?: number;
  } = {},
): Harness {
  const baseUrl = typeof over === 'string' ? over : over.server.baseUrl;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-adapter-'));
  const rootUri = vscode.Uri.file(root);
  const ui = new FakeUi();
  const secrets = new MemorySecrets();
  if (opts.key) secrets.map.set('geekaiImage.apiKey', opts.key);
  const editors = new FakeEditors();
  const nodeFs = new NodeFs();
  const log = typeof over === 'string' ? new LogCapture() : over.log;
  // These suites compare saved files with the served bytes; provenance and conversion have their own tests.
  const settings: Settings = { ...DEFAULT_SETTINGS, baseUrl, timeoutSeconds: 20, embedProvenance: false };
  const workspaceSettings: { baseUrl?: string } = {};
  const globalState = new MemoryMemento();
  const keys = new KeyStore(secrets, opts.env ?? {}, { approvals: globalState, userBaseUrl: () => settings.baseUrl });
  const modelSetTo: string[] = [];
  const withFolders = opts.folders ?? true;
  const trust = { trusted: opts.trusted ?? true };
  const workspace: WorkspacePort = {
    folders: () => (withFolders ? [rootUri] : []),
    folderOf: (uri) => (withFolders && (uri.path === root || uri.path.startsWith(`${root}/`)) ? rootUri : undefined),
    findImages: async () => listImages(root).map((p) => vscode.Uri.file(p)),
    fs: nodeFs,
    settings: () =>
      workspaceSettings.baseUrl === undefined ? settings : { ...settings, baseUrl: workspaceSettings.baseUrl },
    userBaseUrl: () => settings.baseUrl,
    setModel: async (id) => {
      modelSetTo.push(id);
      settings.model = id;
    },
    setApi: async (api) => {
      settings.api = api;
    },
    isTrusted: () => trust.trusted,
  };
  const agent = opts.dispatcher ?? (typeof over === 'string' ? createAgent() : over.agent);
  const service = new GenerationService({
    ui,
    keys,
    workspace,
    dispatcher: agent,
    log,
    now: () => new Date(2025, 8, 22, 10, 30, 0),
    codecs: opts.codecs,
    durable: opts.durable,
    pollIntervalMs: opts.pollIntervalMs,
    readDocument: () => editors.read(),
    spending: globalState,
  });
  const problems = new FakeProblems(() => editors.text);
  const ctx: CommandContext = { ui, service, keys, editors, problems, workspace, log, showLog: () => undefined };
  return {
    workspaceSettings,
    globalState,
    root,
    rootUri,
    ui,
    secrets,
    keys,
    editors,
    problems,
    fs: nodeFs,
    log,
    settings,
    modelSetTo,
    trust,
    ctx,
    agent,
    dispose: async () => {
      if (typeof over === 'string') await agent.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

function listImages(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listImages(p));
    else if (/\.(png|jpe?g|webp|gif)$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** Every file under `dir`, relative, sorted: to prove nothing else (temp, partial) was left. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export function markdownDoc(
  h: Harness,
  rel: string,
  text: string,
  opts: { cursor?: number; selection?: { text: string; endLine: number }; languageId?: string } = {},
): vscode.Uri {
  const file = path.join(h.root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = vscode.Uri.file(file);
  h.editors.text = text;
  h.editors.cursor = opts.cursor ?? text.length;
  h.editors.snapshot = {
    document: uri,
    languageId: opts.languageId ?? 'markdown',
    selectionText: opts.selection?.text ?? '',
    selectionEndLine: opts.selection?.endLine ?? 0,
    selectionEmpty: !opts.selection,
    cursorOffset: h.editors.cursor,
  };
  return uri;
}
