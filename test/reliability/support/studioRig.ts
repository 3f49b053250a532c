// The Studio panel's session (message router, handlers, job runner, history) wired to the rig's
// real StudioBackend, with a StudioHost over the rig's temp folder: everything the panel would
// post to its webview is recorded, and the history is kept in memory so it can be scanned.
import * as vscode from 'vscode';
import { isInside } from '../../../src/core/paths';
import { HistoryStore, type HistoryStorage } from '../../../src/panel/historyStore';
import { createMessageRouter, type RouteOutcome } from '../../../src/panel/messageRouter';
import type { StudioHost } from '../../../src/panel/studioHost';
import { StudioSession } from '../../../src/panel/studioSession';
import { studioStrings } from '../../../src/panel/studioStrings';
import { createStudioBackend } from '../../../src/vscode/studioBackend';
import type { HostToWebview, StudioStrings } from '../../../shared/protocol';
import { NOW, type Rig } from './rig';

export const STRINGS: StudioStrings = studioStrings((m) => m);

class MemoryHistory implements HistoryStorage {
  text: string | undefined;
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(text: string): Promise<void> {
    this.text = text;
  }
}

export class RigHost implements StudioHost {
  readonly posted: HostToWebview[] = [];
  readonly calls: string[] = [];
  targetUri: vscode.Uri | undefined;

  constructor(private readonly rig: Rig) {}

  post(msg: HostToWebview): void {
    this.posted.push(msg);
  }
  ofType<K extends HostToWebview['type']>(type: K): Extract<HostToWebview, { type: K }>[] {
    return this.posted.filter((m): m is Extract<HostToWebview, { type: K }> => m.type === type);
  }
  asWebviewUri(uri: vscode.Uri): string {
    return `https://webview.test${uri.path}`;
  }
  parseUri(text: string): vscode.Uri {
    return vscode.Uri.parse(text);
  }
  isInWorkspace(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && isInside(this.rig.root, uri.path);
  }
  async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      return ((await this.rig.fs.stat(uri)).type & vscode.FileType.File) !== 0;
    } catch {
      return false;
    }
  }
  target(): vscode.Uri | undefined {
    return this.targetUri;
  }
  async copyText(text: string): Promise<void> {
    this.calls.push(`copy ${text}`);
  }
  async reveal(uri: vscode.Uri): Promise<void> {
    this.calls.push(`reveal ${uri.path}`);
  }
  async open(uri: vscode.Uri): Promise<void> {
    this.calls.push(`open ${uri.path}`);
  }
  async openSettings(): Promise<void> {
    this.calls.push('openSettings');
  }
  locale(): string {
    return 'en';
  }
}

export class StudioRig {
  readonly host: RigHost;
  readonly history = new MemoryHistory();
  readonly session: StudioSession;
  readonly route: (raw: unknown) => Promise<RouteOutcome>;

  constructor(readonly rig: Rig) {
    this.host = new RigHost(rig);
    const store = new HistoryStore(this.history, async (uri) => this.host.exists(vscode.Uri.parse(uri)), rig.log);
    const backend = createStudioBackend(rig.ctx, () => NOW);
    this.session = new StudioSession(this.host, backend, store, STRINGS, rig.log);
    this.route = createMessageRouter(this.session.handlers, rig.log, (_m, e) => this.session.reportError(e));
  }

  /** Sends `generate` as the webview would and waits for the job to end. */
  generate(prompt: string, extra: { model?: string; attachmentIds?: string[] } = {}): Promise<RouteOutcome> {
    return this.route({ type: 'generate', prompt, model: extra.model ?? this.rig.settings.model, attachmentIds: extra.attachmentIds ?? [] });
  }

  errors(): Extract<HostToWebview, { type: 'error' }>[] {
    return this.host.ofType('error');
  }

  /** Everything the panel sent its webview, as one text to scan. */
  postedText(): string {
    return JSON.stringify(this.host.posted);
  }

  dispose(): void {
    this.session.dispose();
  }
}
