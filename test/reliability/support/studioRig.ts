// The Studio panel's session (message router, handlers, job runner, history) wired to the rig's
// real StudioBackend, with a StudioHost over the rig's temp folder: everything the panel would
// post to its webview is recorded, and the history is kept in memory so it can be scanned.
import * as vscode from 'vscode';
import { isInWorkspace } from '../../../src/vscode/workspaceRoots';
import { HistoryStore, type HistoryStorage } from '../../../src/studio/historyStore';
import { createMessageRouter, type RouteOutcome } from '../../../src/studio/messageRouter';
import { FakeHost } from '../../adapter/support/studioFakes';
import { StudioSession } from '../../../src/studio/studioSession';
import { studioStrings } from '../../../src/studio/studioStrings';
import { VsCodeStudioBackend } from '../../../src/studio/studioBackend';
import type { HostToWebview } from '../../../shared/protocol';
import type { StudioStrings } from '../../../shared/studioStrings';
import { NOW, type Rig } from './rig';

export const STRINGS: StudioStrings = studioStrings({ t: (m) => m });

class MemoryHistory implements HistoryStorage {
  text: string | undefined;
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(text: string): Promise<void> {
    this.text = text;
  }
}

/** The adapter tests' FakeHost, but over the rig's real temp folder and URIs. */
export class RigHost extends FakeHost {
  constructor(private readonly rig: Rig) {
    super();
    this.targetUri = undefined;
  }

  override parseUri(text: string): vscode.Uri {
    return vscode.Uri.parse(text);
  }
  /** The real host's check: core's wall over the rig's folder. */
  override isInWorkspace(uri: vscode.Uri): Promise<boolean> {
    return isInWorkspace({ folders: () => [this.rig.rootUri], fs: this.rig.fs }, uri);
  }
  override async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      return ((await this.rig.fs.stat(uri)).type & vscode.FileType.File) !== 0;
    } catch {
      return false;
    }
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
    const backend = new VsCodeStudioBackend(rig.ctx, () => NOW);
    this.session = new StudioSession(this.host, backend, store, STRINGS, rig.log);
    this.route = createMessageRouter(this.session.handlers, rig.log, (_m, e) => this.session.reportError(e));
  }

  /** Sends `generate` as the webview would and waits for the job to end. */
  generate(prompt: string, extra: { model?: string; attachmentIds?: string[] } = {}): Promise<RouteOutcome> {
    return this.route({
      type: 'generate',
      prompt,
      model: extra.model ?? this.rig.settings.model,
      attachmentIds: extra.attachmentIds ?? [],
    });
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
