// GeekAI Image: Select Model — the image models of the catalog (the gateway's own list merged
// over the built-in table), each with its API, its price per image and whether the gateway marks
// it unavailable; or any model id typed.
import { l10n } from 'vscode';
import { isValidModelId } from '../../core/catalog';
import type { ModelCatalog, ModelEntry } from '../../core/modelCatalog';
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

interface Row {
  label: string;
  description: string;
  id: string;
}

export async function selectModelCommand(ctx: CommandContext): Promise<string | undefined> {
  const current = ctx.service.settings().model;
  const custom: Row = {
    label: l10n.t('Other model id…'),
    description: l10n.t('Type any model your gateway offers'),
    id: '',
  };
  const refresh: Row = {
    label: l10n.t("Refresh the gateway's model list"),
    description: l10n.t('GET /models again'),
    id: '',
  };
  const rowsOf = (catalog: ModelCatalog): Row[] => {
    const models = catalog.imageModels();
    // Available models first, each group in the catalog's order.
    const ordered = [...models.filter((m) => m.available), ...models.filter((m) => !m.available)];
    return [
      ...ordered.map((m) => ({ label: shownText(m.id), description: description(m, current), id: m.id })),
      refresh,
      custom,
    ];
  };
  let picked: Row | undefined;
  for (let fresh = false; ; fresh = true) {
    // Shown at once from what is at hand (the last list, else the table); then the gateway's own
    // list (cached; refreshed on request: a model that appeared today is usable today), then the
    // prices it lacks, as they come. Nothing here waits on the network before the list is up.
    const first = rowsOf(ctx.service.currentCatalog());
    picked = await ctx.ui.pickLive(first, {
      title: l10n.t('GeekAI Image: Select Model'),
      placeHolder: l10n.t('Current: {0}', shownText(current)),
      fill: async (show, signal) => {
        let shown = JSON.stringify(first);
        const update = (catalog: ModelCatalog): void => {
          const rows = rowsOf(catalog);
          if (signal.aborted || JSON.stringify(rows) === shown) return;
          shown = JSON.stringify(rows);
          show(rows);
        };
        update(await ctx.service.catalog({ refresh: fresh }));
        if (!signal.aborted) update(await ctx.service.pricedCatalog());
      },
    });
    if (picked !== refresh || fresh) break;
  }
  if (!picked || picked === refresh) return undefined;
  let id = picked.id;
  if (picked === custom) {
    const typed = await ctx.ui.input({
      title: l10n.t('GeekAI Image: Select Model'),
      prompt: l10n.t('Model id, exactly as the gateway names it'),
      value: ctx.service
        .currentCatalog()
        .imageModels()
        .some((m) => m.id === current)
        ? ''
        : current,
      validate: (v) =>
        isValidModelId(v.trim()) ? undefined : l10n.t('A model id has no spaces or special characters.'),
    });
    if (typed === undefined || !isValidModelId(typed.trim())) return undefined;
    id = typed.trim();
  }
  await ctx.workspace.setModel(id);
  void ctx.ui.info(l10n.t('GeekAI Image will use {0}.', shownText(id)));
  return id;
}
