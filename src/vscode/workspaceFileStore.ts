// core's FileStore over `workspace.fs`, so saving works in remote and virtual workspaces too.
// Real paths (for the workspace wall) come from the local disk: only `file:` URIs have links
// this host can follow; a virtual file system's paths are taken as they are.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diskRealPath } from '../core/files/nodeFileStore';
import type { FileStat, FileStore, FileWriter } from '../core/files/saveImages';
import type { FsLike } from './ports';

const FILE_TYPE_DIRECTORY = 2;

function isNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound' || code === 'ENOENT';
}

/** The real path of a `file:` URI's path on this host's disk, as a posix path; undefined when nothing is there. */
async function fileRealPath(uri: vscode.Uri): Promise<string | undefined> {
  const real = await diskRealPath(uri.fsPath);
  return real === undefined ? undefined : vscode.Uri.file(real).path;
}

export class WorkspaceFileStore implements FileStore {
  /**
   * `base` gives the scheme and authority; core hands us paths. A function when the base is
   * only known once core has asked for a folder.
   */
  constructor(
    private readonly fs: FsLike,
    private readonly base: vscode.Uri | (() => vscode.Uri | undefined),
  ) {}

  uri(path: string): vscode.Uri {
    const base = typeof this.base === 'function' ? this.base() : this.base;
    if (!base) throw new Error('no folder chosen yet');
    return base.with({ path, query: '', fragment: '' });
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const s = await this.fs.stat(this.uri(path));
      return { type: s.type & FILE_TYPE_DIRECTORY ? 'directory' : 'file', size: s.size };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async realPath(p: string): Promise<string | undefined> {
    const uri = this.uri(p);
    return uri.scheme === 'file' ? fileRealPath(uri) : path.posix.normalize(p);
  }

  async readFile(path: string): Promise<Uint8Array> {
    return this.fs.readFile(this.uri(path));
  }

  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    await this.fs.writeFile(this.uri(path), bytes);
  }

  async rename(from: string, to: string): Promise<void> {
    await this.fs.rename(this.uri(from), this.uri(to), { overwrite: false });
  }

  async delete(path: string): Promise<void> {
    await this.fs.delete(this.uri(path), { recursive: false, useTrash: false });
  }

  async createDirectory(path: string): Promise<void> {
    await this.fs.createDirectory(this.uri(path));
  }

  async openWrite(path: string): Promise<FileWriter | undefined> {
    return this.fs.openWrite?.(this.uri(path));
  }

  async readInto(path: string, offset: number, into: Uint8Array): Promise<number> {
    const uri = this.uri(path);
    const part =
      this.fs.readPart && uri.scheme === 'file'
        ? await this.fs.readPart(uri, offset, into.byteLength, into)
        : (await this.fs.readFile(uri)).subarray(offset, offset + into.byteLength);
    // A port that made its own buffer: copied into the caller's.
    if (part.buffer !== into.buffer || part.byteOffset !== into.byteOffset) into.set(part);
    return part.byteLength;
  }
}
