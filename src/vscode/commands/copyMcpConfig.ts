// GeekAI Image: Copy MCP Server Configuration — a ready `mcpServers` snippet for other agents
// (Claude Code, Cursor, Codex) that names the key's environment variable, never the key. The
// snippet's base URL is one the key may go to: a workspace's own is confirmed first (the agent
// that runs the snippet will send the key there), else the user's own base URL is used.
import { l10n } from 'vscode';
import { KEY_ENV, mcpConfigSnippet } from '../../agent/mcpConfig';
import { originOf } from '../keyOrigins';
import { shownText } from '../../core/text/shownText';
import type { CommandContext } from './context';

export async function copyMcpConfigCommand(ctx: CommandContext, script: string): Promise<string | undefined> {
  const root = ctx.workspace.folders()[0];
  if (!root || root.scheme !== 'file') {
    void ctx.ui.warn(l10n.t('Open a local folder first: the MCP server saves images under the folder it is given.'));
    return undefined;
  }
  const s = ctx.workspace.settings(root);
  const allowed = await ctx.keys.origins.confirm(s.baseUrl, ctx.ui);
  const baseUrl = allowed ? s.baseUrl : ctx.workspace.userBaseUrl();
  if (!allowed)
    ctx.log.warn(
      `MCP snippet: ${originOf(s.baseUrl) ?? 'the workspace base URL'} not allowed; the snippet uses ${originOf(baseUrl) ?? baseUrl}`,
    );
  const snippet = mcpConfigSnippet({ script, root: root.fsPath, baseUrl, model: s.model });
  await ctx.ui.copy(snippet);
  const copied = l10n.t(
    "MCP server configuration copied. Paste it into your agent's MCP settings and set {0} in that agent's environment: the key is not in the snippet.",
    KEY_ENV,
  );
  void ctx.ui.info(
    allowed
      ? copied
      : `${copied} ${l10n.t("It uses the base URL of your user settings ({0}), not this workspace's.", shownText(originOf(baseUrl) ?? baseUrl))}`,
  );
  return snippet;
}
