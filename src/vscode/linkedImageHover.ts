// The hover over a Markdown image link: the picture, what made it (its provenance, else the
// Studio history), its size in pixels and bytes, and the actions as command links. The same
// actions are code actions (linkedImageActions.ts), for the keyboard and the lightbulb. A link
// to a file outside the workspace (by `..` or a symbolic link) is named, never read.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { l10n } from 'vscode';
import { imageHoverMarkdown, type HoverAction } from '../core/text/imageHover';
import { formatCny } from '../core/price/modelPrice';
import { shownText } from '../core/text/shownText';
import type { TextSpan } from '../core/text/imageLinks';
import { COMMANDS, type CommandId } from '../contributionIds';
import type { RangeLike } from './commands/writeAltText';
import { headFacts, readImageFileHead, type ImageFileHead } from './imageFileHead';
import type { RecipeSources } from './imageRecipe';
import { linkedImageAt, linkHome, onSite } from './linkedImages';
import { isInWorkspace } from './workspaceRoots';

/** Every command a hover may link to; nothing else is enabled in its Markdown. */
export const HOVER_COMMANDS: readonly CommandId[] = [
  COMMANDS.editLinkedImage,
  COMMANDS.regenerateLinkedImage,
  COMMANDS.linkedImageVariations,
  COMMANDS.openLinkedImageInStudio,
  COMMANDS.writeAltText,
];

/** The actions on one link, in the order shown; Regenerate and Variations only where the recipe is known. */
export function linkActions(document: vscode.Uri, at: RangeLike, known: boolean): HoverAction[] {
  // Plain values: a command link's arguments go through JSON (a vscode.Range would not survive it).
  const args = [document.toString(), { start: { line: at.start.line, character: at.start.character } }];
  const all: (HoverAction & { needsRecipe?: boolean })[] = [
    {
      label: l10n.t('Edit with AI…'),
      tooltip: l10n.t(
        'Describe a change; the result is saved beside the image and you choose whether the link shows it',
      ),
      command: COMMANDS.editLinkedImage,
      args,
    },
    {
      label: l10n.t('Regenerate'),
      tooltip: l10n.t('Draw it again with the same prompt and options, as a new file'),
      command: COMMANDS.regenerateLinkedImage,
      args,
      needsRecipe: true,
    },
    {
      label: l10n.t('Variations…'),
      tooltip: l10n.t('Draw several new versions and pick the one the link shows'),
      command: COMMANDS.linkedImageVariations,
      args,
      needsRecipe: true,
    },
    {
      label: l10n.t('Open in Studio'),
      tooltip: l10n.t('Attach this image in the Image Studio'),
      command: COMMANDS.openLinkedImageInStudio,
      args,
    },
    {
      label: l10n.t('Write Alt Text'),
      tooltip: l10n.t("Describe the image in the link's brackets"),
      command: COMMANDS.writeAltText,
      args,
    },
  ];
  return all.filter((a) => known || !a.needsRecipe).map(({ needsRecipe: _, ...a }) => a);
}

export interface LinkHover {
  markdown: string;
  /** The link the hover is for. */
  span: TextSpan;
}

/** The hover's Markdown for the image link at `offset`, or undefined when there is no local image link there. */
export async function linkHover(
  sources: RecipeSources,
  document: vscode.Uri,
  text: string,
  offset: number,
  at: RangeLike,
): Promise<LinkHover | undefined> {
  const here = linkedImageAt(sources.workspace, document, text, offset);
  if (!here) return undefined;
  const linked = await onSite(sources.workspace, here);
  if (!(await isInWorkspace(sources.workspace, linked.image, linkHome(document)).catch(() => false))) {
    const target = Array.from(linked.link.target).slice(0, 200).join('');
    const outside = l10n.t('{0} is outside the workspace, so it is not shown.', target);
    return { markdown: `*${shownText(outside, 'markdown')}*`, span: linked.link.span };
  }
  // Only the file's head: its size and provenance, never the pixels (a hostile file costs nothing).
  let file: ImageFileHead;
  try {
    file = await readImageFileHead(sources.workspace.fs, linked.image);
  } catch {
    const gone = l10n.t('{0} is not in the workspace.', path.posix.basename(linked.image.path));
    return { markdown: `*${shownText(gone, 'markdown')}*`, span: linked.link.span };
  }
  // Off this thread when the head is large (a bomb's chunk is inflated there, to the limit).
  const facts = await headFacts(file.head, sources.heavy);
  const p = facts.provenance;
  const entry = p ? undefined : await sources.historyEntry(linked.image.toString());
  const made = p ? { prompt: p.prompt, model: p.model } : entry;
  // What it cost: the file's own record (per image), else what the Studio's history kept for its job.
  const cost = p?.cost !== undefined ? formatCny(p.cost, p.costApproximate === true) : entry?.cost;
  const markdown = imageHoverMarkdown({
    imageUri: linked.image.toString(),
    width: facts.size?.width,
    height: facts.size?.height,
    bytes: file.size,
    prompt: made?.prompt,
    model: made?.model,
    cost,
    actions: linkActions(document, at, made !== undefined),
    words: {
      prompt: l10n.t('Prompt:'),
      model: l10n.t('Model:'),
      cost: l10n.t('Cost:'),
      pixels: l10n.t('{0} × {1} px'),
      unknown: l10n.t('No record of the prompt that made it.'),
    },
  });
  return { markdown, span: linked.link.span };
}

export function linkedImageHoverProvider(sources: RecipeSources): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      const h = await linkHover(sources, document.uri, document.getText(), document.offsetAt(position), {
        start: position,
      });
      if (!h) return undefined;
      // imageHoverMarkdown puts every file-borne text through shownText(…, 'markdown') and writes
      // only its own image and command links, which the rule cannot tell from outside Markdown.
      // eslint-disable-next-line local/shown-text -- the hover's own links around escaped text (imageHover.ts)
      const md = new vscode.MarkdownString(h.markdown);
      md.isTrusted = { enabledCommands: HOVER_COMMANDS };
      md.supportHtml = false;
      return new vscode.Hover(md, new vscode.Range(document.positionAt(h.span.start), document.positionAt(h.span.end)));
    },
  };
}
