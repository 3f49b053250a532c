// Backs the history with a JSON file in the extension's global storage: it survives restarts,
// and unlike globalState it is not loaded into memory at every VS Code start.
import * as vscode from 'vscode';
import type { HistoryStorage } from './historyStore';

export function historyFileStorage(storageDir: vscode.Uri): HistoryStorage {
  const file = vscode.Uri.joinPath(storageDir, 'studio-history.json');
  const temp = vscode.Uri.joinPath(storageDir, 'studio-history.json.tmp');
  return {
    async read() {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
        throw e;
      }
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(storageDir);
      // Write-then-rename: a crash mid-write leaves the old history, not half a file.
      await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
      await vscode.workspace.fs.rename(temp, file, { overwrite: true });
    },
  };
}
