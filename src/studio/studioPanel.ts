// The one Image Studio panel: created or revealed by the command, revived by the serializer
// after a reload. UI only; every action goes through StudioSession to the StudioBackend.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { STUDIO_VIEW_TYPE } from '../contributionIds';
import type { Logger } from '../core/logger';
import type { HostToWebview } from '../../shared/protocol';
import type { HistoryStore } from './historyStore';
import type { MarkdownTarget } from './markdownTarget';
import { createMessageRouter } from './messageRouter';
import type { StudioBackend, StudioGallery } from './ports';
import { studioHtml } from './studioHtml';
import { StudioSession } from './studioSession';
import { studioStrings } from './studioStrings';
import { vscodeStudioHost } from './vscodeStudioHost';

export interface StudioPanelDeps {
  extensionUri: vscode.Uri;
  backend: StudioBackend;
  history: HistoryStore;
  target: MarkdownTarget;
  log: Logger;
  /** The workspace's images for the gallery. */
  gallery?: StudioGallery;
}

export class StudioPanel {
  static readonly viewType = STUDIO_VIEW_TYPE;
  private static current: StudioPanel | undefined;

  readonly session: StudioSession;
  private ready = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  static createOrShow(deps: StudioPanelDeps): StudioPanel {
    if (StudioPanel.current) {
      StudioPanel.current.panel.reveal();
      return StudioPanel.current;
    }
    // Beside the Markdown editor, so the user sees where Insert lands.
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(
      StudioPanel.viewType,
      vscode.l10n.t('Image Studio'),
      column,
      StudioPanel.options(deps.extensionUri),
    );
    return new StudioPanel(panel, deps);
  }

  static revive(panel: vscode.WebviewPanel, deps: StudioPanelDeps): StudioPanel {
    StudioPanel.current?.dispose();
    return new StudioPanel(panel, deps);
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      // Its own bundle and styles, plus the workspace folders for thumbnails and results.
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist'),
        vscode.Uri.joinPath(extensionUri, 'media'),
        ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri),
      ],
    };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: StudioPanelDeps,
  ) {
    StudioPanel.current = this;
    const webview = panel.webview;
    webview.options = StudioPanel.options(deps.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
    const host = vscodeStudioHost(webview, (m) => this.post(m), deps.target);
    this.session = new StudioSession(
      host,
      deps.backend,
      deps.history,
      studioStrings(vscode.l10n),
      deps.log,
      deps.gallery,
    );
    const handlers = {
      ...this.session.handlers,
      ready: () => {
        this.ready = true;
        return this.session.handlers.ready({ type: 'ready' });
      },
    };
    const route = createMessageRouter(handlers, deps.log, (_msg, e) => this.session.reportError(e));
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => void route(raw)),
      panel.onDidDispose(() => this.dispose()),
      // Without retainContextWhenHidden a hidden webview is torn down; it says `ready` again
      // when shown, and `init` then restores everything it lost.
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.ready = false;
        this.session.hidden();
      }),
      deps.target.onDidChange(() => this.session.targetChanged()),
      // The line "Saves to … · links as …" follows the settings it is made of.
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('geekaiImage.outputFolder') || e.affectsConfiguration('geekaiImage.saveFormat'))
          this.session.targetChanged();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        webview.options = StudioPanel.options(deps.extensionUri);
      }),
    );
    webview.html = studioHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'media', 'studio.css')).toString(),
      lang: vscode.env.language,
    });
  }

  static currentPanel(): StudioPanel | undefined {
    return StudioPanel.current;
  }

  private post(msg: HostToWebview): void {
    if (!this.ready) return;
    void this.panel.webview
      .postMessage(msg)
      .then(undefined, (e: unknown) => this.deps.log.warn(`Studio: postMessage failed: ${String(e)}`));
  }

  dispose(): void {
    // Disposing the panel fires onDidDispose, which calls back here.
    if (this.disposed) return;
    this.disposed = true;
    if (StudioPanel.current === this) StudioPanel.current = undefined;
    this.session.dispose();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
