// Reuse Prompt in Studio and Regenerate, from the explorer's context menu on an image (and the
// hover of a Markdown image link): what made the image is read from the file's provenance, else
// from the Studio history; an image neither knows gets a sentence saying so.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import { studioOptionsFor } from '../../../shared/imageVocabulary';
import type { ImageJob } from '../../core/job/imageJob';
import type { FillMessage } from '../../../shared/protocol';
import { shownText } from '../../core/text/shownText';
import { describeFor } from '../errorMessages';
import { findRecipe, type FoundRecipe, type RecipeSources } from '../imageRecipe';
import type { CommandContext } from './context';
import { announceSaved, runJob } from './runJob';
import { takesImages } from '../documentLanguages';

const name = (u: vscode.Uri): string => shownText(path.posix.basename(u.path));

/** The recipe of `image`, or undefined after telling the user why there is none. */
export async function recipeOrSay(
  ctx: CommandContext,
  sources: RecipeSources,
  image: vscode.Uri,
): Promise<FoundRecipe | undefined> {
  const r = await findRecipe(sources, image);
  if (r.found) return r.found;
  if (r.refused !== undefined) {
    void ctx.ui.warn(describeFor(ctx, r.refused, ctx.service.settings(image)).message);
  } else if (r.unreadable) void ctx.ui.error(l10n.t('Could not read {0}.', name(image)));
  else
    void ctx.ui.info(
      l10n.t(
        '{0} does not say how it was made: the file holds no prompt, and the Studio history does not know it.',
        name(image),
      ),
    );
  return undefined;
}

/** One sentence about the references that could not be attached, or undefined when all were. */
function referencesNote(r: FoundRecipe): string | undefined {
  const parts: string[] = [];
  if (r.missing.length > 0)
    parts.push(l10n.t('Reference images no longer in the workspace: {0}.', shownText(r.missing.join(', '))));
  if (r.changed.length > 0)
    parts.push(
      l10n.t(
        'Reference images changed since (their SHA-256 differs), so left out: {0}.',
        shownText(r.changed.join(', ')),
      ),
    );
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function fillFor(r: FoundRecipe): FillMessage {
  return {
    type: 'fill',
    prompt: r.prompt,
    model: r.model,
    aspectRatio: r.aspectRatio,
    imageSize: r.imageSize,
    options: studioOptionsFor(r.options, r.api),
  };
}

/** True when every reference is there, or the user chose to go on without the others. */
export async function referencesAccepted(ctx: CommandContext, r: FoundRecipe): Promise<boolean> {
  const note = referencesNote(r);
  if (!note) return true;
  const go = l10n.t('Regenerate Anyway');
  return (await ctx.ui.warn(note, go)) === go;
}

/** The job that makes the image again (a new file), for `document` when there is one. */
export function jobFromRecipe(r: FoundRecipe, document: vscode.Uri | undefined, n?: number): ImageJob<vscode.Uri> {
  return {
    prompt: r.prompt,
    model: r.model,
    api: r.api,
    aspectRatio: r.aspectRatio,
    imageSize: r.imageSize,
    options: n === undefined ? r.options : { ...r.options, n },
    references: r.references,
    document,
  };
}

export interface ReuseDeps {
  sources: RecipeSources;
  /** Opens the Studio with the composer filled and the references attached. */
  studio(fill: FillMessage, references: readonly vscode.Uri[]): void;
}

/** Reuse Prompt in Studio: prompt, model and options into the composer, the same references attached. */
export async function reusePromptCommand(ctx: CommandContext, deps: ReuseDeps, image?: vscode.Uri): Promise<void> {
  if (!image) return;
  const r = await recipeOrSay(ctx, deps.sources, image);
  if (!r) return;
  deps.studio(fillFor(r), r.references);
  const note = referencesNote(r);
  if (note) void ctx.ui.warn(note);
}

/**
 * Regenerate: the same prompt, model, options and references, saved as a new file (the image is
 * never overwritten). The link goes into the active Markdown editor, as Generate's would; with no
 * Markdown editor active nothing is inserted or copied, and the new image opens.
 */
export async function regenerateImageCommand(
  ctx: CommandContext,
  sources: RecipeSources,
  image?: vscode.Uri,
): Promise<void> {
  if (!image) return;
  const r = await recipeOrSay(ctx, sources, image);
  if (!r) return;
  if (!(await referencesAccepted(ctx, r))) return;
  const editor = ctx.editors.active();
  const markdown = editor && takesImages(editor) ? editor.document : undefined;
  const outcome = await runJob(ctx, jobFromRecipe(r, markdown));
  if (!outcome) return;
  if (
    markdown &&
    ctx.service.settings(markdown).insertMarkdown &&
    (await ctx.editors.insert(markdown, outcome.markdown, { at: 'cursor' }))
  ) {
    announceSaved(ctx, outcome, l10n.t('Regenerated {0} and inserted the link into {1}:', name(image), name(markdown)));
    return;
  }
  await ctx.ui.openFile(outcome.files[0]);
  announceSaved(ctx, outcome, l10n.t('Regenerated {0} as a new file:', name(image)));
}
