// The Studio's gallery over the image library: the same index, search and uses the Images view
// shows, a page at a time, newest first (core's galleryPage). The library is brought up to date
// when the gallery opens, reading only the files that changed since.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { galleryPage } from '../../core/library/galleryPage';
import type { ImageLibrary } from './imageLibrary';

/** A workspace image as the gallery lists it: its file and what the library knows of it (file-borne text: shown only as text). */
export interface GalleryItem {
  uri: vscode.Uri;
  name: string;
  /** Relative to its workspace folder ('' at the folder's root). */
  folder: string;
  width?: number;
  height?: number;
  /** Bytes on disk. */
  bytes: number;
  /** The size as a reader says it ("812 KB"). */
  size: string;
  prompt?: string;
  model?: string;
  uses: number;
}

/** The workspace's images for the Studio's gallery (the image library). */
export interface StudioGallery {
  /**
   * The images matching `search`, newest first, `limit` of them from `offset`, and how many match
   * in all; `fresh`: bring the library up to date first (it reads only files that changed).
   */
  page(search: string, offset: number, limit: number, fresh: boolean): Promise<{ items: GalleryItem[]; total: number }>;
}
import { sizeText } from './libraryNodes';

const posix = path.posix;

export function libraryGallery(
  library: Pick<ImageLibrary, 'refresh' | 'ready' | 'index' | 'uses' | 'uriOf' | 'shown'>,
): StudioGallery {
  return {
    async page(search, offset, limit, fresh) {
      if (fresh || !library.ready) await library.refresh();
      const { entries, total } = galleryPage(library.index, library.uses, search, offset, limit);
      const items = entries.map(({ image, uses }) => ({
        uri: library.uriOf(image.path),
        name: posix.basename(image.path),
        folder: library.shown(posix.dirname(image.path)).replace(/\/$/, ''),
        ...(image.width !== undefined && image.height !== undefined
          ? { width: image.width, height: image.height }
          : {}),
        bytes: image.size,
        size: sizeText(image.size),
        ...(image.prompt !== undefined ? { prompt: image.prompt } : {}),
        ...(image.model !== undefined ? { model: image.model } : {}),
        uses,
      }));
      return { items, total };
    },
  };
}
