// The gallery's tiles: one button per workspace image, its thumbnail loaded only once the tile
// scrolls near view (a workspace may hold thousands), one tab stop for the whole grid (arrow keys,
// Home and End move between tiles, as in VS Code's own lists), and a screen reader name per image
// that says what a sighted user sees. Names, folders and prompts come from files: text only.
import type { GalleryImage } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { el, format } from './dom';

/** Prompts are cut in a tile's name: the whole prompt is in the details below the grid. */
const LABEL_PROMPT_CHARS = 120;

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function pixelsText(image: GalleryImage, s: StudioStrings): string {
  return image.width !== undefined && image.height !== undefined
    ? format(s.galleryPixels, image.width, image.height)
    : s.galleryPixelsUnknown;
}

export function usesText(image: GalleryImage, s: StudioStrings): string {
  return image.uses === 0
    ? s.galleryUsedNowhere
    : image.uses === 1
      ? s.galleryUsedOnce
      : format(s.galleryUsedIn, image.uses);
}

/** What a screen reader says for a tile: name, pixels, size, where it is used, and the prompt when the extension made it. */
export function tileLabel(image: GalleryImage, s: StudioStrings): string {
  const facts = [image.name, pixelsText(image, s), image.size, usesText(image, s)] as const;
  return image.prompt
    ? format(s.galleryTilePrompt, ...facts, oneLine(image.prompt, LABEL_PROMPT_CHARS))
    : format(s.galleryTile, ...facts);
}

export class GalleryGrid {
  readonly root: HTMLUListElement;
  private readonly tiles = new Map<string, HTMLButtonElement>();
  private readonly thumbs: IntersectionObserver;
  /** Watches the last tile: the grid scrolled to its end wants the next page. */
  private readonly end: IntersectionObserver;
  /** The tile that holds the grid's one tab stop. */
  private current: string | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly onSelect: (id: string) => void,
    onEnd: () => void,
  ) {
    this.root = el('ul', { class: 'gallery-grid', attrs: { 'aria-label': strings.galleryTitle } });
    // Thumbnails load as they come within a row or two of the grid's visible part, and only then.
    this.thumbs = new IntersectionObserver((entries) => this.load(entries), {
      root: this.root,
      rootMargin: '120px 0px',
    });
    this.end = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onEnd();
      },
      { root: this.root, rootMargin: '120px 0px' },
    );
    this.root.addEventListener('click', (e) => {
      const tile = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-id]') : null;
      if (tile?.dataset.id) this.select(tile.dataset.id);
    });
    this.root.addEventListener('keydown', (e) => this.key(e));
  }

  /** Replaces the tiles (offset 0) or adds a page after them. */
  show(images: readonly GalleryImage[], replace: boolean): void {
    if (replace) {
      this.thumbs.disconnect();
      this.tiles.clear();
      this.root.replaceChildren();
      this.current = undefined;
    }
    const fragment = document.createDocumentFragment();
    for (const image of images) {
      if (this.tiles.has(image.id)) continue;
      const tile = this.tile(image);
      this.tiles.set(image.id, tile);
      fragment.append(el('li', { class: 'gallery-item' }, tile));
    }
    this.root.append(fragment);
    this.end.disconnect();
    const last = this.root.lastElementChild;
    if (last) this.end.observe(last);
    if (this.current === undefined) this.current = this.tiles.keys().next().value;
    this.syncTabStop();
  }

  get size(): number {
    return this.tiles.size;
  }

  /** Marks the selected tile (`aria-current`), which keeps the tab stop. */
  mark(id: string | undefined): void {
    for (const [tid, tile] of this.tiles) {
      if (tid === id) tile.setAttribute('aria-current', 'true');
      else tile.removeAttribute('aria-current');
    }
    if (id !== undefined && this.tiles.has(id)) this.current = id;
    this.syncTabStop();
  }

  focus(id: string): void {
    this.tiles.get(id)?.focus();
  }

  private tile(image: GalleryImage): HTMLButtonElement {
    const s = this.strings;
    const picture = image.webviewUri
      ? el('img', {
          class: 'gallery-thumb',
          attrs: { alt: '', 'data-src': image.webviewUri, decoding: 'async', width: '96', height: '96' },
        })
      : // No words inside: a tile's visible text is its accessible name's; the details say why there is no preview.
        el('span', { class: 'gallery-thumb none', attrs: { 'aria-hidden': 'true' } });
    const tile = el(
      'button',
      {
        class: 'gallery-tile',
        attrs: { 'data-id': image.id, 'aria-label': tileLabel(image, s), title: image.name, tabindex: '-1' },
      },
      picture,
      el('span', { class: 'gallery-name', attrs: { 'aria-hidden': 'true' }, text: image.name }),
    );
    tile.type = 'button';
    if (picture instanceof HTMLImageElement) this.thumbs.observe(picture);
    return tile;
  }

  private load(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting || !(entry.target instanceof HTMLImageElement)) continue;
      const src = entry.target.dataset.src;
      if (src) entry.target.src = src;
      entry.target.removeAttribute('data-src');
      this.thumbs.unobserve(entry.target);
    }
  }

  private select(id: string): void {
    this.current = id;
    this.syncTabStop();
    this.onSelect(id);
  }

  private syncTabStop(): void {
    for (const [id, tile] of this.tiles) tile.tabIndex = id === this.current ? 0 : -1;
  }

  /** Tiles in a row: those whose top is the first tile's (the grid wraps with the panel's width). */
  private columns(order: readonly HTMLButtonElement[]): number {
    const top = order[0]?.getBoundingClientRect().top;
    let n = 0;
    while (n < order.length && order[n].getBoundingClientRect().top === top) n++;
    return Math.max(1, n);
  }

  private key(e: KeyboardEvent): void {
    const from = e.target instanceof HTMLButtonElement ? e.target.dataset.id : undefined;
    if (from === undefined) return;
    const order = [...this.tiles.values()];
    const at = order.findIndex((t) => t.dataset.id === from);
    const step: Record<string, () => number> = {
      ArrowRight: () => at + 1,
      ArrowLeft: () => at - 1,
      ArrowDown: () => at + this.columns(order),
      ArrowUp: () => at - this.columns(order),
      Home: () => 0,
      End: () => order.length - 1,
    };
    const to = step[e.key]?.();
    if (to === undefined) return;
    e.preventDefault();
    const target = order[Math.min(order.length - 1, Math.max(0, to))];
    if (!target?.dataset.id) return;
    this.current = target.dataset.id;
    this.syncTabStop();
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }
}
