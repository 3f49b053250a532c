// The documents besides Markdown that take images, as plain lists: the entry point's providers
// register for them at activation, so this file imports nothing (no parser is bundled there).

/** File extensions of the other languages, whatever language id VS Code gives the file. */
export const OTHER_LANGUAGE_EXTENSIONS = [
  'mdx',
  'adoc',
  'asciidoc',
  'asc',
  'rst',
  'rest',
  'html',
  'htm',
  'xhtml',
  'vue',
  'svelte',
  'astro',
  'tex',
  'ltx',
  'latex',
  'org',
  'typ',
] as const;

/** VS Code language ids (built-in and of the common extensions) of documents that take images. */
export const IMAGE_DOCUMENT_LANGUAGE_IDS = [
  'markdown',
  'mdx',
  'asciidoc',
  'restructuredtext',
  'html',
  'vue',
  'svelte',
  'astro',
  'latex',
  'tex',
  'org',
  'typst',
] as const;

/** A line that may hold an image reference in any of the languages: worth loading the parsers for. */
export const MAY_HOLD_IMAGE = /!\[|image::?|figure::|<img\b|\\includegraphics|\[\[|image\(/i;
