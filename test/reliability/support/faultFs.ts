// `workspace.fs` over a real temp folder (NodeFs) with faults a test can switch on: a folder
// that refuses writes (as VS Code reports it: FileSystemError.NoPermissions), a slow write, and
// a hook that runs just before a rename (to make the target appear between naming and writing).
import * as vscode from 'vscode';
import type { FileWriter } from '../../../src/core/files/saveImages';
import type { FsLike } from '../../../src/vscode/ports';
import { NodeFs } from '../../adapter/support/nodeFs';

export type FsOp = 'stat' | 'readFile' | 'writeFile' | 'rename' | 'delete' | 'createDirectory';

export class FaultFs implements FsLike {
  readonly inner = new NodeFs();
  /** Operations that fail with NoPermissions, like a read-only folder (root ignores chmod). */
  readonly refuse = new Set<FsOp>();
  /** Runs before each writeFile; may wait (a slow disk) or act (press Cancel). */
  beforeWrite: ((uri: vscode.Uri) => Promise<void>) | undefined;
  /**
   * Writes this many files, then the next write stores half its bytes and fails (a full disk); a
   * file written piece by piece (openWrite) counts as one, and fails on its first piece.
   */
  failWriteAfter: number | undefined;
  /** Runs before each rename, e.g. to create the target file first. */
  beforeRename: ((from: vscode.Uri, to: vscode.Uri) => Promise<void>) | undefined;

  get calls(): string[] {
    return this.inner.calls;
  }

  private guard(op: FsOp, uri: vscode.Uri): void {
    if (this.refuse.has(op))
      throw vscode.FileSystemError.NoPermissions(`EACCES: permission denied, ${op} '${uri.path}'`);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    this.guard('stat', uri);
    return this.inner.stat(uri);
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    this.guard('readFile', uri);
    return this.inner.readFile(uri);
  }

  /** Refused with reads (`readFile`): a part of a file is a read too. */
  async readPart(uri: vscode.Uri, offset: number, length: number): Promise<Uint8Array> {
    this.guard('readFile', uri);
    return this.inner.readPart(uri, offset, length);
  }

  private writes = 0;

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    await this.beforeWrite?.(uri);
    this.guard('writeFile', uri);
    if (this.failWriteAfter !== undefined && this.writes++ >= this.failWriteAfter) {
      await this.inner.writeFile(uri, content.subarray(0, Math.floor(content.length / 2)));
      throw vscode.FileSystemError.NoPermissions(`ENOSPC: no space left on device, write '${uri.path}'`);
    }
    return this.inner.writeFile(uri, content);
  }

  /** A download written as it arrives: refused, slowed and filled up like writeFile. */
  async openWrite(uri: vscode.Uri): Promise<FileWriter> {
    await this.beforeWrite?.(uri);
    this.guard('writeFile', uri);
    const full = this.failWriteAfter !== undefined && this.writes++ >= this.failWriteAfter;
    const writer = await this.inner.openWrite(uri);
    return {
      write: async (bytes) => {
        if (!full) return writer.write(bytes);
        await writer.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
        throw vscode.FileSystemError.NoPermissions(`ENOSPC: no space left on device, write '${uri.path}'`);
      },
      close: () => writer.close(),
      settled: () => writer.settled(),
    };
  }

  async rename(from: vscode.Uri, to: vscode.Uri, options?: { overwrite?: boolean }): Promise<void> {
    await this.beforeRename?.(from, to);
    this.guard('rename', to);
    return this.inner.rename(from, to, options);
  }

  async delete(uri: vscode.Uri): Promise<void> {
    this.guard('delete', uri);
    return this.inner.delete(uri);
  }

  async createDirectory(uri: vscode.Uri): Promise<void> {
    this.guard('createDirectory', uri);
    return this.inner.createDirectory(uri);
  }
}
