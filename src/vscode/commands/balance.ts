// Set Balance Key… and Show Balance: GeekAI's balance needs its separate system key, kept in
// SecretStorage like the API key (never logged or shown; Clear API Key forgets it too) and sent
// only to GeekAI's balance endpoint. A key just set is tried at once, so a typo shows now.
import { l10n } from 'vscode';
import { isImageError } from '../../core/errors';
import { formatCny } from '../../core/price/modelPrice';
import { describeFor } from '../errorMessages';
import type { CommandContext } from './context';

/** "GeekAI balance: ¥37.00 (3700 gold coins)." */
function balanceSentence(cny: number, coins: number): string {
  return l10n.t('GeekAI balance: {0} ({1} gold coins).', formatCny(cny), Math.round(coins));
}

export async function setBalanceKeyCommand(ctx: CommandContext): Promise<void> {
  const key = await ctx.keys.promptBalanceKey(ctx.ui);
  if (key === undefined) return;
  ctx.log.info('balance key updated in secret storage');
  await showBalanceCommand(ctx, l10n.t("Balance key saved in VS Code's secret storage."));
}

/** GeekAI Image: Show Balance — asks GeekAI with the balance key (offers to set one when there is none). */
export async function showBalanceCommand(ctx: CommandContext, lead?: string): Promise<void> {
  const setKey = l10n.t('Set Balance Key…');
  const say = (text: string): string => (lead ? `${lead} ${text}` : text);
  if (!(await ctx.keys.hasBalanceKey())) {
    const picked = await ctx.ui.info(
      l10n.t(
        "No balance key is set. GeekAI's balance needs its system key (not the API key); set it to see your balance here.",
      ),
      setKey,
    );
    if (picked === setKey) await setBalanceKeyCommand(ctx);
    return;
  }
  try {
    const balance = await ctx.ui.progress(l10n.t('Asking GeekAI for your balance…'), (_report, signal) =>
      ctx.service.balance(signal),
    );
    if (!balance) {
      void ctx.ui.warn(
        say(l10n.t('The balance key goes only to GeekAI (geekai.co), and this base URL is not one it may go to.')),
      );
      return;
    }
    ctx.log.info(`balance: ${balance.coins} gold coins`);
    void ctx.ui.info(say(balanceSentence(balance.cny, balance.coins)));
  } catch (e) {
    ctx.log.warn(`the balance could not be read: ${e instanceof Error ? e.message : String(e)}`);
    if (isImageError(e) && e.kind === 'auth') {
      const picked = await ctx.ui.error(
        say(
          l10n.t(
            'GeekAI refused the balance key (401). Check that it is the system key from your GeekAI account, then set it again.',
          ),
        ),
        setKey,
      );
      if (picked === setKey) await setBalanceKeyCommand(ctx);
      return;
    }
    void ctx.ui.error(say(describeFor(ctx, e, ctx.service.settings()).message));
  }
}
