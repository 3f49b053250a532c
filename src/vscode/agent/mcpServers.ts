// Where this VS Code can run MCP servers from an extension (newer than the 1.95 API), it gets
// the bundled server for the first workspace folder; the key goes into the server's
// environment from SecretStorage when VS Code starts it, and is never written anywhere. The
// entry point registers the provider (so it exists before the engine loads) and asks this.
import * as vscode from 'vscode';
import { KEY_ENV, mcpArgs, MCP_SERVER_NAME } from '../../agent/mcpConfig';
import type { KeyStore } from '../keyStore';
import type { WorkspacePort } from '../ports';

type Env = Record<string, string | number | null>;

/** The slice of `vscode.McpStdioServerDefinition` used here. */
export interface StdioDefinition {
  label: string;
  command: string;
  args: string[];
  env: Env;
}

export type DefinitionClass = new (label: string, command: string, args?: string[], env?: Env, version?: string) => StdioDefinition;

export interface McpServerDefinitions {
  provideMcpServerDefinitions(): StdioDefinition[];
  resolveMcpServerDefinition(server: StdioDefinition): Promise<StdioDefinition>;
}

/** `vscode.McpStdioServerDefinition`, when this VS Code has it. */
export function definitionClass(api: object = vscode): DefinitionClass | undefined {
  const Definition = (api as { McpStdioServerDefinition?: unknown }).McpStdioServerDefinition;
  return typeof Definition === 'function' ? (Definition as DefinitionClass) : undefined;
}

export interface McpServerDeps {
  workspace: WorkspacePort;
  keys: KeyStore;
  /** Absolute path of dist/mcp.js. */
  script: string;
  version: string;
  /** The Node that runs it: VS Code's own (run as plain Node). */
  nodePath: string;
}

export function mcpServerDefinitions(Definition: DefinitionClass, deps: McpServerDeps): McpServerDefinitions {
  return {
    provideMcpServerDefinitions() {
      const root = deps.workspace.folders()[0];
      if (!root || root.scheme !== 'file') return [];
      const s = deps.workspace.settings(root);
      const args = mcpArgs({ script: deps.script, root: root.fsPath, baseUrl: s.baseUrl, model: s.model });
      return [new Definition(MCP_SERVER_NAME, deps.nodePath, args, { ELECTRON_RUN_AS_NODE: '1' }, deps.version)];
    },
    async resolveMcpServerDefinition(server) {
      // Asked only now, when VS Code starts the server, so a key set later is used.
      const key = await deps.keys.get();
      server.env = { ...server.env, [KEY_ENV]: key ?? null };
      return server;
    },
  };
}
