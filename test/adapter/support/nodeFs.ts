// `workspace.fs` over a real temp folder, with VS Code's error codes and no-overwrite rename.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { openDiskWriter, readFilePart } from '../../../src/core/files/nodeFileStore';
import type { FileWriter } from '../../../src/core/files/saveImages';
import type { FsLike } from '../../../src/vscode/ports';

function mapError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return vscode.FileSystemError.FileNotFound(String(code));
  if (code === 'EEXIST') return vscode.FileSystemError.FileExists(String(code));
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return vscode.FileSystemError.NoPermissions(String(code));
  return e;
}

async function wrap<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw mapError(e);
  }
}

export class NodeFs implements FsLike {
  /** Every call, for tests that check which operations ran. */
  readonly calls: string[] = [];

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    this.calls.push(`stat ${uri.path}`);
    return wrap(async () => {
      const s = await fs.stat(uri.path);
      return {
        type: s.isDirectory() ? vscode.FileType.Directory : vscode.FileType.File,
        ctime: s.ctimeMs,
        mtime: s.mtimeMs,
        size: s.size,
      };
    });
  }
  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    this.calls.push(`readFile ${uri.path}`);
    return wrap(async () => new Uint8Array(await fs.readFile(uri.path)));
  }
  /** As the real port's: a part of the file on disk (logged with where and how much). */
  async readPart(uri: vscode.Uri, offset: number, length: number): Promise<Uint8Array> {
    this.calls.push(`readPart ${uri.path} ${offset} ${length}`);
    return wrap(() => readFilePart(uri.path, offset, length));
  }
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    this.calls.push(`writeFile ${uri.path}`);
    return wrap(() => fs.writeFile(uri.path, content));
  }
  async rename(from: vscode.Uri, to: vscode.Uri, options?: { overwrite?: boolean }): Promise<void> {
    this.calls.push(`rename ${from.path} ${to.path}`);
    return wrap(async () => {
      if (!options?.overwrite) {
        // link+unlink fails when `to` exists, unlike rename(2), which would replace it.
        await fs.link(from.path, to.path);
        await fs.unlink(from.path);
        return;
      }
      await fs.rename(from.path, to.path);
    });
  }
  async delete(uri: vscode.Uri): Promise<void> {
    this.calls.push(`delete ${uri.path}`);
    // Like workspace.fs.delete without `recursive`: a file, or an empty folder.
    return wrap(async () => ((await fs.stat(uri.path)).isDirectory() ? fs.rmdir(uri.path) : fs.rm(uri.path)));
  }
  /** As the real port's: a new file on disk written piece by piece (VS Code's errors, as workspace.fs would give them). */
  async openWrite(uri: vscode.Uri): Promise<FileWriter> {
    this.calls.push(`openWrite ${uri.path}`);
    const writer = await wrap(() => openDiskWriter(uri.path));
    return {
      write: (bytes) => wrap(() => writer.write(bytes)),
      close: () => wrap(() => writer.close()),
      settled: () => wrap(() => writer.settled()),
    };
  }
  async createDirectory(uri: vscode.Uri): Promise<void> {
    this.calls.push(`createDirectory ${uri.path}`);
    return wrap(async () => {
      await fs.mkdir(uri.path, { recursive: true });
    });
  }
}
