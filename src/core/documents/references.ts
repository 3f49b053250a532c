// The references a job inserts, written in the language of the document they go into, and the
// save format that language's renderer can show.
import * as path from 'node:path';
import { relativePosix } from '../files/paths';
import type { SavedExt, SaveFormat } from '../publish/convert';
import type { DocumentLanguage } from './documentLanguage';

const posix = path.posix;

export type ReferencesInput = {
  language: DocumentLanguage;
  /** Usually the prompt. */
  alt: string;
  /** Absolute POSIX paths of the saved images. */
  targetPaths: readonly string[];
} & (
  | {
      /** The path to write for a saved file, as the job's placement decides it (`jobPlacement.ts`: root-relative where a site serves it). */
      linkOf: (file: string) => string;
    }
  | {
      /** The document they go into; paths are relative to its folder. */
      documentPath?: string;
      /** Paths are relative to this when there is no document. */
      workspaceRoot: string;
    }
);

/** One reference per image, each a block of its own, relative to the document's folder unless `linkOf` says otherwise. */
export function documentReferences(i: ReferencesInput): string {
  const linkOf =
    'linkOf' in i
      ? i.linkOf
      : (p: string) => relativePosix(i.documentPath === undefined ? i.workspaceRoot : posix.dirname(i.documentPath), p);
  return i.language.join(
    i.targetPaths.map((p) => i.language.reference({ alt: i.alt, path: linkOf(p), standalone: true })),
  );
}

const EXT_OF_FORMAT: Record<Exclude<SaveFormat, 'keep'>, SavedExt> = {
  png: 'png',
  webp: 'webp',
  jpeg: 'jpg',
  avif: 'avif',
};

/** The extension `asked` gives an image of type `sourceExt`, before any rule of the document. */
export function askedExt(asked: SaveFormat, sourceExt: SavedExt): SavedExt {
  return asked === 'keep' ? sourceExt : EXT_OF_FORMAT[asked];
}

/** The extension a file saved with `asked` for a `language` document has, when known before the image arrives (`keep`: the server's type decides). */
export function savedExtOf(language: DocumentLanguage, asked: SaveFormat): SavedExt | undefined {
  if (asked === 'keep') return undefined;
  const { format } = shownSaveFormat(language, asked, EXT_OF_FORMAT[asked]);
  return format === 'keep' ? undefined : EXT_OF_FORMAT[format];
}

/**
 * The save format for an image of type `sourceExt` going into a `language` document: `asked`
 * when its renderer shows the result, else one it does (JPEG stays JPEG, anything else PNG),
 * with `changed` set so the user is told.
 */
export function shownSaveFormat(
  language: DocumentLanguage,
  asked: SaveFormat,
  sourceExt: SavedExt,
): { format: SaveFormat; changed: boolean } {
  const result = askedExt(asked, sourceExt);
  if (language.formats.includes(result)) return { format: asked, changed: false };
  const fallback: SaveFormat = sourceExt === 'jpg' && language.formats.includes('jpg') ? 'jpeg' : 'png';
  return { format: fallback, changed: true };
}
