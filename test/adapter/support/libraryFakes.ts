// The image library's ports over a real temp folder: the listing is the disk's, a WorkspaceEdit is
// applied to the files on disk (renames first, then each document's replacements) and can be
// undone as one, and the trash is a folder outside the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { listDisk } from '../../../src/core/library/diskLibrary';
import type { DocumentChange, LibraryPorts } from '../../../src/vscode/library/libraryPorts';
import type { EditorPort, TextReplacement } from '../../../src/vscode/ports';

function applied(text: string, edits: readonly TextReplacement[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start))
    out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

export class DiskLibraryPorts implements LibraryPorts {
  readonly trashed: string[] = [];
  readonly edits: { moves: { from: string; to: string }[]; changes: DocumentChange[] }[] = [];
  cache: string | undefined;
  /** VS Code refusing the edit. */
  refuse = false;
  private readonly undoStack: (() => void)[] = [];

  constructor(
    private readonly roots: readonly string[],
    readonly trashDir: string,
  ) {}

  list() {
    return listDisk(this.roots);
  }

  async applyEdit(
    moves: readonly { from: vscode.Uri; to: vscode.Uri }[],
    changes: readonly DocumentChange[],
  ): Promise<boolean> {
    if (this.refuse) return false;
    this.edits.push({ moves: moves.map((m) => ({ from: m.from.path, to: m.to.path })), changes: [...changes] });
    const undo: (() => void)[] = [];
    for (const m of moves) {
      if (fs.existsSync(m.to.path)) throw new Error(`exists: ${m.to.path}`);
      fs.mkdirSync(path.dirname(m.to.path), { recursive: true });
      fs.renameSync(m.from.path, m.to.path);
      undo.push(() => fs.renameSync(m.to.path, m.from.path));
    }
    for (const c of changes) {
      const before = fs.readFileSync(c.document.path, 'utf8');
      fs.writeFileSync(c.document.path, applied(before, c.replacements));
      undo.push(() => fs.writeFileSync(c.document.path, before));
    }
    this.undoStack.push(() => undo.reverse().forEach((u) => u()));
    return true;
  }

  /** Undo of the last edit, as one step (VS Code's Undo after a WorkspaceEdit). */
  undo(): void {
    this.undoStack.pop()?.();
  }

  async trash(uris: readonly vscode.Uri[]): Promise<void> {
    for (const u of uris) {
      fs.mkdirSync(this.trashDir, { recursive: true });
      fs.renameSync(u.path, path.join(this.trashDir, path.basename(u.path)));
      this.trashed.push(u.path);
    }
  }

  async readCache(): Promise<string | undefined> {
    return this.cache;
  }

  async writeCache(text: string): Promise<void> {
    this.cache = text;
  }
}

/** Documents read and edited on disk (every document "open"), with the edits recorded. */
export class DiskEditors implements Pick<EditorPort, 'read' | 'replace'> {
  readonly replaced: { document: string; edits: readonly TextReplacement[] }[] = [];
  async read(document: vscode.Uri): Promise<string | undefined> {
    try {
      return fs.readFileSync(document.path, 'utf8');
    } catch {
      return undefined;
    }
  }
  async replace(document: vscode.Uri, edits: readonly TextReplacement[]): Promise<boolean> {
    this.replaced.push({ document: document.path, edits });
    const text = await this.read(document);
    if (text === undefined) return false;
    fs.writeFileSync(document.path, applied(text, edits));
    return true;
  }
}
