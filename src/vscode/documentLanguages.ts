// Which open documents take images, and in which language: Markdown by VS Code's language id
// (notebook Markdown cells included), the others by id or, where no extension for the language
// is installed (a `.adoc` shown as plain text), by file extension.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { DocumentLanguage } from '../core/documents/documentLanguage';
import { IMAGE_DOCUMENT_LANGUAGE_IDS, OTHER_LANGUAGE_EXTENSIONS } from '../core/documents/documentExtensions';
import { languageOf } from '../core/documents/languages';
import type { FindImages } from '../core/text/linkedImage';

/** Whether an editor's document is one an image reference can go into. */
export function takesImages(e: { languageId: string; document: vscode.Uri }): boolean {
  if ((IMAGE_DOCUMENT_LANGUAGE_IDS as readonly string[]).includes(e.languageId)) return true;
  return (OTHER_LANGUAGE_EXTENSIONS as readonly string[]).includes(
    path.posix.extname(e.document.path).slice(1).toLowerCase(),
  );
}

/** The language of `document` holding `text`. */
export function languageFor(document: vscode.Uri, text: string): DocumentLanguage {
  return languageOf(document.path, text);
}

/** The references a placeholder may be, in `document`'s language: none where it takes no placeholders. */
export function placeholderFinder(document: vscode.Uri, text: string): FindImages {
  const language = languageFor(document, text);
  return language.placeholders ? language.find : () => [];
}
