// The extension's entry point (bundled alone as dist/extension.js). Activation must cost next
// to nothing, so it loads no HTTP, SSE, zod or image code: it registers a stand-in for every
// contributed command and the Studio's serializer, and loads the engine (dist/engine.js) the
// first time one of them is used.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from './engine';

const STUDIO_VIEW = 'geekaiImage.studio';

interface Contributions {
  contributes?: { commands?: { command: string }[] };
}

export function activate(context: vscode.ExtensionContext): void {
  const standIns: vscode.Disposable[] = [];
  let engine: Engine | undefined;
  const load = (): Engine => {
    if (engine) return engine;
    // The engine registers the real commands under the same ids, so the stand-ins go first.
    for (const d of standIns.splice(0)) d.dispose();
    // A computed path keeps esbuild from inlining the engine into this bundle.
    const file = path.join(__dirname, 'engine.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, by a path esbuild cannot follow
    engine = (require(file) as typeof import('./engine')).startEngine(context);
    return engine;
  };

  const ids = ((context.extension.packageJSON as Contributions).contributes?.commands ?? []).map((c) => c.command);
  for (const id of ids) {
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  context.subscriptions.push({
    dispose: () => {
      for (const d of standIns.splice(0)) d.dispose();
    },
  });
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW, {
      deserializeWebviewPanel: async (panel) => load().reviveStudio(panel),
    }),
  );
}

export function deactivate(): void {}
