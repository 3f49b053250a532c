// The real adapter (GenerationService, commands, key store, Studio backend and session) around
// fakes of the VS Code pieces, over real undici to the local test server: like the adapter
// tests' harness, plus a fault-injecting file system, a Cancel button the test can press at any
// moment, a fast retry policy, and the Studio panel's session wired to the same service.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import type { DownloadNetwork } from '../../../src/core/http/downloadNetwork';
import { createAgent, type RetryPolicy } from '../../../src/core/http/httpClient';
import type { Codecs } from '../../../src/core/publish/codecs';
import type { CommandContext } from '../../../src/vscode/commands/context';
import { GenerationService } from '../../../src/vscode/generationService';
import { KeyStore } from '../../../src/vscode/keyStore';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/job/settings';
import type { ProgressReport, WorkspacePort } from '../../../src/vscode/ports';
import { FakeEditors, FakeProblems, MemoryMemento, MemorySecrets } from '../../adapter/support/harness';
import { FakeUi } from '../../adapter/support/fakeUi';
import { LogCapture } from '../../support/logCapture';
import { readDisk, type DiskState } from './disk';
import { FaultFs } from './faultFs';

/** The product's bound (3 retries) with millisecond waits, so 429-forever takes no time. */
export const FAST_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 40, maxRetryAfterMs: 5000 };

/** The date every rig's clock shows, so file names are predictable. */
export const NOW = new Date(2025, 8, 22, 10, 30, 0);

/** FakeUi whose Cancel the test can also press directly (mid-save, from the file system). */
export class RigUi extends FakeUi {
  private readonly running = new Set<AbortController>();

  override async progress<T>(
    _title: string,
    task: (report: (r: ProgressReport) => void, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    this.running.add(controller);
    try {
      return await task((r) => {
        this.reports.push(r);
        if (this.cancelWhen(r)) controller.abort();
      }, controller.signal);
    } finally {
      this.running.delete(controller);
    }
  }

  /** Presses Cancel on every running notification. */
  cancel(): void {
    for (const c of this.running) c.abort();
  }
}

export interface RigOptions {
  key?: string;
  retry?: RetryPolicy;
  /** A workspace folder is open (default true). */
  folders?: boolean;
  /** The API's dispatcher (default: a plain agent); closed with the rig. */
  dispatcher?: Dispatcher;
  /** Where image downloads go through (default: the API's dispatcher, hosts checked by system DNS). */
  downloads?: DownloadNetwork;
  /** The environment the key store reads GEEKAI_API_KEY from (default: none). */
  env?: Record<string, string | undefined>;
  /** The image codecs conversions load (default: none, so any conversion fails and saves the original). */
  codecs?: () => Promise<Codecs>;
}

export class Rig {
  readonly root: string;
  readonly rootUri: vscode.Uri;
  readonly ui = new RigUi();
  readonly secrets = new MemorySecrets();
  readonly keys: KeyStore;
  readonly editors = new FakeEditors();
  readonly fs = new FaultFs();
  readonly log = new LogCapture();
  /** The user's own settings; `workspaceSettings.baseUrl`, when set, is what the workspace's say instead. */
  readonly settings: Settings;
  readonly workspaceSettings: { baseUrl?: string } = {};
  readonly globalState = new MemoryMemento();
  /** The key store's clock (ms): a "Don't send" holds for the jobs asking within 2 s of it. */
  readonly keyClock = { ms: 0 };
  readonly agent: Dispatcher;
  readonly service: GenerationService;
  readonly ctx: CommandContext;
  /** `workspace.isTrusted` (Restricted Mode when false). */
  trusted = true;
  /** The disk as it was when the case was set up (see `seal`). */
  before: DiskState = { files: new Map(), dirs: new Set() };

  constructor(
    baseUrl: string,
    readonly o: RigOptions = {},
  ) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'geekai-reliability-'));
    this.rootUri = vscode.Uri.file(this.root);
    if (o.key) this.secrets.map.set('geekaiImage.apiKey', o.key);
    this.keys = new KeyStore(this.secrets, o.env ?? {}, {
      approvals: this.globalState,
      userBaseUrl: () => this.settings.baseUrl,
      now: () => this.keyClock.ms,
    });
    // Disk checks compare saved files with the served bytes; provenance has its own tests.
    this.settings = { ...DEFAULT_SETTINGS, baseUrl, timeoutSeconds: 20, embedProvenance: false };
    const withFolders = o.folders ?? true;
    const root = this.root;
    const workspace: WorkspacePort = {
      folders: () => (withFolders ? [this.rootUri] : []),
      folderOf: (uri) =>
        withFolders && (uri.path === root || uri.path.startsWith(`${root}/`)) ? this.rootUri : undefined,
      findImages: async () => [],
      fs: this.fs,
      settings: () =>
        this.workspaceSettings.baseUrl === undefined
          ? this.settings
          : { ...this.settings, baseUrl: this.workspaceSettings.baseUrl },
      userBaseUrl: () => this.settings.baseUrl,
      setModel: async (id) => {
        this.settings.model = id;
      },
      setApi: async (api) => {
        this.settings.api = api;
      },
      isTrusted: () => this.trusted,
    };
    this.agent = o.dispatcher ?? createAgent();
    this.service = new GenerationService({
      ui: this.ui,
      keys: this.keys,
      workspace,
      dispatcher: this.agent,
      downloads: o.downloads,
      log: this.log,
      now: () => NOW,
      retry: o.retry ?? FAST_RETRY,
      codecs: o.codecs,
    });
    this.ctx = {
      ui: this.ui,
      service: this.service,
      keys: this.keys,
      editors: this.editors,
      problems: new FakeProblems(() => this.editors.text),
      workspace,
      log: this.log,
      showLog: () => undefined,
    };
  }

  /** Writes a file (relative to the root) as it was before the case. */
  write(rel: string, bytes: Buffer | string): vscode.Uri {
    const p = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, bytes);
    return vscode.Uri.file(p);
  }

  uri(rel: string): vscode.Uri {
    return vscode.Uri.file(path.join(this.root, rel));
  }

  /** Remembers the disk as the case's starting point. */
  seal(): void {
    this.before = readDisk(this.root);
  }

  async dispose(): Promise<void> {
    await this.agent.close();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
