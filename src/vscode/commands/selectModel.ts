// GeekAI Image: Select Model — the documented catalog, or any model id the gateway knows.
import { l10n } from 'vscode';
import { isValidModelId, MODEL_CATALOG } from '../../core/catalog';
import { shownText } from '../../core/text/shownText';
import { apiLabel } from '../errorMessages';
import type { CommandContext } from './context';

export async function selectModelCommand(ctx: CommandContext): Promise<string | undefined> {
  const current = ctx.service.settings().model;
  const custom = { label: l10n.t('Other model id…'), description: l10n.t('Type any model your gateway offers'), id: '' };
  const refresh = { label: l10n.t('Refresh the gateway\'s model list'), description: l10n.t('GET /models again'), id: '' };
  let picked;
  for (let fresh = false; ; fresh = true) {
    // The gateway's own list (cached; refreshed on request) beside the catalog: a model that appeared today is usable today.
    const listed = (await ctx.service.gatewayModels(fresh)).filter((m) => !MODEL_CATALOG.some((c) => c.id === m.id));
    const items = [
      ...MODEL_CATALOG.map((m) => ({
        label: m.id,
        description: [m.id === current ? l10n.t('current') : '', apiLabel(m.api), m.streams ? l10n.t('streams progress') : '', l10n.t('about {0} s', m.typicalSeconds)].filter(Boolean).join(' · '),
        id: m.id,
      })),
      // Ids the gateway lists are checked as model ids, which still lets `command:x` through.
      ...listed.map((m) => ({ label: shownText(m.id), description: [m.id === current ? l10n.t('current') : '', l10n.t('listed by the gateway')].filter(Boolean).join(' · '), id: m.id })),
      refresh,
      custom,
    ];
    picked = await ctx.ui.pick(items, { title: l10n.t('GeekAI Image: Select Model'), placeHolder: l10n.t('Current: {0}', shownText(current)) });
    if (picked !== refresh || fresh) break;
  }
  if (!picked || picked === refresh) return undefined;
  let id = picked.id;
  if (picked === custom) {
    const typed = await ctx.ui.input({
      title: l10n.t('GeekAI Image: Select Model'),
      prompt: l10n.t('Model id, exactly as the gateway names it'),
      value: MODEL_CATALOG.some((m) => m.id === current) ? '' : current,
      validate: (v) => (isValidModelId(v.trim()) ? undefined : l10n.t('A model id has no spaces or special characters.')),
    });
    if (typed === undefined || !isValidModelId(typed.trim())) return undefined;
    id = typed.trim();
  }
  await ctx.workspace.setModel(id);
  void ctx.ui.info(l10n.t('GeekAI Image will use {0}.', shownText(id)));
  return id;
}
