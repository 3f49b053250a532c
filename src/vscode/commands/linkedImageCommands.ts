// The actions on an image link in a Markdown document (the hover's links and the code actions):
// Edit with AI…, Regenerate and Variations make new files and, once the user confirms, point
// the link at the chosen one (one undoable edit; the old file stays). Open in Studio attaches
// the image to the Studio.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { ImageJobResult } from '../../core/job/imageJob';
import { findLinkAgain, retargetTo } from '../../core/text/linkedImage';
import { isImageError } from '../../core/errors';
import { shownText } from '../../core/text/shownText';
import { describeFor } from '../errorMessages';
import type { RecipeSources } from '../imageRecipe';
import { linkedImageFromArgs, linkHome, siteLinkFor, type LinkedImage } from '../linkedImages';
import { checkInWorkspace } from '../workspaceRoots';
import type { RangeLike } from './writeAltText';
import type { PickItem } from '../ports';
import type { CommandContext } from './context';
import { jobFromRecipe, recipeOrSay, referencesAccepted } from './reuseImage';
import { announceSaved, runJob } from './runJob';
import { languageFor } from '../documentLanguages';

const name = (u: vscode.Uri): string => shownText(path.posix.basename(u.path));

/** The model's rewording of the prompt of image `i`, as a quick pick shows it. */
function revisedPrompt(outcome: ImageJobResult<vscode.Uri>, i: number): string | undefined {
  const revised = outcome.images[i]?.revisedPrompt;
  return revised === undefined ? undefined : shownText(revised);
}

/** The link the arguments name, with the image file present and inside the workspace by real path; undefined after saying why not. */
async function linkedImageOrSay(
  ctx: CommandContext,
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<LinkedImage | undefined> {
  const r = await linkedImageFromArgs(ctx, uriArg, at);
  if (!r.found) {
    if (r.why === 'unreadable') void ctx.ui.error(l10n.t('The document could not be opened.'));
    else void ctx.ui.info(l10n.t('Put the cursor on an image link to a workspace file (![alt](path)).'));
    return undefined;
  }
  try {
    await checkInWorkspace(ctx.workspace, r.found.image, 'read', linkHome(r.found.document));
  } catch (e) {
    const message = describeFor(ctx, e, ctx.service.settings(r.found.document)).message;
    void (isImageError(e) && e.reason === 'escapesWorkspace' ? ctx.ui.warn(message) : ctx.ui.error(message));
    return undefined;
  }
  const there = await Promise.resolve(ctx.workspace.fs.stat(r.found.image)).then(
    () => true,
    () => false,
  );
  if (!there) {
    void ctx.ui.warn(l10n.t('The linked image {0} is not in the workspace.', shownText(r.found.link.target)));
    return undefined;
  }
  return r.found;
}

interface FileItem extends PickItem {
  file: vscode.Uri | undefined;
}

/**
 * Asks which new file the link should show (or none), then points it there: the link is found
 * again in the document as it is now, so typing meanwhile is kept.
 */
async function offerReplacement(
  ctx: CommandContext,
  linked: LinkedImage,
  outcome: ImageJobResult<vscode.Uri>,
): Promise<void> {
  const several = outcome.files.length > 1;
  const items: FileItem[] = [
    ...outcome.files.map((f, i) => ({
      label: several ? l10n.t('Use variation {0}: {1}', i + 1, name(f)) : l10n.t('Use {0}', name(f)),
      detail: revisedPrompt(outcome, i),
      file: f,
    })),
    { label: l10n.t('Keep the link as it is'), file: undefined },
  ];
  const picked = await ctx.ui.pick(items, {
    title: l10n.t('Point the link at the new image instead of {0}?', name(linked.image)),
    placeHolder: l10n.t('The old file stays either way; new files stay saved.'),
  });
  if (!picked?.file) {
    announceSaved(ctx, outcome, l10n.t('The link was left as it is. Saved:'));
    return;
  }
  const text = await ctx.editors.read(linked.document);
  const language = text === undefined ? undefined : languageFor(linked.document, text);
  const link =
    text === undefined || language === undefined
      ? undefined
      : findLinkAgain(text, linked.source, linked.link.span.start, language.find);
  if (!link) {
    void ctx.ui.warn(
      l10n.t(
        'The link changed while the image was being made, so it was left as it is. The new image is saved as {0}.',
        name(picked.file),
      ),
    );
    return;
  }
  // A site-rooted link (`/blog/images/a.png`) stays site-rooted.
  const siteLink = await siteLinkFor(ctx.workspace, linked, picked.file);
  const edit =
    siteLink !== undefined && language
      ? language.retarget(link, siteLink)
      : retargetTo(link, linked.document.path, picked.file.path, language?.retarget);
  if (!(await ctx.editors.replace(linked.document, [edit]))) {
    void ctx.ui.error(l10n.t('The editor refused the change; the new image is saved as {0}.', name(picked.file)));
    return;
  }
  void ctx.ui.info(l10n.t('The link now shows {0}; {1} is still there.', name(picked.file), name(linked.image)));
}

/** Edit with AI…: asks what should change, edits the linked image (saved beside it), then offers the result for the link. */
export async function editLinkedImageCommand(
  ctx: CommandContext,
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<void> {
  const linked = await linkedImageOrSay(ctx, uriArg, at);
  if (!linked) return;
  const instruction = await ctx.ui.input({
    title: l10n.t('Edit {0} with AI', name(linked.image)),
    prompt: l10n.t(
      'What should change? (any language) The original is kept; you choose whether the link shows the result.',
    ),
    placeHolder: l10n.t('e.g. make the background a starry sky / 把背景换成星空'),
    validate: (v) => (v.trim() ? undefined : l10n.t('Say what should change first.')),
  });
  if (instruction === undefined || !instruction.trim()) return;
  const outcome = await runJob(ctx, {
    prompt: instruction,
    references: [linked.image],
    besideSource: linked.image,
    document: linked.document,
  });
  if (outcome) await offerReplacement(ctx, linked, outcome);
}

/** Regenerate: the linked image's prompt and options again (from its provenance or the history), as a new file. */
export async function regenerateLinkedImageCommand(
  ctx: CommandContext,
  sources: RecipeSources,
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<void> {
  const linked = await linkedImageOrSay(ctx, uriArg, at);
  if (!linked) return;
  const r = await recipeOrSay(ctx, sources, linked.image);
  if (!r || !(await referencesAccepted(ctx, r))) return;
  const outcome = await runJob(ctx, jobFromRecipe(r, linked.document));
  if (outcome) await offerReplacement(ctx, linked, outcome);
}

/** Variations: several new images from the same recipe; the user picks the one the link shows. */
export async function linkedImageVariationsCommand(
  ctx: CommandContext,
  sources: RecipeSources,
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<void> {
  const linked = await linkedImageOrSay(ctx, uriArg, at);
  if (!linked) return;
  const r = await recipeOrSay(ctx, sources, linked.image);
  if (!r) return;
  const counts = [2, 3, 4].map((n) => ({ label: l10n.t('{0} images', n), n }));
  const count = await ctx.ui.pick(counts, {
    title: l10n.t('How many variations of {0}?', name(linked.image)),
    placeHolder: l10n.t('Each may be a separate paid request.'),
  });
  if (!count || !(await referencesAccepted(ctx, r))) return;
  const outcome = await runJob(ctx, jobFromRecipe(r, linked.document, count.n));
  if (outcome) await offerReplacement(ctx, linked, outcome);
}

/** Open in Studio: the linked image attached as a reference in the Studio. */
export async function openLinkedImageInStudioCommand(
  ctx: CommandContext,
  attach: (images: vscode.Uri[]) => void,
  uriArg?: vscode.Uri | string,
  at?: RangeLike,
): Promise<void> {
  const linked = await linkedImageOrSay(ctx, uriArg, at);
  if (linked) attach([linked.image]);
}
