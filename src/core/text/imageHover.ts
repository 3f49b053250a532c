// The Markdown of the hover over an image link: the picture, what made it, its size, and
// command links. Prompts and model ids come from files and are untrusted: they pass through
// shownText(…, 'markdown'), which escapes every character Markdown could read as syntax, so no
// text from a file becomes a link or a command.
import type { CommandId } from '../../contributionIds';
import { shownText } from './shownText';

/** Widest the preview is drawn in the hover, in CSS pixels. */
export const HOVER_IMAGE_WIDTH = 320;
/** The longest part of a prompt the hover shows; the rest is cut with an ellipsis. */
const HOVER_PROMPT_CHARS = 400;
const MAX_MODEL_CHARS = 128;

export interface HoverAction {
  label: string;
  tooltip: string;
  command: CommandId;
  args: readonly unknown[];
}

export interface HoverWords {
  prompt: string;
  model: string;
  cost: string;
  /** `{0} × {1} px`. */
  pixels: string;
  /** Said when neither the file nor the history knows what made it. */
  unknown: string;
}

export interface ImageHoverInput {
  /** A URI the editor can load (already encoded). */
  imageUri: string;
  width?: number;
  height?: number;
  bytes: number;
  prompt?: string;
  model?: string;
  /** What it cost (`¥0.15`), from the file's provenance or the Studio's history: untrusted text too. */
  cost?: string;
  actions: readonly HoverAction[];
  words: HoverWords;
}

/** `812 B`, `14.2 KB`, `1.3 MB` (1024-based, as file managers show it). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

function fill(template: string, ...values: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => String(values[Number(i)] ?? m));
}

function commandLink(a: HoverAction): string {
  const args = encodeURIComponent(JSON.stringify(a.args));
  return `[${shownText(a.label, 'markdown')}](command:${a.command}?${args} "${a.tooltip.replace(/["\\]/g, '')}")`;
}

export function imageHoverMarkdown(input: ImageHoverInput): string {
  const w = input.words;
  const width = input.width === undefined ? HOVER_IMAGE_WIDTH : Math.min(input.width, HOVER_IMAGE_WIDTH);
  const lines = [`![](${input.imageUri.replace(/[()\s]/g, encodeURIComponent)}|width=${width})`, ''];
  if (input.prompt !== undefined)
    lines.push(`**${shownText(w.prompt, 'markdown')}** ${shownText(input.prompt, 'markdown', HOVER_PROMPT_CHARS)}  `);
  if (input.model !== undefined)
    lines.push(`**${shownText(w.model, 'markdown')}** ${shownText(input.model, 'markdown', MAX_MODEL_CHARS)}  `);
  if (input.cost !== undefined)
    lines.push(`**${shownText(w.cost, 'markdown')}** ${shownText(input.cost, 'markdown')}  `);
  if (input.prompt === undefined && input.model === undefined) lines.push(`*${shownText(w.unknown, 'markdown')}*  `);
  const size =
    input.width !== undefined && input.height !== undefined ? `${fill(w.pixels, input.width, input.height)} · ` : '';
  lines.push(shownText(`${size}${formatBytes(input.bytes)}`, 'markdown'), '');
  if (input.actions.length > 0) lines.push(input.actions.map(commandLink).join(' · '));
  return lines.join('\n');
}
