// The gallery's pages as the webview sees them. Ids, not URIs or paths, travel to the webview and
// back (as with attachments), so the webview can only name an image the host listed. Ids are never
// reused: an answer to an old page cannot point at a different image than the one it showed.
import { hasImageExtension } from '../core/imageType';
import { GALLERY_PAGE_SIZE } from '../core/library/galleryPage';
import type { GalleryImage, HostToWebview } from '../../shared/protocol';
import type { GalleryItem, StudioGallery, StudioHost } from './ports';

/** A thumbnail is the file itself; past this size the tile shows its name instead (the webview would load it whole). */
export const GALLERY_THUMBNAIL_MAX_BYTES = 8 * 1024 * 1024;

export type GalleryMessage = Extract<HostToWebview, { type: 'gallery' }>;

export class GalleryList {
  private next = 0;
  private readonly listed = new Map<string, GalleryItem>();

  constructor(
    private readonly host: Pick<StudioHost, 'asWebviewUri'>,
    private readonly source: StudioGallery | undefined,
  ) {}

  /** The page the webview asked for; offset 0 starts over (the ids of earlier pages are dropped). */
  async page(search: string, offset: number): Promise<GalleryMessage> {
    if (offset === 0) this.listed.clear();
    const { items, total } = this.source
      ? await this.source.page(search, offset, GALLERY_PAGE_SIZE, offset === 0)
      : { items: [], total: 0 };
    return { type: 'gallery', search, offset, total, images: items.map((i) => this.view(i)) };
  }

  /** The image the webview named, when the host listed it since the gallery last started over. */
  item(id: string): GalleryItem | undefined {
    return this.listed.get(id);
  }

  private view(item: GalleryItem): GalleryImage {
    this.next += 1;
    const id = `g${this.next}`;
    this.listed.set(id, item);
    return {
      id,
      name: item.name,
      folder: item.folder,
      webviewUri: item.bytes <= GALLERY_THUMBNAIL_MAX_BYTES ? this.host.asWebviewUri(item.uri) : '',
      ...(item.width !== undefined && item.height !== undefined ? { width: item.width, height: item.height } : {}),
      size: item.size,
      ...(item.prompt !== undefined ? { prompt: item.prompt } : {}),
      ...(item.model !== undefined ? { model: item.model } : {}),
      uses: item.uses,
      attachable: hasImageExtension(item.uri.path),
    };
  }
}
