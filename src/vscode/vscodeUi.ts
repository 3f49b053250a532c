// The Ui port over the real VS Code window.
import * as vscode from 'vscode';
import type { Ui } from './ports';

export function vscodeUi(): Ui {
  return {
    input: async (o) =>
      vscode.window.showInputBox({
        title: o.title,
        prompt: o.prompt,
        value: o.value,
        placeHolder: o.placeHolder,
        password: o.password,
        ignoreFocusOut: true,
        validateInput: o.validate,
      }),
    pick: async (items, o) => vscode.window.showQuickPick([...items], { title: o.title, placeHolder: o.placeHolder, matchOnDescription: true }),
    pickMany: async (items, o) => vscode.window.showQuickPick([...items], { title: o.title, placeHolder: o.placeHolder, canPickMany: true }),
    info: async (m, ...a) => vscode.window.showInformationMessage(m, ...a),
    warn: async (m, ...a) => vscode.window.showWarningMessage(m, ...a),
    error: async (m, ...a) => vscode.window.showErrorMessage(m, ...a),
    confirm: async (m, detail, ...buttons) => vscode.window.showWarningMessage(m, { modal: true, detail }, ...buttons),
    progress: async (title, task) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let shown = 0;
        try {
          return await task((r) => {
            const increment = r.percent === undefined ? undefined : Math.max(0, r.percent - shown);
            if (r.percent !== undefined) shown = Math.max(shown, r.percent);
            progress.report({ message: r.message, increment });
          }, controller.signal);
        } finally {
          sub.dispose();
        }
      }),
    copy: async (text) => vscode.env.clipboard.writeText(text),
    pickFolder: async (title) => (await vscode.window.showOpenDialog({ title, canSelectFolders: true, canSelectFiles: false, canSelectMany: false }))?.[0],
    saveDialog: async (title, defaultUri) => vscode.window.showSaveDialog({ title, defaultUri }),
    openFile: async (uri) => {
      await vscode.commands.executeCommand('vscode.open', uri);
    },
    reveal: async (uri) => {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    },
    openSettings: async (query) => {
      await vscode.commands.executeCommand('workbench.action.openSettings', query);
    },
    setContext: (key, value) => {
      void vscode.commands.executeCommand('setContext', key, value);
    },
  };
}
