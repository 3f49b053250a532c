// Set / Check / Clear API Key. The key goes to SecretStorage and is never echoed back; a new key may go to
// GeekAI and the user's own base URL only, and clearing it forgets every origin allowed for it. A key
// just set is checked against the gateway at once, so a typo shows now rather than at the first image.
import { l10n } from 'vscode';
import { shownText } from '../../core/text/shownText';
import { HAS_KEY } from '../walkthroughContext';
import type { CommandContext } from './context';
import { handleFailure } from './runJob';

const MAX_TRIES = 5;

export async function setApiKeyCommand(ctx: CommandContext): Promise<void> {
  const key = await ctx.keys.prompt(ctx.ui);
  if (key === undefined) return;
  ctx.log.info('API key updated in secret storage');
  const saved = l10n.t("GeekAI API key saved in VS Code's secret storage.");
  // A base URL the key may not go to yet (a workspace's) is asked about at the first job, not here.
  if (!ctx.keys.origins.allows(ctx.service.settings().baseUrl)) {
    void ctx.ui.info(saved);
    return;
  }
  await checkKey(ctx, saved);
}

/** GeekAI Image: Check API Key — asks the gateway for its model list with the key in use. */
export async function checkApiKeyCommand(ctx: CommandContext): Promise<void> {
  await checkKey(ctx);
}

async function checkKey(ctx: CommandContext, saved?: string): Promise<void> {
  const settings = ctx.service.settings();
  // A setting's value (a workspace may set it): shown as text.
  const host = shownText(hostOf(settings.baseUrl), 'plain', 120);
  for (let run = 0; run < MAX_TRIES; run++) {
    try {
      const count = await ctx.ui.progress(l10n.t('Checking the GeekAI API key with {0}…', host), (_report, signal) =>
        ctx.service.checkKey(signal),
      );
      ctx.ui.setContext(HAS_KEY, true);
      ctx.log.info(`API key checked: ${host} lists ${count} models`);
      const works = l10n.t('The key works: {0} lists {1} models.', host, count);
      void ctx.ui.info(saved ? `${saved} ${works}` : works);
      return;
    } catch (e) {
      ctx.ui.setContext(HAS_KEY, false);
      // Set API Key (a new key) and Retry check again; anything else ends here.
      if (!(await handleFailure(ctx, e, settings.model, settings.timeoutSeconds, run === 0 ? saved : undefined)))
        return;
    }
  }
}

/** The host of a base URL; an unusable one as it is (the check itself refuses it, with its own message). */
function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

export async function clearApiKeyCommand(
  ctx: CommandContext,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const hadBalanceKey = await ctx.keys.hasBalanceKey();
  await ctx.keys.clear();
  ctx.log.info(
    `API key removed from secret storage, with the base URLs it was allowed to go to${hadBalanceKey ? ' (and the balance key)' : ''}`,
  );
  const stillEnv = Boolean(env.GEEKAI_API_KEY?.trim());
  if (!stillEnv) ctx.ui.setContext(HAS_KEY, false);
  const message = stillEnv
    ? l10n.t('GeekAI API key removed from secret storage. GEEKAI_API_KEY from the environment is still used.')
    : l10n.t('GeekAI API key removed from secret storage.');
  void ctx.ui.info(hadBalanceKey ? `${message} ${l10n.t('The balance key was removed too.')}` : message);
}
