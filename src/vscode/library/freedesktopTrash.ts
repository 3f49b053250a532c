// The trash where VS Code's file service has none: a remote extension host on Linux (code-server,
// VS Code Server) refuses `delete({ useTrash: true })`. There, a local file goes to the user's
// FreeDesktop trash ($XDG_DATA_HOME/Trash, as desktop file managers and Electron use it): the file
// under files/, its original path and date under info/, so the desktop's trash can restore it.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export function trashHome(env: NodeJS.ProcessEnv = process.env): string {
  const data =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(os.homedir(), '.local', 'share');
  return path.join(data, 'Trash');
}

const stamp = (d: Date): string => d.toISOString().slice(0, 19);

/** Moves the file at `file` (a local path) into the trash; returns where it went. */
export async function moveToFreedesktopTrash(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  now = new Date(),
): Promise<string> {
  const home = trashHome(env);
  const files = path.join(home, 'files');
  const info = path.join(home, 'info');
  await fs.mkdir(files, { recursive: true, mode: 0o700 });
  await fs.mkdir(info, { recursive: true, mode: 0o700 });
  const base = path.basename(file);
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length);
  for (let n = 0; n < 1000; n++) {
    const name = n === 0 ? base : `${stem}.${n}${ext}`;
    const infoFile = path.join(info, `${name}.trashinfo`);
    try {
      // The info file claims the name (created exclusively), as the specification says.
      await fs.writeFile(
        infoFile,
        `[Trash Info]\nPath=${encodeURI(file).replace(/[?#]/g, encodeURIComponent)}\nDeletionDate=${stamp(now)}\n`,
        { flag: 'wx' },
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw e;
    }
    const to = path.join(files, name);
    try {
      await fs.rename(file, to);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') {
        await fs.rm(infoFile, { force: true });
        throw e;
      }
      // Another file system: copied, then removed.
      await fs.copyFile(file, to, fs.constants.COPYFILE_EXCL);
      await fs.unlink(file);
    }
    return to;
  }
  throw new Error(`no free name in the trash for ${base}`);
}
