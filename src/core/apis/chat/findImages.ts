// Every place api.md says an image can hide in an answer, gathered once each.
import type { Completion, ImagePart, Message } from './responseSchema';

export interface ImageRef {
  /** An http(s) URL or a `data:` URL, as the server sent it (scheme checked later, on download). */
  url: string;
  where: 'message.image' | 'message.images' | 'content.parts' | 'markdown' | 'data' | 'bareUrl';
  /** Images API items carry the prompt the model really used. */
  revisedPrompt?: string;
}

// ![alt](url) or ![alt](<url> "title"); data URLs have no spaces or parentheses.
// The URL may hold one level of balanced parentheses (`…/a_(1).png`), as CommonMark allows.
// Written as an unrolled loop, not `(?:a|b)+`: per-character alternation overflows V8's regex
// stack on a multi-megabyte data URL.
const MD_IMAGE = /!\[[^\]\n]*\]\(\s*(?:<([^<>\n]+)>|([^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const BARE_IMAGE_URL = /https?:\/\/[^\s)"'<>\]]+\.(?:png|jpe?g|webp|gif)(?:\?[^\s)"'<>\]]*)?/gi;

function partUrl(part: ImagePart): string | undefined {
  if (part.b64_json) return `data:image/png;base64,${part.b64_json}`;
  if (typeof part.image_url === 'string') return part.image_url;
  if (part.image_url) return part.image_url.url;
  if (part.type === 'image_url' || part.type === 'image') return part.url;
  return undefined;
}

/** The text of a message's content, whether a string or an array of parts. */
export function contentText(content: Message['content']): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.map((p) => p.text ?? '').join('');
}

export function imagesInMarkdown(text: string): string[] {
  return Array.from(text.matchAll(MD_IMAGE), (m) => m[1] ?? m[2]);
}

class RefSet {
  readonly refs: ImageRef[] = [];
  private readonly seen = new Set<string>();
  add(url: string | null | undefined, where: ImageRef['where'], revisedPrompt?: string | null): void {
    const u = url?.trim();
    if (!u || this.seen.has(u)) return;
    this.seen.add(u);
    this.refs.push(revisedPrompt ? { url: u, where, revisedPrompt } : { url: u, where });
  }
}

/** Images carried in structured fields of a message or delta (not in its text). */
function addStructured(set: RefSet, m: Message | null | undefined): void {
  if (!m) return;
  if (m.image?.url) set.add(m.image.url, 'message.image');
  if (m.image?.b64_json) set.add(`data:image/png;base64,${m.image.b64_json}`, 'message.image');
  for (const p of m.images ?? []) set.add(partUrl(p), 'message.images');
  if (Array.isArray(m.content)) for (const p of m.content) set.add(partUrl(p), 'content.parts');
}

/**
 * Collects the images of a whole answer. `text` is the assistant text (for a stream, the joined
 * deltas); structured fields come from `completions` (one for non-stream, every chunk for a
 * stream). A plain link such as `[下载](…/download/x.png)` is not an image; bare image URLs are
 * used only when nothing else was found (older GeekAI answers).
 */
export function findImages(completions: readonly Completion[], text: string): ImageRef[] {
  const set = new RefSet();
  for (const c of completions) {
    for (const choice of c.choices ?? []) {
      addStructured(set, choice.message);
      addStructured(set, choice.delta);
    }
    for (const d of c.data ?? []) {
      set.add(d.url, 'data', d.revised_prompt);
      if (d.b64_json) set.add(`data:image/png;base64,${d.b64_json}`, 'data', d.revised_prompt);
    }
  }
  for (const url of imagesInMarkdown(text)) set.add(url, 'markdown');
  if (set.refs.length === 0) {
    for (const m of text.matchAll(BARE_IMAGE_URL)) set.add(m[0], 'bareUrl');
  }
  return set.refs;
}

/**
 * The model's words without images, links to them, progress lines or the echoed tool call:
 * what a user should read when no image came back.
 */
export function readableText(text: string): string {
  return text
    .replace(MD_IMAGE, '')
    .split(/\r?\n/)
    .filter((line) => {
      const t = line.trim();
      if (!t) return false;
      if (/^>\s/.test(t) && /(\d{1,3}\s*%|生成中|排队|queue|progress)/i.test(t)) return false;
      if (/^\{.*"prompt"\s*:/.test(t)) return false;
      if (/^\[[^\]]*\]\([^)]*\/download\/[^)]*\)$/.test(t)) return false;
      return true;
    })
    .join('\n')
    .trim();
}
