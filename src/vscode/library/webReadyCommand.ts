// Make Web-Ready… on images already in the workspace (from the Images view or the explorer): the
// format, longest side and quality asked for, each image converted through the worker pool and
// written beside the original, every reference pointed at the new file in one undoable edit, and
// the originals kept unless the user asks to replace them (then they go to the trash). The saving
// is said in one line: "23 images, 41 MB → 3.2 MB".
import * as path from 'node:path';
import { l10n } from 'vscode';
import type { HeavyWork } from '../../core/heavy/heavyWork';
import { makeWebReady, type WebReadyOutcome } from '../../core/library/webReady';
import type { ConvertOptions, SaveFormat } from '../../core/publish/convert';
import type { PickItem } from '../ports';
import { imagePathsOf } from './libraryArgs';
import type { LibraryCommandDeps } from './libraryCommands';
import { changesFor, storeOf } from './libraryEdits';
import { plain, sizeText } from './libraryNodes';
import { describeFor } from '../errorMessages';

const posix = path.posix;

export interface WebReadyDeps extends LibraryCommandDeps {
  heavy: Pick<HeavyWork, 'convert'>;
}

interface FormatItem extends PickItem {
  format: SaveFormat;
}
interface SideItem extends PickItem {
  side: number;
}
interface KeepItem extends PickItem {
  replace: boolean;
}

/** The choices, asked in turn; undefined when the user stepped out. */
async function askOptions(
  d: WebReadyDeps,
  count: number,
): Promise<{ options: ConvertOptions; replace: boolean } | undefined> {
  const settings = d.ctx.service.settings();
  const formats: FormatItem[] = [
    { format: 'webp', label: 'WebP', description: l10n.t('small, shown by every current browser') },
    { format: 'avif', label: 'AVIF', description: l10n.t('smallest, slower to make') },
    { format: 'jpeg', label: 'JPEG', description: l10n.t('photos; no transparency') },
    { format: 'png', label: 'PNG', description: l10n.t('lossless') },
    { format: 'keep', label: l10n.t('Keep each format'), description: l10n.t('only scale down') },
  ];
  const format = await d.ctx.ui.pick(formats, {
    title: count === 1 ? l10n.t('Make 1 image web-ready: format') : l10n.t('Make {0} images web-ready: format', count),
  });
  if (!format) return undefined;
  const sides: SideItem[] = [640, 1024, 1600, 2048, 3840].map((side) => ({
    side,
    label: l10n.t('At most {0} pixels on the longest side', side),
  }));
  sides.push({ side: 0, label: l10n.t('Any size (no scaling)') });
  const side = await d.ctx.ui.pick(sides, { title: l10n.t('Longest side') });
  if (!side) return undefined;
  let quality = settings.saveQuality;
  if (format.format === 'webp' || format.format === 'jpeg' || format.format === 'avif') {
    const typed = await d.ctx.ui.input({
      title: l10n.t('Quality'),
      prompt: l10n.t('1-100: lower is smaller; 75-85 looks the same on a page.'),
      value: String(settings.saveQuality),
      validate: (v) =>
        /^\d{1,3}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 100
          ? undefined
          : l10n.t('A whole number from 1 to 100.'),
    });
    if (typed === undefined) return undefined;
    quality = Number(typed.trim());
  }
  const keeps: KeepItem[] = [
    {
      replace: false,
      label: l10n.t('Keep the originals'),
      description: l10n.t('new files beside them; the links point at the new ones'),
    },
    { replace: true, label: l10n.t('Replace the originals'), description: l10n.t('the originals go to the trash') },
  ];
  const keep = await d.ctx.ui.pick(keeps, { title: l10n.t('The original files') });
  if (!keep) return undefined;
  return { options: { format: format.format, maxSide: side.side, quality }, replace: keep.replace };
}

/** "3 already small enough, 1 not an image we convert". */
function skippedText(outcomes: readonly WebReadyOutcome[]): string | undefined {
  const count = (why: string): number => outcomes.filter((o) => o.kind === 'skipped' && o.why === why).length;
  const parts: string[] = [];
  const fits = count('alreadyFits') + count('notSmaller');
  if (fits > 0) parts.push(l10n.t('{0} already as small as asked', fits));
  const cannot = count('cannotConvert') + count('tooManyPixels') + count('unreadable');
  if (cannot > 0) parts.push(l10n.t('{0} could not be converted', cannot));
  return parts.length > 0 ? l10n.t('Left as they were: {0}.', parts.join(', ')) : undefined;
}

const sameExtension = (a: string, b: string): boolean =>
  posix.extname(a).toLowerCase() === posix.extname(b).toLowerCase();

export async function makeWebReadyCommand(d: WebReadyDeps, clicked?: unknown, selected?: unknown): Promise<void> {
  await d.library.refresh();
  const files = imagePathsOf(clicked, selected).filter((p) => d.library.index.images.has(p));
  if (files.length === 0) {
    void d.ctx.ui.info(l10n.t('Pick images in the Images view or the explorer to make web-ready.'));
    return;
  }
  const asked = await askOptions(d, files.length);
  if (!asked) return;
  const store = storeOf(d.ctx.workspace);
  const roots = d.ctx.workspace.folders().map((f) => f.path);
  let outcomes: WebReadyOutcome[];
  try {
    outcomes = await d.ctx.ui.progress(l10n.t('Making images web-ready'), (report, signal) =>
      makeWebReady(files, asked.options, {
        store,
        roots,
        heavy: d.heavy,
        signal,
        progress: (done, total) =>
          report({ message: l10n.t('{0} of {1}', done, total), percent: (100 * done) / total }),
      }),
    );
  } catch (e) {
    const s = d.ctx.service.settings();
    void d.ctx.ui.warn(describeFor(d.ctx, e, s).message);
    await d.library.refresh();
    return;
  }
  const written = outcomes.filter((o): o is Extract<WebReadyOutcome, { kind: 'written' }> => o.kind === 'written');
  if (written.length === 0) {
    void d.ctx.ui.info(skippedText(outcomes) ?? l10n.t('Nothing to make web-ready.'));
    return;
  }
  await d.library.refresh();
  // Replacing in the same format: the new file takes the old one's name, so no link changes.
  const renamedBack = asked.replace ? written.filter((w) => sameExtension(w.file, w.to)) : [];
  const moves = new Map(written.filter((w) => !renamedBack.includes(w)).map((w) => [w.file, w.to]));
  const { changes, unreadable } = await changesFor(
    { library: d.library, ports: d.ports, editors: d.ctx.editors, workspace: d.ctx.workspace },
    moves,
  );
  if (changes.length > 0 && !(await d.ports.applyEdit([], changes))) {
    void d.ctx.ui.error(
      l10n.t('VS Code refused to update the links; the new files are saved beside the originals, which were kept.'),
    );
    await d.library.refresh();
    return;
  }
  if (asked.replace) {
    try {
      await d.ports.trash(written.map((w) => d.library.uriOf(w.file)));
      for (const w of renamedBack)
        await d.ctx.workspace.fs.rename(d.library.uriOf(w.to), d.library.uriOf(w.file), { overwrite: false });
    } catch {
      void d.ctx.ui.error(l10n.t('Could not move every original to the trash; the new files are saved and linked.'));
    }
  }
  const before = written.reduce((n, w) => n + w.before, 0);
  const after = written.reduce((n, w) => n + w.after, 0);
  const saving =
    written.length === 1
      ? l10n.t('1 image, {0} → {1}.', sizeText(before), sizeText(after))
      : l10n.t('{0} images, {1} → {2}.', written.length, sizeText(before), sizeText(after));
  const links = changes.reduce((n, c) => n + c.replacements.length, 0);
  const rest = [
    asked.replace ? l10n.t('The originals are in the trash.') : l10n.t('The originals are kept.'),
    links > 0 ? l10n.t('{0} links now point at the new files.', links) : undefined,
    skippedText(outcomes),
  ].filter((x) => x !== undefined);
  void d.ctx.ui.info(`${saving} ${rest.join(' ')}`);
  if (unreadable.length > 0)
    void d.ctx.ui.warn(
      l10n.t(
        'These documents could not be opened, so their links still name the old place: {0}',
        plain(unreadable.map((p) => d.library.shown(p)).join(', '), 300),
      ),
    );
  await d.library.refresh();
}
