// The image library's pieces built once by the engine: the library over the workspace, the
// Images view's provider, its commands (registered through the engine's `register`) and the
// Studio's gallery over the same library.
import type * as vscode from 'vscode';
import type { StudioGallery } from './libraryGallery';
import { COMMANDS, type CommandId } from '../../contributionIds';
import type { HeavyWork } from '../../core/heavy/heavyWork';
import type { CommandContext } from '../commands/context';
import { ImageLibrary } from './imageLibrary';
import { libraryGallery } from './libraryGallery';
import { imagesTree, type ImagesTree } from './imagesView';
import {
  clearFilterCommand,
  deleteUnusedCommand,
  filterImagesCommand,
  findMissingCommand,
  generateMissingCommand,
  groupByCommand,
  moveImagesCommand,
  renameImageCommand,
  revealImageCommand,
  searchImagesCommand,
  type LibraryCommandDeps,
} from './libraryCommands';
import { vscodeLibraryPorts } from './vscodeLibraryPorts';
import { makeWebReadyCommand } from './webReadyCommand';

/** The Images view's rows, and the same library as the Studio's gallery. */
export interface LibraryRegistration {
  tree: ImagesTree;
  gallery: StudioGallery;
}

export function registerLibrary(
  ctx: CommandContext,
  storage: vscode.Uri | undefined,
  heavy: HeavyWork,
  register: (id: CommandId, fn: (...args: never[]) => unknown) => void,
): LibraryRegistration {
  const ports = vscodeLibraryPorts(storage);
  const library = new ImageLibrary({ workspace: ctx.workspace, ports, heavy, log: ctx.log });
  const tree = imagesTree(library, (key, value) => ctx.ui.setContext(key, value));
  const d: LibraryCommandDeps = { ctx, library, ports, view: tree };
  register(COMMANDS.refreshImages, () => library.refresh());
  register(COMMANDS.searchImages, () => searchImagesCommand(d));
  register(COMMANDS.filterImages, () => filterImagesCommand(d));
  register(COMMANDS.clearImageFilter, () => clearFilterCommand(d));
  register(COMMANDS.groupImagesByFolder, () => groupByCommand(d, 'folder'));
  register(COMMANDS.groupImagesByDocument, () => groupByCommand(d, 'document'));
  register(COMMANDS.revealImage, (clicked?: unknown) => revealImageCommand(d, clicked));
  register(COMMANDS.renameImage, (clicked?: unknown, selected?: unknown) => renameImageCommand(d, clicked, selected));
  register(COMMANDS.moveImages, (clicked?: unknown, selected?: unknown) => moveImagesCommand(d, clicked, selected));
  register(COMMANDS.deleteUnusedImages, (clicked?: unknown, selected?: unknown) =>
    deleteUnusedCommand(d, clicked, selected),
  );
  register(COMMANDS.generateMissingImage, (clicked?: unknown) => generateMissingCommand(d, clicked));
  register(COMMANDS.findMissingImage, (clicked?: unknown) => findMissingCommand(d, clicked));
  register(COMMANDS.makeWebReady, (clicked?: unknown, selected?: unknown) =>
    makeWebReadyCommand({ ...d, heavy }, clicked, selected),
  );
  return { tree, gallery: libraryGallery(library) };
}
