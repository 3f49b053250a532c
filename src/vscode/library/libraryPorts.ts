// What the image library needs of VS Code beyond the shared ports: the workspace's library files
// listed through VS Code's search (files.exclude and search.exclude respected), moves and text
// edits applied as one undoable WorkspaceEdit, files moved to the trash, and the index's cache in
// the workspace's storage. Each has a fake in test/adapter/support/libraryFakes.ts.
import type * as vscode from 'vscode';
import type { Listing } from '../../core/library/diskLibrary';
import type { TextReplacement } from '../ports';

export interface DocumentChange {
  document: vscode.Uri;
  replacements: TextReplacement[];
}

export interface LibraryPorts {
  /** Every library image and document in the workspace, as paths with size and mtime. */
  list(signal?: AbortSignal): Promise<Listing>;
  /** Moves the files and edits the documents in one WorkspaceEdit (one Undo); false when VS Code refused it. */
  applyEdit(
    moves: readonly { from: vscode.Uri; to: vscode.Uri }[],
    changes: readonly DocumentChange[],
  ): Promise<boolean>;
  /** Moves files to the operating system's trash (or the file system's own, remotely). */
  trash(uris: readonly vscode.Uri[]): Promise<void>;
  /** The index cache in workspace storage: undefined when none (or no storage: no folder open). */
  readCache(): Promise<string | undefined>;
  writeCache(text: string): Promise<void>;
}
