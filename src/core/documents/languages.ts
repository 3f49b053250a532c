// Which language a document is written in, from its file name (and, where the language has
// variants, its text). Anything unknown is Markdown, as the extension has always written.
import * as path from 'node:path';
import { asciidocFor } from './asciidocLanguage';
import type { DocumentLanguage } from './documentLanguage';
import { HTML } from './htmlLanguage';
import { LATEX } from './latexLanguage';
import { MARKDOWN, README } from './markdownLanguage';
import { mdxFor } from './mdxLanguage';
import { ORG } from './orgLanguage';
import { RST } from './rstLanguage';
import { TYPST } from './typstLanguage';

// Each language by the file extensions it is written in.
const LANGUAGES: readonly [readonly string[], (text: string) => DocumentLanguage][] = [
  [['mdx'], mdxFor],
  [['adoc', 'asciidoc', 'asc'], asciidocFor],
  [['rst', 'rest'], () => RST],
  [['html', 'htm', 'xhtml', 'vue', 'svelte', 'astro'], () => HTML],
  [['tex', 'ltx', 'latex'], () => LATEX],
  [['org'], () => ORG],
  [['typ'], () => TYPST],
];

const BY_EXTENSION: Record<string, (text: string) => DocumentLanguage> = Object.fromEntries(
  LANGUAGES.flatMap(([exts, make]) => exts.map((e) => [`.${e}`, make])),
);

/** The extensions `documentExtensions.ts` lists for the providers (a unit test holds the two together). */
export const LANGUAGE_EXTENSIONS = Object.keys(BY_EXTENSION).map((e) => e.slice(1));

/** A repository's README, which code hosts, package registries and mail clients render too. */
const README_NAME = /^readme\.(md|markdown|mdown|mkd)$/i;

/**
 * The language of the document at `documentPath` holding `text`. A notebook (`.ipynb`) is
 * Markdown: references go into its Markdown cells, never its JSON.
 */
export function languageOf(documentPath: string | undefined, text = ''): DocumentLanguage {
  if (documentPath === undefined) return MARKDOWN;
  if (README_NAME.test(path.posix.basename(documentPath))) return README;
  const make = BY_EXTENSION[path.posix.extname(documentPath).toLowerCase()];
  return make ? make(text) : MARKDOWN;
}
