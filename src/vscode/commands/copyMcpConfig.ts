// GeekAI Image: Copy MCP Server Configuration — a ready `mcpServers` snippet for other agents
// (Claude Code, Cursor, Codex) that names the key's environment variable, never the key.
import { l10n } from 'vscode';
import { KEY_ENV, mcpConfigSnippet } from '../../agent/mcpConfig';
import type { CommandContext } from './context';

export async function copyMcpConfigCommand(ctx: CommandContext, script: string): Promise<string | undefined> {
  const root = ctx.workspace.folders()[0];
  if (!root || root.scheme !== 'file') {
    void ctx.ui.warn(l10n.t('Open a local folder first: the MCP server saves images under the folder it is given.'));
    return undefined;
  }
  const s = ctx.workspace.settings(root);
  const snippet = mcpConfigSnippet({ script, root: root.fsPath, baseUrl: s.baseUrl, model: s.model });
  await ctx.ui.copy(snippet);
  void ctx.ui.info(l10n.t('MCP server configuration copied. Paste it into your agent\'s MCP settings and set {0} in that agent\'s environment: the key is not in the snippet.', KEY_ENV));
  return snippet;
}
