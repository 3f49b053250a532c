// Write Alt Text: a vision model describes the image a Markdown link points at, in one short
// sentence in the document's language, written into the link's brackets (one undoable edit).
// Arguments (stable, other features call it): the document's URI and the link's range, or none
// for the link under the cursor of the active Markdown editor.
import { l10n } from 'vscode';
import type * as vscode from 'vscode';
import { imageLinkAt } from '../../core/text/imageLinks';
import { findLinkAgain } from '../../core/text/linkedImage';
import { shownText } from '../../core/text/shownText';
import type { CommandContext } from './context';
import { targetDocument, type RangeLike } from './documentArg';
import { handleFailure } from './runJob';
import { languageFor } from '../documentLanguages';

export type { RangeLike } from './documentArg';

export async function writeAltTextCommand(
  ctx: CommandContext,
  uriArg?: vscode.Uri | string,
  range?: RangeLike,
): Promise<void> {
  const found = await targetDocument(
    ctx,
    uriArg,
    range,
    l10n.t('Open a Markdown document and put the cursor on an image link to write its alt text.'),
  );
  if (!found) return;
  const { document, text, offset } = found;
  const language = languageFor(document, text);
  const link = offset === undefined ? undefined : imageLinkAt(language.find(text), offset);
  if (!link) {
    void ctx.ui.info(l10n.t('Put the cursor on an image link (![alt](path)) to write its alt text.'));
    return;
  }
  const settings = ctx.service.settings(document);
  let alt: string | undefined;
  for (let run = 0; run < 5 && alt === undefined; run++) {
    try {
      alt = (
        await ctx.ui.progress(
          l10n.t('GeekAI Image: writing alt text with {0}', shownText(settings.altTextModel)),
          (_report, signal) => ctx.service.altText(document, text, link, signal),
        )
      ).alt;
    } catch (e) {
      if (!(await handleFailure(ctx, e, settings.altTextModel, settings.timeoutSeconds))) return;
    }
  }
  if (alt === undefined) return;
  // The user may have typed meanwhile: the link is found again, and left alone if it is gone.
  const now = (await ctx.editors.read(document)) ?? '';
  const target = findLinkAgain(now, text.slice(link.span.start, link.span.end), link.span.start, language.find);
  // The sentence comes as plain text; each language escapes it its own way.
  const plain = alt;
  if (!target || !(await ctx.editors.replace(document, [language.altEdit(target, plain, now)]))) {
    // The model's words, as it wrote them, through the sink: `[OK](command:…)` in a notification is a link.
    void ctx.ui.warn(
      l10n.t(
        'The link changed while its alt text was being written, so nothing was changed. The suggestion was: {0}',
        shownText(plain),
      ),
    );
  }
}
