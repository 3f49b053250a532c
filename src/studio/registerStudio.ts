// Wires the Studio into VS Code: the two commands, and how a panel restored after a reload is
// brought back (the entry point's serializer calls `revive`). The engine calls this once and
// owns what it returns.
import * as vscode from 'vscode';
import { COMMANDS } from '../contributionIds';
import type { Logger } from '../core/logger';
import { historyFileStorage } from './historyFile';
import { HistoryStore } from './historyStore';
import { MarkdownTarget } from './markdownTarget';
import type { StudioBackend, StudioGallery } from './ports';
import { StudioPanel, type StudioPanelDeps } from './studioPanel';
import type { FillMessage } from '../../shared/protocol';
import { fileExists } from './vscodeStudioHost';
import { imageUriArg } from '../vscode/library/libraryArgs';

/** Explorer menus pass (clicked, selected[]); the palette passes nothing. */
function urisFromArgs(clicked: unknown, selected: unknown): vscode.Uri[] {
  const list = Array.isArray(selected) && selected.length > 0 ? selected : [clicked];
  // An image row of the Images view stands for its file.
  return list.map(imageUriArg).filter((u): u is vscode.Uri => u !== undefined);
}

export interface StudioRegistration {
  disposables: vscode.Disposable[];
  revive: (panel: vscode.WebviewPanel) => void;
  /** The Studio's history, which also tells what made an image saved without provenance. */
  history: HistoryStore;
  /** Opens (or shows) the Studio with its composer filled and `references` attached. */
  reuse: (fill: FillMessage, references: readonly vscode.Uri[]) => void;
  /** Opens (or shows) the Studio with `images` added to its references. */
  attach: (images: readonly vscode.Uri[]) => void;
}

export function registerStudio(
  context: vscode.ExtensionContext,
  backend: StudioBackend,
  log: Logger,
  gallery?: StudioGallery,
): StudioRegistration {
  const target = new MarkdownTarget();
  const history = new HistoryStore(
    historyFileStorage(context.globalStorageUri),
    async (text) => fileExists(vscode.Uri.parse(text, true)),
    log,
  );
  const deps: StudioPanelDeps = { extensionUri: context.extensionUri, backend, history, target, log, gallery };

  const attach = (images: readonly vscode.Uri[]): void =>
    void StudioPanel.createOrShow(deps).session.addAttachments(images);
  const disposables = [
    target,
    vscode.commands.registerCommand(COMMANDS.openStudio, (doc: unknown) => {
      const opened =
        doc instanceof vscode.Uri
          ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.toString())
          : undefined;
      if (opened?.languageId === 'markdown') target.set(opened.uri);
      StudioPanel.createOrShow(deps);
    }),
    vscode.commands.registerCommand(COMMANDS.addToStudio, async (clicked: unknown, selected: unknown) => {
      let uris = urisFromArgs(clicked, selected);
      if (uris.length === 0) uris = await backend.pickWorkspaceImages();
      if (uris.length > 0) attach(uris);
    }),
    { dispose: () => StudioPanel.currentPanel()?.dispose() },
  ];
  return {
    disposables,
    revive: (panel) => void StudioPanel.revive(panel, deps),
    history,
    reuse: (fill, references) => void StudioPanel.createOrShow(deps).session.reuse(fill, references),
    attach,
  };
}
