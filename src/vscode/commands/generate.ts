// GeekAI Image: Generate Image… — prompt (from the selection or typed), generate, save, insert.
import * as path from 'node:path';
import { l10n } from 'vscode';
import type * as vscode from 'vscode';
import type { ImageJobResult } from '../../core/job/imageJob';
import { asParagraphs, paragraphsOf } from '../../core/text/markdown';
import { shownText } from '../../core/text/shownText';
import { insertOrCopy } from '../insertOrCopy';
import type { InsertWhere } from '../ports';
import type { CommandContext } from './context';
import { announceSaved, runJob } from './runJob';
import { takesImages } from '../documentLanguages';

export async function generateCommand(ctx: CommandContext): Promise<void> {
  const editor = ctx.editors.active();
  const markdown = editor && takesImages(editor) ? editor : undefined;
  const selected = editor && !editor.selectionEmpty ? editor.selectionText.trim() : '';
  const settings = ctx.service.settings(markdown?.document);
  const prompt = await ctx.ui.input({
    title: l10n.t('GeekAI Image: Generate Image'),
    prompt: l10n.t('Describe the image (any language). Model: {0}', shownText(settings.model)),
    value: selected,
    placeHolder: l10n.t('e.g. a watercolor fox in the snow / 画一只可爱的小猫在草丛中玩耍'),
    validate: (v) => (v.trim() ? undefined : l10n.t('Describe the image first.')),
  });
  if (prompt === undefined || !prompt.trim()) return;

  // A prompt taken from a selection keeps that text: the image goes on its own line below it.
  const where: InsertWhere =
    markdown && !markdown.selectionEmpty ? { at: 'belowLine', line: markdown.selectionEndLine } : { at: 'cursor' };
  // Should the job outlive a reload, its link goes where the cursor is now.
  const kept: InsertWhere | undefined =
    markdown && settings.insertMarkdown
      ? where.at === 'cursor'
        ? markdown.cursorOffset === undefined
          ? where
          : { at: 'offset', offset: markdown.cursorOffset }
        : where
      : undefined;
  const outcome = await runJob(ctx, { prompt, references: [], document: markdown?.document }, kept);
  if (!outcome) return;

  if (!settings.insertMarkdown) {
    announceSaved(ctx, outcome, l10n.t('Saved'));
    return;
  }
  const chosen = await chooseVariations(ctx, outcome);
  if (chosen === undefined) {
    announceSaved(ctx, outcome, l10n.t('Saved (nothing inserted)'));
    return;
  }
  if (await insertOrCopy(ctx, markdown?.document, chosen, where)) {
    announceSaved(ctx, outcome, l10n.t('Saved and inserted'));
    return;
  }
  announceSaved(
    ctx,
    outcome,
    l10n.t('No Markdown editor was active, so the Markdown link was copied to the clipboard. Saved'),
  );
}

/**
 * The Markdown to insert: every image when there is one, else the ones the user picks (all are
 * saved either way); undefined when the user picks none.
 */
async function chooseVariations(ctx: CommandContext, outcome: ImageJobResult<vscode.Uri>): Promise<string | undefined> {
  const lines = paragraphsOf(outcome.markdown);
  if (outcome.files.length < 2 || lines.length !== outcome.files.length) return outcome.markdown;
  const items = outcome.files.map((f, i) => {
    const revised = outcome.images[i]?.revisedPrompt;
    return {
      label: shownText(path.posix.basename(f.path)),
      description: l10n.t('Variation {0} of {1}', i + 1, outcome.files.length),
      // The model's rewording of the prompt.
      detail: revised === undefined ? undefined : shownText(revised),
      picked: true,
      index: i,
    };
  });
  const picked = await ctx.ui.pickMany(items, {
    title: l10n.t('Which images should be inserted? All are saved.'),
    placeHolder: l10n.t('Space toggles, Enter inserts'),
  });
  if (!picked || picked.length === 0) return undefined;
  return asParagraphs(picked.map((p) => lines[p.index]));
}
