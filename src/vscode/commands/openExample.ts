// The walkthrough's "try it" buttons: a new, unsaved Markdown document to try a feature in, so
// nothing is written into the workspace until the user asks. `image` opens one with a prompt
// selected and runs Generate Image… on it (the prompt box starts from the selection); `placeholder`
// opens one holding a placeholder whose CodeLens makes the image.
import { l10n } from 'vscode';
import type { CommandContext } from './context';
import { generateCommand } from './generate';

export async function openExampleCommand(ctx: CommandContext, kind: unknown): Promise<void> {
  if (kind === 'placeholder') {
    const link = `![${l10n.t('a red kite over a grey sea, watercolour')}](geekai:16:9)`;
    const head = `# ${l10n.t('Images still to be made')}\n\n`;
    const text = `${head}${link}\n\n${l10n.t('Click "Generate image" above the link, or run GeekAI Image: Generate All Images in Document.')}\n`;
    await ctx.editors.openNew(text, { start: head.length, end: head.length });
    return;
  }
  const head = `# ${l10n.t('My first image')}\n\n`;
  const prompt = l10n.t('A lighthouse on a rocky coast at dusk, warm light in the windows, watercolour');
  await ctx.editors.openNew(`${head}${prompt}\n`, { start: head.length, end: head.length + prompt.length });
  await generateCommand(ctx);
}
