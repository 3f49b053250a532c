// The agent-facing pieces the engine builds: the two language model tools (Copilot agent mode,
// `#geekaiImage`) and the bundled MCP server's definition. The entry point registers stand-ins
// for both at activation and hands calls on here once the engine is loaded.
import type * as vscode from 'vscode';
import { EDIT_TOOL, GENERATE_TOOL } from '../../agent/toolInputs';
import { ImageTool } from './imageTool';
import { definitionClass, mcpServerDefinitions, type McpServerDefinitions } from './mcpServers';
import type { AgentAdapterDeps } from './toolDeps';

export interface AgentTools {
  /** By contributed tool name. */
  tools: Record<string, vscode.LanguageModelTool<unknown>>;
  /** Where this VS Code can run MCP servers from an extension. */
  mcpServers?: McpServerDefinitions;
}

export function agentTools(
  deps: AgentAdapterDeps,
  mcp: { script: string; version: string; nodePath: string },
): AgentTools {
  const Definition = definitionClass();
  return {
    tools: {
      [GENERATE_TOOL.lmName]: new ImageTool('generate', deps),
      [EDIT_TOOL.lmName]: new ImageTool('edit', deps),
    },
    mcpServers: Definition
      ? mcpServerDefinitions(Definition, { workspace: deps.workspace, keys: deps.keys, log: deps.log, ...mcp })
      : undefined,
  };
}
