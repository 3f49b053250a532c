// The Studio's gallery over the image library: the same index, search and uses the Images view
// shows, a page at a time, newest first (core's galleryPage). The library is brought up to date
// when the gallery opens, reading only the files that changed since.
import * as path from 'node:path';
import { galleryPage } from '../../core/library/galleryPage';
import type { StudioGallery } from '../../panel/ports';
import type { ImageLibrary } from './imageLibrary';
import { sizeText } from './libraryNodes';

const posix = path.posix;

export function libraryGallery(library: Pick<ImageLibrary, 'refresh' | 'ready' | 'index' | 'uses' | 'uriOf' | 'shown'>): StudioGallery {
  return {
    async page(search, offset, limit, fresh) {
      if (fresh || !library.ready) await library.refresh();
      const { entries, total } = galleryPage(library.index, library.uses, search, offset, limit);
      const items = entries.map(({ image, uses }) => ({
        uri: library.uriOf(image.path),
        name: posix.basename(image.path),
        folder: library.shown(posix.dirname(image.path)).replace(/\/$/, ''),
        ...(image.width !== undefined && image.height !== undefined ? { width: image.width, height: image.height } : {}),
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
