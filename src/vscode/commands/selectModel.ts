// GeekAI Image: Select Model — the image models of the catalog (the gateway's own list merged
// over the built-in table), each with its API, its price per image and whether the gateway marks
// it unavailable; or any model id typed.
import { l10n } from 'vscode';
import { isValidModelId } from '../../core/catalog';
import type { ModelEntry } from '../../core/modelCatalog';
import { shownText } from '../../core/text/shownText';
import { apiLabel } from '../errorMessages';
import { perImageText } from '../priceText';
import type { CommandContext } from './context';

function description(m: ModelEntry, current: string): string {
  return [
    m.id === current ? l10n.t('current') : '',
    m.available ? '' : l10n.t('unavailable'),
    m.builtIn || m.apiFrom === 'gateway' ? apiLabel(m.api) : '',
    m.builtIn ? '' : l10n.t('listed by the gateway'),
    m.streams && m.builtIn ? l10n.t('streams progress') : '',
    perImageText(m),
    m.typicalSeconds ? l10n.t('about {0} s', shownText(m.typicalSeconds)) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export async function selectModelCommand(ctx: CommandContext): Promise<string | undefined> {
  const current = ctx.service.settings().model;
  const custom = { label: l10n.t('Other model id…'), description: l10n.t('Type any model your gateway offers'), id: '' };
  const refresh = { label: l10n.t('Refresh the gateway\'s model list'), description: l10n.t('GET /models again'), id: '' };
  let picked;
  let known = new Set<string>();
  for (let fresh = false; ; fresh = true) {
    // The gateway's own list (cached; refreshed on request) merged over the table: a model that appeared today is usable today.
    const catalog = await ctx.service.catalog({ refresh: fresh, prices: true });
    const models = catalog.imageModels();
    known = new Set(models.map((m) => m.id));
    // Available models first, each group in the catalog's order.
    const ordered = [...models.filter((m) => m.available), ...models.filter((m) => !m.available)];
    const items = [...ordered.map((m) => ({ label: shownText(m.id), description: description(m, current), id: m.id })), refresh, custom];
    picked = await ctx.ui.pick(items, { title: l10n.t('GeekAI Image: Select Model'), placeHolder: l10n.t('Current: {0}', shownText(current)) });
    if (picked !== refresh || fresh) break;
  }
  if (!picked || picked === refresh) return undefined;
  let id = picked.id;
  if (picked === custom) {
    const typed = await ctx.ui.input({
      title: l10n.t('GeekAI Image: Select Model'),
      prompt: l10n.t('Model id, exactly as the gateway names it'),
      value: known.has(current) ? '' : current,
      validate: (v) => (isValidModelId(v.trim()) ? undefined : l10n.t('A model id has no spaces or special characters.')),
    });
    if (typed === undefined || !isValidModelId(typed.trim())) return undefined;
    id = typed.trim();
  }
  await ctx.workspace.setModel(id);
  void ctx.ui.info(l10n.t('GeekAI Image will use {0}.', shownText(id)));
  return id;
}
