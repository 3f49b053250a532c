// Edit Image with AI… — from the explorer (one or many images), the image preview, or the palette.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import { hasImageExtension } from '../../core/imageType';
import { shownText } from '../../core/text/shownText';
import { imagePickItems } from '../imagePickItems';
import type { CommandContext } from './context';
import { announceSaved, runJob } from './runJob';
import { takesImages } from '../documentLanguages';

const posix = path.posix;

async function pickImage(ctx: CommandContext): Promise<vscode.Uri[] | undefined> {
  const images = await ctx.workspace.findImages();
  if (images.length === 0) {
    void ctx.ui.info(l10n.t('There are no images in this workspace to edit.'));
    return undefined;
  }
  const items = imagePickItems(ctx.workspace, images);
  const picked = await ctx.ui.pick(items, {
    title: l10n.t('Edit Image with AI'),
    placeHolder: l10n.t('Which image should change?'),
  });
  return picked ? [picked.uri] : undefined;
}

/** VS Code passes (clicked, allSelected) from the explorer, (uri) from the preview, nothing from the palette. */
export async function editImageCommand(
  ctx: CommandContext,
  clicked?: vscode.Uri,
  selected?: vscode.Uri[],
): Promise<void> {
  const given = selected && selected.length > 0 ? selected : clicked ? [clicked] : undefined;
  const sources = given ? given.filter((u) => hasImageExtension(u.path)) : await pickImage(ctx);
  if (!sources) return;
  if (sources.length === 0) {
    void ctx.ui.warn(l10n.t('Select PNG, JPEG, WebP or GIF images to edit.'));
    return;
  }
  const names = shownText(sources.map((s) => posix.basename(s.path)).join(', '));
  const instruction = await ctx.ui.input({
    title: l10n.t('Edit {0} with AI', names),
    prompt: l10n.t('What should change? (any language) The original is kept; the result is saved beside it.'),
    placeHolder: l10n.t('e.g. make the background a starry sky / 把背景换成星空'),
    validate: (v) => (v.trim() ? undefined : l10n.t('Say what should change first.')),
  });
  if (instruction === undefined || !instruction.trim()) return;

  const markdown = ctx.editors.active();
  const outcome = await runJob(ctx, {
    prompt: instruction,
    references: sources,
    besideSource: sources[0],
    document: markdown && takesImages(markdown) ? markdown.document : undefined,
  });
  if (!outcome) return;
  await ctx.ui.openFile(outcome.files[0]);
  announceSaved(ctx, outcome, l10n.t('Saved beside {0}:', shownText(posix.basename(sources[0].path))));
}
