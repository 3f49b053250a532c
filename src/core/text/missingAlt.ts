// Image links without alt text (what markdownlint reports as MD045), for Write Alt Text's quick fix.
import { findImageLinks, type ImageLink } from './imageLinks';
import type { FindImages } from './linkedImage';
import { isPlaceholderTarget } from './placeholders';

/** Links with empty alt text whose text meets `[from, to]`; placeholders are left out (their alt text is the prompt). */
export function linksMissingAlt(
  text: string,
  from: number,
  to: number,
  find: FindImages = findImageLinks,
): ImageLink[] {
  return find(text).filter(
    (l) => l.alt.trim() === '' && !isPlaceholderTarget(l.target) && l.span.start <= to && l.span.end >= from,
  );
}
