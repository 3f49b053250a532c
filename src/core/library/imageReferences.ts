// The image references of one document, in whichever language it is written (core/documents),
// each with the file it names, its line and its alt text: what the library shows under "where
// used", and what a rename or a broken-link check starts from.
import { languageOf } from '../documents/languages';
import type { ImageLink } from '../text/imageLinks';
import { resolveTarget, type ResolveContext, type TargetForm } from './targetResolver';

export interface ImageReference {
  /** The document holding it. */
  document: string;
  /** 0-based line of the reference's start. */
  line: number;
  /** The file it names (absolute; may be missing). */
  file: string;
  form: TargetForm;
  /** The alt text as read (file-borne: shown only as plain text), at most ALT_KEPT_CHARS. */
  alt: string;
  /** The target as written (for a broken link's label), at most TARGET_KEPT_CHARS. */
  target: string;
}

const ALT_KEPT_CHARS = 300;
const TARGET_KEPT_CHARS = 500;

/** Line starts of `text`, for offset → line by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The links of `text` (the document at `documentPath`) in its language. */
export function linksOf(documentPath: string, text: string): ImageLink[] {
  return languageOf(documentPath, text).find(text);
}

/** Every local image reference in the document, with the file it names. */
export async function referencesIn(ctx: ResolveContext, documentPath: string, text: string): Promise<ImageReference[]> {
  const language = languageOf(documentPath, text);
  const links = language.find(text);
  if (links.length === 0) return [];
  const starts = lineStarts(text);
  const out: ImageReference[] = [];
  for (const link of links) {
    const resolved = await resolveTarget(ctx, documentPath, link.target, language.id === 'latex');
    if (!resolved) continue;
    out.push({
      document: documentPath,
      line: lineOf(starts, link.span.start),
      file: resolved.file,
      form: resolved.form,
      alt: link.alt.slice(0, ALT_KEPT_CHARS),
      target: link.target.slice(0, TARGET_KEPT_CHARS),
    });
  }
  return out;
}
