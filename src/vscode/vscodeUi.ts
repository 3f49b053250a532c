// The Ui port over the real VS Code window. Its callers pass outside text through shownText
// (the ESLint rule local/shown-text checks them); what reaches a notification, a progress message
// or an input prompt is defused once more as a whole, so two parts side by side (`[x]` and
// `(command:y)`) cannot make a link between them.
import * as vscode from 'vscode';
import { defusePlain } from '../core/text/shownText';
import type { LiveFill, PickItem, Ui } from './ports';

/** A QuickPick shown at once, its rows replaced as `fill` brings better ones (the filter typed so far stays). */
function livePick<T extends PickItem>(
  items: readonly T[],
  o: { title: string; placeHolder?: string; fill: LiveFill<T> },
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<T>();
    const closed = new AbortController();
    qp.title = o.title;
    qp.placeholder = o.placeHolder;
    qp.matchOnDescription = true;
    qp.items = [...items];
    qp.busy = true;
    const finish = (picked: T | undefined): void => {
      if (closed.signal.aborted) return;
      closed.abort();
      resolve(picked);
      qp.dispose();
    };
    qp.onDidAccept(() => finish(qp.selectedItems[0] ?? qp.activeItems[0]));
    qp.onDidHide(() => finish(undefined));
    qp.show();
    const show = (next: readonly T[]): void => {
      if (closed.signal.aborted) return;
      const active = qp.activeItems[0]?.label;
      qp.items = [...next];
      const again = active === undefined ? undefined : next.find((i) => i.label === active);
      if (again) qp.activeItems = [again];
    };
    void o
      .fill(show, closed.signal)
      .catch(() => undefined)
      .finally(() => {
        if (!closed.signal.aborted) qp.busy = false;
      });
  });
}

export function vscodeUi(): Ui {
  return {
    input: async (o) =>
      vscode.window.showInputBox({
        title: o.title,
        prompt: defusePlain(o.prompt),
        value: o.value,
        placeHolder: o.placeHolder,
        password: o.password,
        ignoreFocusOut: true,
        validateInput: o.validate,
      }),
    pick: async (items, o) =>
      vscode.window.showQuickPick([...items], { title: o.title, placeHolder: o.placeHolder, matchOnDescription: true }),
    pickMany: async (items, o) =>
      vscode.window.showQuickPick([...items], { title: o.title, placeHolder: o.placeHolder, canPickMany: true }),
    pickLive: (items, o) => livePick(items, o),
    info: async (m, ...a) => vscode.window.showInformationMessage(defusePlain(m), ...a),
    warn: async (m, ...a) => vscode.window.showWarningMessage(defusePlain(m), ...a),
    error: async (m, ...a) => vscode.window.showErrorMessage(defusePlain(m), ...a),
    confirm: async (m, detail, ...buttons) => vscode.window.showWarningMessage(m, { modal: true, detail }, ...buttons),
    progress: async (title, task) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: defusePlain(title), cancellable: true },
        async (progress, token) => {
          const controller = new AbortController();
          const sub = token.onCancellationRequested(() => controller.abort());
          let shown = 0;
          try {
            return await task((r) => {
              const increment = r.percent === undefined ? undefined : Math.max(0, r.percent - shown);
              if (r.percent !== undefined) shown = Math.max(shown, r.percent);
              progress.report({ message: r.message === undefined ? undefined : defusePlain(r.message), increment });
            }, controller.signal);
          } finally {
            sub.dispose();
          }
        },
      ),
    copy: async (text) => vscode.env.clipboard.writeText(text),
    pickFolder: async (title) =>
      (
        await vscode.window.showOpenDialog({
          title,
          canSelectFolders: true,
          canSelectFiles: false,
          canSelectMany: false,
        })
      )?.[0],
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
