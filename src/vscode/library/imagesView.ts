// The Images view in the Explorer: a TreeDataProvider over the library's rows (libraryNodes.ts),
// each image with its thumbnail (the file itself as the icon, when small), facts and uses; the
// view's message says what is filtered. The library starts (cache, index, file watcher) the
// first time the view asks for its rows, never at activation, and catches up each time the view
// is shown again.
import * as vscode from 'vscode';
import { IMAGES_VIEW_CONTEXT } from '../../contributionIds';
import { libraryGlob } from '../../core/library/libraryFiles';
import type { ImageLibrary } from './imageLibrary';
import {
  childNodes,
  lookOf,
  rootNodes,
  viewMessage,
  type LibraryNode,
  type NodeContext,
  type ViewState,
} from './libraryNodes';
import type { LibraryView } from './libraryCommands';

/** A thumbnail is the file itself; past this size a codicon stands in (the icon would load the whole file). */
const THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

export interface ImagesTree extends vscode.TreeDataProvider<LibraryNode>, LibraryView {
  /** The tree view the entry point created, for its message; starts the library on first call. */
  attach(view: vscode.TreeView<unknown>): void;
  dispose(): void;
}

export function imagesTree(library: ImageLibrary, setContext: (key: string, value: boolean) => void): ImagesTree {
  const changed = new vscode.EventEmitter<LibraryNode | undefined>();
  let view: vscode.TreeView<unknown> | undefined;
  let started = false;
  const subscriptions: vscode.Disposable[] = [changed];
  const state: ViewState = { groupBy: 'folder', filter: {}, brokenOnly: false };
  const nodeContext = (): NodeContext => ({
    index: library.index,
    uses: library.uses,
    shown: (p) => library.shown(p),
    uriOf: (p) => library.uriOf(p),
  });

  const start = (): void => {
    if (started) return;
    started = true;
    const watcher = vscode.workspace.createFileSystemWatcher(libraryGlob());
    const soon = (): void => library.scheduleRefresh();
    subscriptions.push(
      watcher,
      watcher.onDidCreate(soon),
      watcher.onDidChange(soon),
      watcher.onDidDelete(soon),
      vscode.workspace.onDidChangeWorkspaceFolders(soon),
      vscode.workspace.onDidChangeConfiguration((e) =>
        e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude') ? soon() : undefined,
      ),
      library.onDidChange(() => {
        if (view) view.message = viewMessage(nodeContext(), state);
        changed.fire(undefined);
      }),
    );
    void library.refresh();
  };

  const tree: ImagesTree = {
    state,
    onDidChangeTreeData: changed.event,
    update(change) {
      Object.assign(state, change);
      const filtered = state.brokenOnly || Object.keys(state.filter).length > 0;
      setContext(IMAGES_VIEW_CONTEXT.filtered, filtered);
      setContext(IMAGES_VIEW_CONTEXT.byDocument, state.groupBy === 'document');
      if (view) view.message = viewMessage(nodeContext(), state);
      changed.fire(undefined);
    },
    attach(v) {
      view = v;
      // Shown again: catch up on what changed while hidden (a watcher still starting when the
      // window opens misses what is written meanwhile). Stat-based, so cheap when nothing did.
      subscriptions.push(
        v.onDidChangeVisibility((e) => (e.visible && started ? library.scheduleRefresh() : undefined)),
      );
    },
    getChildren(node) {
      start();
      if (!library.ready) return [];
      return node ? childNodes(nodeContext(), node) : rootNodes(nodeContext(), state);
    },
    getTreeItem(node) {
      const look = lookOf(nodeContext(), node);
      const item = new vscode.TreeItem(
        look.label,
        look.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
      );
      item.id = node.id;
      if (look.description !== undefined) item.description = look.description;
      if (look.tooltip !== undefined) item.tooltip = look.tooltip;
      item.contextValue = look.contextValue;
      if (look.resource !== undefined) {
        const uri = library.uriOf(look.resource);
        if (node.kind === 'image') {
          item.resourceUri = uri;
          item.iconPath =
            node.image.size <= THUMBNAIL_MAX_BYTES && !/\.svg$/i.test(uri.path)
              ? uri
              : new vscode.ThemeIcon('file-media');
          item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
        } else {
          const at = new vscode.Position(look.line ?? 0, 0);
          item.command = {
            command: 'vscode.open',
            title: vscode.l10n.t('Open'),
            arguments: [uri, { selection: new vscode.Range(at, at) }],
          };
        }
      }
      if (look.icon !== undefined) item.iconPath = new vscode.ThemeIcon(look.icon);
      return item;
    },
    dispose() {
      for (const s of subscriptions.splice(0)) s.dispose();
      library.dispose();
    },
  };
  return tree;
}
