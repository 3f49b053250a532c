// `![a red kite over a grey sea](geekai:16:9?model=gpt-4o-image)`: an image still to be made.
// The alt text is the prompt; the target carries optional aspect ratio, model and size.
import { IMAGE_SIZES, type ImageSize } from '../../../shared/imageVocabulary';
import { isValidModelId } from '../catalog';
import { findImageLinks, type ImageLink } from './imageLinks';
import { findLinkAgain, type FindImages } from './linkedImage';

export const PLACEHOLDER_SCHEME = 'geekai:';

export interface PlaceholderOptions {
  aspectRatio?: string;
  model?: string;
  imageSize?: ImageSize;
}

/** Why a placeholder cannot be generated as written; `value` is the offending text (capped). */
export interface PlaceholderProblem {
  reason: 'emptyPrompt' | 'badAspectRatio' | 'badModel' | 'badSize' | 'unknownOption';
  value: string;
}

export interface ParsedPlaceholderTarget {
  options: PlaceholderOptions;
  problems: PlaceholderProblem[];
}

export interface Placeholder extends ParsedPlaceholderTarget {
  link: ImageLink;
  /** The alt text, trimmed: what to draw. */
  prompt: string;
}

const cap = (s: string): string => s.slice(0, 60);

/** `W:H` with whole numbers 1-999 (`16:9`, `3:2`); gateways accept ratios beyond the settings' list. */
export const ASPECT_RATIO_PATTERN = /^[1-9]\d{0,2}:[1-9]\d{0,2}$/;

export function isAspectRatio(value: string): boolean {
  return ASPECT_RATIO_PATTERN.test(value);
}

/** True for `geekai:` targets (any letter case). */
export function isPlaceholderTarget(target: string): boolean {
  return target.trim().toLowerCase().startsWith(PLACEHOLDER_SCHEME);
}

/**
 * `geekai:`, `geekai:16:9`, `geekai:16:9?model=gpt-4o-image&size=2K`, `geekai:?ratio=3:2`.
 * Undefined when the target is not a placeholder.
 */
export function parsePlaceholderTarget(target: string): ParsedPlaceholderTarget | undefined {
  if (!isPlaceholderTarget(target)) return undefined;
  const rest = target.trim().slice(PLACEHOLDER_SCHEME.length);
  const q = rest.indexOf('?');
  const ratio = decodeLoose(q < 0 ? rest : rest.slice(0, q)).trim();
  const query = q < 0 ? '' : rest.slice(q + 1);
  const options: PlaceholderOptions = {};
  const problems: PlaceholderProblem[] = [];
  const setRatio = (v: string): void => {
    if (isAspectRatio(v)) options.aspectRatio = v;
    else problems.push({ reason: 'badAspectRatio', value: cap(v) });
  };
  if (ratio) setRatio(ratio);
  for (const [key, value] of new URLSearchParams(query)) {
    const k = key.trim().toLowerCase();
    const v = value.trim();
    if (k === 'ratio' || k === 'aspect' || k === 'aspectratio') setRatio(v);
    else if (k === 'model') {
      if (isValidModelId(v)) options.model = v;
      else problems.push({ reason: 'badModel', value: cap(v) });
    } else if (k === 'size') {
      const size = IMAGE_SIZES.find((s) => s === v.toUpperCase());
      if (size) options.imageSize = size;
      else problems.push({ reason: 'badSize', value: cap(v) });
    } else {
      problems.push({ reason: 'unknownOption', value: cap(key) });
    }
  }
  return { options, problems };
}

function decodeLoose(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every `geekai:` image link in the document, in order, with its prompt, options and problems. */
export function findPlaceholders(text: string, find: FindImages = findImageLinks): Placeholder[] {
  const found: Placeholder[] = [];
  for (const link of find(text)) {
    const parsed = parsePlaceholderTarget(link.target);
    if (!parsed) continue;
    const prompt = link.alt.replace(/\s+/g, ' ').trim();
    const problems = prompt ? parsed.problems : [{ reason: 'emptyPrompt' as const, value: '' }, ...parsed.problems];
    found.push({ link, prompt, options: parsed.options, problems });
  }
  return found;
}

/**
 * The same placeholder in the document as it is now (other links may have been replaced
 * meanwhile, moving it): the placeholder whose link text is identical, nearest to where it was.
 */
export function findPlaceholderAgain(
  text: string,
  original: Placeholder,
  originalText: string,
  find: FindImages = findImageLinks,
): Placeholder | undefined {
  const link = findLinkAgain(
    text,
    originalText.slice(original.link.span.start, original.link.span.end),
    original.link.span.start,
    find,
  );
  return link && findPlaceholders(text, find).find((p) => p.link.span.start === link.span.start);
}
