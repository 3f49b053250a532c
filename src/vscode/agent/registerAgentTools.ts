// The agent-facing pieces: the two language model tools (Copilot agent mode, `#geekaiImage`),
// the bundled MCP server where VS Code can register one, and the command that copies its
// configuration for other agents.
import * as vscode from 'vscode';
import { EDIT_TOOL, GENERATE_TOOL } from '../../agent/toolInputs';
import type { KeyStore } from '../keyStore';
import type { WorkspacePort } from '../ports';
import { ImageTool } from './imageTool';
import { registerMcpServers } from './mcpServers';
import type { AgentAdapterDeps } from './toolDeps';

/** The language model tool API (in VS Code since 1.95; absent in some forks). */
export interface LmApi {
  registerTool<T>(name: string, tool: vscode.LanguageModelTool<T>): vscode.Disposable;
}

export function registerAgentTools(
  deps: AgentAdapterDeps & { workspace: WorkspacePort; keys: KeyStore },
  mcp: { script: string; version: string },
  lm: Partial<LmApi> | undefined = vscode.lm,
): vscode.Disposable[] {
  const out: vscode.Disposable[] = [];
  if (typeof lm?.registerTool === 'function') {
    out.push(lm.registerTool(GENERATE_TOOL.lmName, new ImageTool('generate', deps)));
    out.push(lm.registerTool(EDIT_TOOL.lmName, new ImageTool('edit', deps)));
  }
  out.push(...registerMcpServers({ workspace: deps.workspace, keys: deps.keys, log: deps.log, script: mcp.script, version: mcp.version, nodePath: process.execPath }));
  return out;
}
