// GeekAI Image: Check Connection — what a user runs first when something is wrong: whether the
// base URL answers (and through which proxy), whether the key is accepted and how many image
// models the gateway lists, the balance when a balance key is set, and how long each took. One
// notification with the first thing to fix as its button; every step in the log.
import { l10n } from 'vscode';
import { checkConnection, type ConnectionReport } from '../../core/apis/connectionCheck';
import type { ImageError } from '../../core/errors';
import { formatCny } from '../../core/price/modelPrice';
import { describeFor, settingsQuery } from '../errorMessages';
import type { CommandContext } from './context';
import { setBalanceKeyCommand } from './balance';
import { shownText } from '../../core/text/shownText';

type Fix = 'setApiKey' | 'setBalanceKey' | 'openSettings' | 'showLog';

function routeText(route: string): string {
  return route === 'direct' ? l10n.t('direct') : l10n.t('through the proxy {0}', route);
}

/** The report for the log, one step a line (English, as the rest of the log). */
function logLines(r: ConnectionReport): string[] {
  const step = (
    name: string,
    s: { ok: true } | { ok: false; error: ImageError } | undefined,
    ok: string,
    missing: string,
  ): string =>
    `  ${name}: ${s === undefined ? missing : s.ok ? ok : `failed (${s.error.kind}${s.error.reason ? `/${s.error.reason}` : ''}): ${s.error.message}`}`;
  const reach = r.reachable;
  const key = r.key;
  const bal = r.balance;
  return [
    `Check Connection: ${r.baseUrl}`,
    `  route: ${r.route}`,
    step('reachable', reach, reach.ok ? `yes, HTTP ${reach.status} in ${reach.ms} ms` : '', 'not tried'),
    step(
      'key',
      key,
      key?.ok ? `accepted, ${key.models} models listed (${key.imageModels} image models) in ${key.ms} ms` : '',
      reach.ok ? 'no API key set' : 'not tried',
    ),
    step('balance', bal, bal?.ok ? `${bal.balance.coins} gold coins` : '', 'no balance key set'),
  ];
}

export async function checkConnectionCommand(ctx: CommandContext): Promise<ConnectionReport> {
  const settings = ctx.service.settings();
  const { keys, ui, log } = ctx;
  let host = shownText(settings.baseUrl);
  try {
    host = shownText(new URL(settings.baseUrl).host);
  } catch {
    // The check itself says the base URL is unusable.
  }
  const report = await ui.progress(l10n.t('Checking the connection to {0}…', host), (_report, signal) =>
    checkConnection({
      baseUrl: settings.baseUrl,
      dispatcher: ctx.service.dispatcher,
      log,
      signal,
      proxyFor: (url) => ctx.network?.proxyFor(url),
      // The user asked: a base URL the key may not go to yet is confirmed as for a job.
      apiKey: () => keys.keyFor(settings.baseUrl, { ui }),
      listModels: (_key, s) => ctx.service.checkList(s),
      balance: (s) => ctx.service.balance(s),
    }),
  );
  for (const line of logLines(report)) log.info(line);

  const described = (e: unknown): string => describeFor({ keys }, e, settings).message;
  const route = routeText(report.route);
  const fixes: Fix[] = [];
  let level: 'info' | 'warn' | 'error' = 'info';
  const parts: string[] = [];
  const r = report.reachable;
  if (!r.ok) {
    level = 'error';
    parts.push(l10n.t('{0} is not reachable ({1}): {2}', report.host, route, described(r.error)));
    fixes.push('openSettings');
  } else {
    const reached = l10n.t('{0} answers ({1}, {2} ms).', report.host, route, r.ms);
    const k = report.key;
    if (k === undefined) {
      level = 'warn';
      parts.push(reached, l10n.t('No API key is set.'));
      fixes.push('setApiKey');
    } else if (!k.ok) {
      level = 'error';
      parts.push(
        reached,
        k.error.kind === 'auth'
          ? l10n.t('The key was not accepted: {0}', described(k.error))
          : l10n.t('The model list failed: {0}', described(k.error)),
      );
      if (k.error.kind === 'auth') fixes.push('setApiKey');
    } else {
      parts.push(reached, l10n.t('The key works: {0} image models listed ({1} ms).', k.imageModels, k.ms));
    }
    const b = report.balance;
    if (b?.ok) parts.push(l10n.t('Balance: {0}.', formatCny(b.balance.cny)));
    else if (b) {
      if (level === 'info') level = 'warn';
      parts.push(
        b.error.kind === 'auth'
          ? l10n.t('The balance key was refused (401).')
          : l10n.t('The balance could not be read: {0}', described(b.error)),
      );
      if (b.error.kind === 'auth') fixes.push('setBalanceKey');
    }
  }
  fixes.push('showLog');
  // Our own words, fixed here: each button's label is one of these literals.
  const labels: Record<Fix, string> = {
    setApiKey: l10n.t('Set API Key'),
    setBalanceKey: l10n.t('Set Balance Key…'),
    openSettings: l10n.t('Open Settings'),
    showLog: l10n.t('Show Log'),
  };
  const buttons = [...new Set(fixes)].map((f) => shownText(labels[f]));
  const picked = await ui[level](parts.join(' '), ...buttons);
  const fix = (Object.keys(labels) as Fix[]).find((f) => labels[f] === picked);
  if (fix === 'setApiKey') await keys.prompt(ui);
  else if (fix === 'setBalanceKey') await setBalanceKeyCommand(ctx);
  else if (fix === 'openSettings') await ui.openSettings(r.ok ? 'geekaiImage' : settingsQuery(r.error));
  else if (fix === 'showLog') ctx.showLog();
  return report;
}
