// The few window operations the commands need, behind one small interface so adapter tests can
// hand in a scripted fake instead of faking the whole `vscode` module.
import * as vscode from 'vscode';

export interface InputOptions {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  validate?: (value: string) => string | undefined;
}

export interface PickItem {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

export interface ProgressReport {
  message?: string;
  /** 0-100: the bar's absolute position (converted to VS Code's increments here). */
  percent?: number;
}

export interface Ui {
  input(o: InputOptions): Promise<string | undefined>;
  pick<T extends PickItem>(items: readonly T[], o: { title: string; placeHolder?: string }): Promise<T | undefined>;
  pickMany<T extends PickItem>(items: readonly T[], o: { title: string; placeHolder?: string }): Promise<readonly T[] | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
  /** A cancellable notification; its Cancel aborts `signal`. */
  progress<T>(title: string, task: (report: (r: ProgressReport) => void, signal: AbortSignal) => Promise<T>): Promise<T>;
  copy(text: string): Promise<void>;
  pickFolder(title: string): Promise<vscode.Uri | undefined>;
  /** A save dialog for one file (the dialog itself asks before replacing an existing one). */
  saveDialog(title: string, defaultUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined>;
  openFile(uri: vscode.Uri): Promise<void>;
  reveal(uri: vscode.Uri): Promise<void>;
  openSettings(query: string): Promise<void>;
}

export function createVscodeUi(): Ui {
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
  };
}
