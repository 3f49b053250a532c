// Every place api.md says an image can hide in an answer, gathered once each; an answer naming
// more than MAX_ANSWER_IMAGES different images is refused (the search stops at one more).
import { decodeCleanDataUrl, type DecodedInMemory } from '../../images/dataUrl';
import { MAX_ANSWER_IMAGES, tooManyImages } from '../../limits';
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
const MD_IMAGE =
  /!\[[^\]\n]*\]\(\s*(?:<([^<>\n]+)>|([^\s()<>]+(?:\([^\s()<>]*\)[^\s()<>]*)*))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
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

/** Where a Markdown image can start: `![alt](` and any spaces; MD_IMAGE then decides. */
const MD_START = /!\[[^\]\n]*\]\(\s*/g;
const MD_IMAGE_AT = new RegExp(MD_IMAGE.source, 'y');
/** A data URL's header (`data:image/png;base64`) is short; a longer one takes the regex path. */
const MAX_DATA_HEADER = 256;

interface MarkdownImages {
  urls: string[];
  /** The text with the images cut out, as `text.replace(MD_IMAGE, '')` would leave it. */
  rest: string;
  /** Data URLs among `urls` already decoded while scanning. */
  decoded: Map<string, DecodedInMemory>;
}

/**
 * A data URL destination at `at`, found and decoded without walking its payload in JS: when the
 * payload between the comma and the next `)` decodes as clean base64 it holds no space, bracket
 * or parenthesis, so MD_IMAGE would end the destination at that very `)`. Anything else is left
 * to MD_IMAGE.
 */
function dataUrlAt(text: string, at: number): { url: string; decoded: DecodedInMemory; end: number } | undefined {
  if (text.slice(at, at + 5).toLowerCase() !== 'data:') return undefined;
  const comma = text.indexOf(',', at + 5);
  if (comma === -1 || comma - at > MAX_DATA_HEADER || /[\s()<>]/.test(text.slice(at, comma))) return undefined;
  const close = text.indexOf(')', comma);
  if (close === -1) return undefined;
  const url = text.slice(at, close);
  const decoded = decodeCleanDataUrl(url);
  return decoded && { url, decoded, end: close + 1 };
}

/**
 * The Markdown images' URLs and the text without them, in one pass: MD_IMAGE runs only where an
 * image starts, and a data URL's megabytes of base64 are read once, by the decoder.
 */
function splitMarkdownImages(text: string): MarkdownImages {
  const found: MarkdownImages = { urls: [], rest: '', decoded: new Map() };
  let kept = 0;
  for (let from = 0; ;) {
    MD_START.lastIndex = from;
    const start = MD_START.exec(text);
    if (!start) break;
    const data = dataUrlAt(text, start.index + start[0].length);
    let end: number;
    if (data) {
      found.urls.push(data.url);
      found.decoded.set(data.url, data.decoded);
      end = data.end;
    } else {
      MD_IMAGE_AT.lastIndex = start.index;
      const m = MD_IMAGE_AT.exec(text);
      if (!m) {
        from = start.index + 1;
        continue;
      }
      found.urls.push(m[1] ?? m[2]);
      end = start.index + m[0].length;
    }
    found.rest += text.slice(kept, start.index);
    kept = end;
    from = end;
  }
  found.rest = kept === 0 ? text : found.rest + text.slice(kept);
  return found;
}

export function imagesInMarkdown(text: string): string[] {
  return splitMarkdownImages(text).urls;
}

class RefSet {
  readonly refs: ImageRef[] = [];
  private readonly seen = new Set<string>();
  add(url: string | null | undefined, where: ImageRef['where'], revisedPrompt?: string | null): void {
    const u = url?.trim();
    if (!u || this.seen.has(u)) return;
    if (this.refs.length >= MAX_ANSWER_IMAGES) throw tooManyImages();
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
  return collect(completions, text, splitMarkdownImages(text).urls);
}

function collect(completions: readonly Completion[], text: string, markdownUrls: readonly string[]): ImageRef[] {
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
  for (const url of markdownUrls) set.add(url, 'markdown');
  if (set.refs.length === 0) {
    for (const m of text.matchAll(BARE_IMAGE_URL)) set.add(m[0], 'bareUrl');
  }
  return set.refs;
}

export interface ScannedAnswer {
  refs: ImageRef[];
  /** The answer's text with its Markdown images cut out: the model's words and nothing heavy. */
  withoutImages: string;
  /** Data URLs of `refs` that were decoded while scanning, by URL. */
  decoded: ReadonlyMap<string, DecodedInMemory>;
}

/** findImages and readableText's cut in one pass over the text, which may hold megabytes of data URL. */
export function scanAnswer(completions: readonly Completion[], text: string): ScannedAnswer {
  const { urls, rest, decoded } = splitMarkdownImages(text);
  return { refs: collect(completions, text, urls), withoutImages: rest, decoded };
}

/**
 * The model's words without images, links to them, progress lines or the echoed tool call:
 * what a user should read when no image came back.
 */
export function readableText(text: string): string {
  return wordsOf(splitMarkdownImages(text).rest);
}

function wordsOf(withoutImages: string): string {
  return withoutImages
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
