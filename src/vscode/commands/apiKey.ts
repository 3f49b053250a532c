// Set / Clear API Key. The key goes to SecretStorage and is never echoed back; a new key may go to
// GeekAI and the user's own base URL only, and clearing it forgets every origin allowed for it.
import { l10n } from 'vscode';
import type { CommandContext } from './context';

export async function setApiKeyCommand(ctx: CommandContext): Promise<void> {
  const key = await ctx.keys.prompt(ctx.ui);
  if (key === undefined) return;
  ctx.log.info('API key updated in secret storage');
  void ctx.ui.info(l10n.t('GeekAI API key saved in VS Code\'s secret storage.'));
}

export async function clearApiKeyCommand(ctx: CommandContext, env: Record<string, string | undefined> = process.env): Promise<void> {
  await ctx.keys.clear();
  ctx.log.info('API key removed from secret storage, with the base URLs it was allowed to go to');
  const message = env.GEEKAI_API_KEY?.trim()
    ? l10n.t('GeekAI API key removed from secret storage. GEEKAI_API_KEY from the environment is still used.')
    : l10n.t('GeekAI API key removed from secret storage.');
  void ctx.ui.info(message);
}
