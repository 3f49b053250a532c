// The extension's entry point (bundled alone as dist/extension.js). Activation must cost next
// to nothing, so it loads no HTTP, SSE, zod or image code: it registers a stand-in for every
// contributed command, the Studio's serializer and every Markdown provider, and loads the engine
// (dist/engine.js) the first time one of them is used.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from './engine';
import { COMMANDS, IMAGES_VIEW_ID, MCP_PROVIDER_ID, STUDIO_VIEW_TYPE } from './contributionIds';
import { markdownStandIns } from './markdownProviders';
import { DURABLE_JOBS_KEY } from './vscode/durableJobsKey';

interface Contributions {
  contributes?: { languageModelTools?: { name: string }[] };
}

/** What newer VS Code versions add to `vscode.lm` (the MCP definition API), detected at run time. */
type McpRegistry = { registerMcpServerDefinitionProvider?: (id: string, provider: object) => vscode.Disposable };

/**
 * Stand-ins for the language model tools and the MCP server definition: VS Code asks for them
 * right after activation, and the engine loads only when one is really used.
 */
function agentStandIns(load: () => Engine, toolNames: readonly string[]): vscode.Disposable[] {
  const out: vscode.Disposable[] = [];
  const lm = vscode.lm as (typeof vscode.lm & McpRegistry) | undefined;
  if (typeof lm?.registerTool === 'function') {
    for (const name of toolNames) {
      const tool = (): vscode.LanguageModelTool<unknown> => {
        const t = load().tool(name);
        if (!t) throw new Error(`no tool ${name}`);
        return t;
      };
      out.push(
        lm.registerTool<unknown>(name, {
          prepareInvocation: (options, token) => tool().prepareInvocation?.(options, token),
          // A third argument (progress) is handed on where VS Code gives one.
          invoke: (options, token, ...rest: unknown[]) =>
            (tool().invoke as (...a: unknown[]) => vscode.ProviderResult<vscode.LanguageModelToolResult>)(
              options,
              token,
              ...rest,
            ),
        }),
      );
    }
  }
  const register = lm?.registerMcpServerDefinitionProvider;
  if (
    typeof register === 'function' &&
    typeof (vscode as { McpStdioServerDefinition?: unknown }).McpStdioServerDefinition === 'function'
  ) {
    const changed = new vscode.EventEmitter<void>();
    let following = false;
    try {
      out.push(
        register.call(lm, MCP_PROVIDER_ID, {
          onDidChangeMcpServerDefinitions: changed.event,
          provideMcpServerDefinitions: () => {
            const servers = load().mcpServers;
            if (servers && !following) {
              // An origin allowed (or forgotten) changes which base URL the server may be given.
              following = true;
              servers.onDidChange(() => changed.fire());
            }
            return servers?.provideMcpServerDefinitions() ?? [];
          },
          resolveMcpServerDefinition: (
            server: Parameters<NonNullable<Engine['mcpServers']>['resolveMcpServerDefinition']>[0],
          ) => load().mcpServers?.resolveMcpServerDefinition(server) ?? server,
        }),
        changed,
        vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
        vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('geekaiImage.baseUrl') || e.affectsConfiguration('geekaiImage.model'))
            changed.fire();
        }),
      );
    } catch {
      // Exposed as a proposal in some versions and refused: Copy MCP Server Configuration remains.
      changed.dispose();
    }
  }
  return out;
}

/**
 * The Images view, created here so VS Code has its provider at once; its rows come from the
 * engine, loaded the first time the view is expanded (it starts collapsed).
 */
function imagesStandIn(load: () => Engine): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<undefined>();
  let engineTree: Engine['images'] | undefined;
  const tree = (): Engine['images'] => {
    if (engineTree) return engineTree;
    engineTree = load().images;
    engineTree.attach(view);
    engineTree.onDidChangeTreeData?.(() => changed.fire(undefined));
    return engineTree;
  };
  const view: vscode.TreeView<unknown> = vscode.window.createTreeView<unknown>(IMAGES_VIEW_ID, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getChildren: (e) => tree().getChildren(e as never),
      getTreeItem: (e) => tree().getTreeItem(e as never),
    },
    canSelectMany: true,
    showCollapseAll: true,
  });
  return [view, changed];
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

  for (const id of Object.values(COMMANDS)) {
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
  const toolNames = ((context.extension.packageJSON as Contributions).contributes?.languageModelTools ?? []).map(
    (t) => t.name,
  );
  context.subscriptions.push(
    ...agentStandIns(load, toolNames),
    ...markdownStandIns(() => load().markdown),
    ...imagesStandIn(load),
  );
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(STUDIO_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => load().reviveStudio(panel),
    }),
  );
  // Jobs the server was still running when the window closed: only then is the engine loaded at start-up.
  const stored = context.globalState.get<unknown>(DURABLE_JOBS_KEY);
  if (Array.isArray(stored) && stored.length > 0) void load().resumeJobs();
}

export function deactivate(): void {}
