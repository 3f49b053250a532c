// Where this VS Code can run MCP servers from an extension (newer than the 1.95 API), it gets
// the bundled server for the first workspace folder; the key goes into the server's
// environment from SecretStorage when VS Code starts it, and is never written anywhere.
import * as vscode from 'vscode';
import { KEY_ENV, mcpArgs, MCP_SERVER_NAME } from '../../agent/mcpConfig';
import type { Logger } from '../../core/logger';
import type { KeyStore } from '../keyStore';
import type { WorkspacePort } from '../ports';

export const MCP_PROVIDER_ID = 'geekaiImage.mcpServers';

type Env = Record<string, string | number | null>;

/** The slice of `vscode.McpStdioServerDefinition` used here. */
export interface StdioDefinition {
  label: string;
  command: string;
  args: string[];
  env: Env;
}

export type DefinitionClass = new (label: string, command: string, args?: string[], env?: Env, version?: string) => StdioDefinition;

export interface McpProvider {
  onDidChangeMcpServerDefinitions: vscode.Event<void>;
  provideMcpServerDefinitions(): StdioDefinition[];
  resolveMcpServerDefinition(server: StdioDefinition): Promise<StdioDefinition>;
}

/** The MCP definition API, when this VS Code has it. */
export interface McpApi {
  registerProvider(id: string, provider: McpProvider): vscode.Disposable;
  Definition: DefinitionClass;
}

export function mcpApi(api: object = vscode): McpApi | undefined {
  const lm = (api as { lm?: { registerMcpServerDefinitionProvider?: unknown } }).lm;
  const register = lm?.registerMcpServerDefinitionProvider;
  const Definition = (api as { McpStdioServerDefinition?: unknown }).McpStdioServerDefinition;
  if (typeof register !== 'function' || typeof Definition !== 'function') return undefined;
  return { registerProvider: (id, provider) => (register as (i: string, p: McpProvider) => vscode.Disposable).call(lm, id, provider), Definition: Definition as DefinitionClass };
}

export interface McpServerDeps {
  workspace: WorkspacePort;
  log: Logger;
  keys: KeyStore;
  /** Absolute path of dist/mcp.js. */
  script: string;
  version: string;
  /** The Node that runs it: VS Code's own (run as plain Node). */
  nodePath: string;
}

export function mcpProvider(api: McpApi, deps: McpServerDeps, changed: vscode.EventEmitter<void>): McpProvider {
  return {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions() {
      const root = deps.workspace.folders()[0];
      if (!root || root.scheme !== 'file') return [];
      const s = deps.workspace.settings(root);
      const args = mcpArgs({ script: deps.script, root: root.fsPath, baseUrl: s.baseUrl, model: s.model });
      return [new api.Definition(MCP_SERVER_NAME, deps.nodePath, args, { ELECTRON_RUN_AS_NODE: '1' }, deps.version)];
    },
    async resolveMcpServerDefinition(server) {
      // Asked only now, when VS Code starts the server, so a key set later is used.
      const key = await deps.keys.get();
      server.env = { ...server.env, [KEY_ENV]: key ?? null };
      return server;
    },
  };
}

/**
 * Registers the provider where the API exists; refreshes it when folders or settings change.
 * Some versions expose the function but refuse it (a proposed API): then there is nothing to
 * register, and Copy MCP Server Configuration remains.
 */
export function registerMcpServers(deps: McpServerDeps, api: McpApi | undefined = mcpApi()): vscode.Disposable[] {
  if (!api) return [];
  const changed = new vscode.EventEmitter<void>();
  let registration: vscode.Disposable;
  try {
    registration = api.registerProvider(MCP_PROVIDER_ID, mcpProvider(api, deps, changed));
  } catch (e) {
    changed.dispose();
    deps.log.info(`MCP server definitions are not available in this VS Code: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  return [
    changed,
    registration,
    vscode.workspace.onDidChangeWorkspaceFolders(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('geekaiImage.baseUrl') || e.affectsConfiguration('geekaiImage.model')) changed.fire();
    }),
  ];
}
