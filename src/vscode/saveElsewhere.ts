// Save As… for images the workspace refused to store: shared by the commands and the Studio panel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import type { CommandContext } from './commands/context';
import type { UnsavedImagesError } from '../core/job/unsavedImages';
import { shownText } from '../core/text/shownText';

/** Lets the user put images the workspace refused somewhere else, one save dialog each. */
export async function saveElsewhere(ctx: CommandContext, e: UnsavedImagesError): Promise<void> {
  const home = ctx.workspace.folders()[0];
  const saved: vscode.Uri[] = [];
  for (const img of e.images) {
    const target = await ctx.ui.saveDialog(
      l10n.t('Save the generated image'),
      home ? vscode.Uri.joinPath(home, img.name) : undefined,
    );
    if (!target) continue;
    try {
      await ctx.workspace.fs.writeFile(target, img.bytes);
      saved.push(target);
    } catch (err) {
      ctx.log.error(`save as ${target.path} failed: ${err instanceof Error ? err.message : String(err)}`);
      void ctx.ui.error(l10n.t('Could not save the image to {0} either.', shownText(path.posix.basename(target.path))));
    }
  }
  if (saved.length > 0) {
    ctx.log.info(`saved ${saved.length} image(s) elsewhere after the workspace refused the write`);
    const open = l10n.t('Open Image');
    void ctx.ui
      .info(
        l10n.t('Saved {0}', shownText(saved.map((u) => path.posix.basename(u.path)).join(', '), 'plain', 600)),
        open,
      )
      .then(async (c) => {
        if (c === open) await ctx.ui.openFile(saved[0]);
      });
  }
}
