import * as fs from 'node:fs/promises';
import type { FileStat, FileStore } from './saveImages';

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

/** FileStore over the local file system (POSIX paths): the MCP server's store, and the integration tests'. */
export class NodeFileStore implements FileStore {
  async stat(p: string): Promise<FileStat | undefined> {
    try {
      const s = await fs.stat(p);
      return { type: s.isDirectory() ? 'directory' : 'file', size: s.size };
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined;
      throw e;
    }
  }

  async realPath(p: string): Promise<string | undefined> {
    try {
      return await fs.realpath(p);
    } catch (e) {
      if (code(e) === 'ENOENT' || code(e) === 'ENOTDIR') return undefined;
      throw e;
    }
  }

  async readFile(p: string): Promise<Uint8Array> {
    return new Uint8Array(await fs.readFile(p));
  }

  async writeFile(p: string, bytes: Uint8Array): Promise<void> {
    await fs.writeFile(p, bytes);
  }

  /** fs.rename overwrites on POSIX, so link (fails with EEXIST) and unlink instead. */
  async rename(from: string, to: string): Promise<void> {
    try {
      await fs.link(from, to);
    } catch (e) {
      // Some file systems (FAT, some network mounts) have no hard links.
      if (code(e) !== 'EPERM' && code(e) !== 'ENOTSUP' && code(e) !== 'EOPNOTSUPP') throw e;
      await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    }
    await fs.unlink(from);
  }

  /** Like workspace.fs.delete without `recursive`: a file, or an empty folder. */
  async delete(p: string): Promise<void> {
    if ((await fs.stat(p)).isDirectory()) await fs.rmdir(p);
    else await fs.rm(p);
  }

  async createDirectory(p: string): Promise<void> {
    await fs.mkdir(p, { recursive: true });
  }
}
