// Where this VS Code can run MCP servers from an extension (newer than the 1.95 API), it gets
// the bundled server for the first workspace folder; the key goes into the server's
// environment from SecretStorage when VS Code starts it, and is never written anywhere. The
// server is given only a base URL the key may go to (KeyOrigins): a workspace's own base URL
// that the user has not allowed is replaced by the user's. The entry point registers the
// provider (so it exists before the engine loads) and asks this.
import * as vscode from 'vscode';
import { baseUrlOfArgs, KEY_ENV, mcpArgs, MCP_SERVER_NAME } from '../../agent/mcpConfig';
import type { Logger } from '../../core/logger';
import type { KeyStore } from '../keyStore';
import { originOf } from '../keyOrigins';
import type { WorkspacePort } from '../ports';

type Env = Record<string, string | number | null>;

/** The slice of `vscode.McpStdioServerDefinition` used here. */
export interface StdioDefinition {
  label: string;
  command: string;
  args: string[];
  env: Env;
}

export type DefinitionClass = new (
  label: string,
  command: string,
  args?: string[],
  env?: Env,
  version?: string,
) => StdioDefinition;

export interface McpServerDefinitions {
  /** Called when the definitions would change without a setting changing (an origin allowed or forgotten). */
  onDidChange(listener: () => void): void;
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
  log: Logger;
  /** Absolute path of dist/mcp.js. */
  script: string;
  version: string;
  /** The Node that runs it: VS Code's own (run as plain Node). */
  nodePath: string;
}

export function mcpServerDefinitions(Definition: DefinitionClass, deps: McpServerDeps): McpServerDefinitions {
  return {
    onDidChange: (listener) => deps.keys.origins.onDidChange(listener),
    provideMcpServerDefinitions() {
      const root = deps.workspace.folders()[0];
      if (!root || root.scheme !== 'file') return [];
      const s = deps.workspace.settings(root);
      let baseUrl = s.baseUrl;
      if (!deps.keys.origins.allows(baseUrl)) {
        baseUrl = deps.workspace.userBaseUrl();
        deps.log.warn(
          `MCP server: this workspace's base URL (${originOf(s.baseUrl) ?? 'not a URL'}) is not one the key may go to; the server is registered with the base URL of your user settings (${originOf(baseUrl) ?? baseUrl}). Allow it by generating once from this workspace and choosing Send.`,
        );
      }
      const args = mcpArgs({ script: deps.script, root: root.fsPath, baseUrl, model: s.model });
      return [new Definition(MCP_SERVER_NAME, deps.nodePath, args, { ELECTRON_RUN_AS_NODE: '1' }, deps.version)];
    },
    async resolveMcpServerDefinition(server) {
      // Asked only now, when VS Code starts the server, so a key set later is used; checked again
      // for the base URL the server was given (an approval may have been cleared since).
      let key: string | undefined;
      try {
        key = await deps.keys.keyFor(baseUrlOfArgs(server.args));
      } catch (e) {
        deps.log.warn(`MCP server started without the key: ${e instanceof Error ? e.message : String(e)}`);
      }
      server.env = { ...server.env, [KEY_ENV]: key ?? null };
      return server;
    },
  };
}
