// The gallery of the workspace's images: closed until the user opens it (it asks the host for its
// first page then, and again each time it is opened, so it shows what the workspace holds now), a
// search box, the tiles (galleryGrid.ts), a page more as the grid scrolls to its end, and the
// selected image's facts and actions. Every name, folder, prompt and model is file-borne text:
// set as text nodes and attribute values only.
import type { GalleryAction, GalleryImage, HostToWebview, WebviewToHost } from '../../shared/protocol';
import { LIMITS } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format, uid } from './dom';
import { GalleryGrid, pixelsText, usesText } from './galleryGrid';

type GalleryMessage = Extract<HostToWebview, { type: 'gallery' }>;
type GalleryRequest = Extract<WebviewToHost, { type: 'gallery' | 'galleryAction' }>;

/** Typing in the search box asks once it pauses. */
const SEARCH_PAUSE_MS = 250;

export class Gallery {
  readonly root: HTMLDetailsElement;
  private readonly search: HTMLInputElement;
  private readonly status: HTMLParagraphElement;
  private readonly grid: GalleryGrid;
  private readonly details: HTMLElement;
  private readonly more: HTMLButtonElement;
  private readonly images = new Map<string, GalleryImage>();
  /** The search the shown page answers; an answer to another (older) search is dropped. */
  private asked = '';
  private total = 0;
  private loading = false;
  private selected: string | undefined;
  /** The image selected when the gallery listed again: selected again in the new listing (its id is new). */
  private reselect: { name: string; folder: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly post: (m: GalleryRequest) => void,
  ) {
    const s = strings;
    const searchId = uid('gallery-search');
    const keysId = uid('gallery-keys');
    this.search = el('input', {
      attrs: {
        id: searchId,
        type: 'search',
        placeholder: s.gallerySearchPlaceholder,
        maxlength: String(LIMITS.gallerySearch),
        autocomplete: 'off',
        spellcheck: 'false',
      },
    });
    this.status = el('p', { class: 'hint gallery-status', attrs: { role: 'status' } });
    this.grid = new GalleryGrid(
      s,
      (id) => this.select(id),
      () => this.ask(this.grid.size),
    );
    this.grid.root.setAttribute('aria-describedby', keysId);
    this.details = el('div', { class: 'gallery-details' });
    this.details.hidden = true;
    this.more = button(s.galleryMore, { class: 'secondary load-more' });
    this.more.hidden = true;
    this.root = el(
      'details',
      { class: 'gallery' },
      el('summary', { text: s.galleryTitle }),
      el(
        'div',
        { class: 'field gallery-search' },
        el('label', { attrs: { for: searchId }, text: s.gallerySearch }),
        this.search,
      ),
      el('p', { class: 'hint', attrs: { id: keysId }, text: s.galleryKeys }),
      this.status,
      this.grid.root,
      this.more,
      this.details,
    );
    this.root.addEventListener('toggle', () => {
      if (this.root.open) this.ask(0);
    });
    this.search.addEventListener('input', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.ask(0), SEARCH_PAUSE_MS);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (this.timer) clearTimeout(this.timer);
        this.ask(0);
      }
    });
    // Scrolling the grid to its end asks for the next page by itself; the button stays for keyboards.
    this.more.addEventListener('click', () => this.ask(this.grid.size));
    this.details.addEventListener('click', (e) => {
      const b = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-gallery-action]') : null;
      const action = b?.dataset.galleryAction as GalleryAction | undefined;
      if (b && !b.disabled && action && this.selected) this.post({ type: 'galleryAction', action, id: this.selected });
    });
  }

  /**
   * A job has saved images: an open gallery lists again, so they show without a new search (the
   * selected image stays selected when it is still listed).
   */
  refresh(): void {
    if (!this.root.open) return;
    const image = this.selected === undefined ? undefined : this.images.get(this.selected);
    this.reselect = image && { name: image.name, folder: image.folder };
    this.ask(0);
  }

  /** A page from the host. */
  set(m: GalleryMessage): void {
    if (m.search !== this.asked) return;
    this.loading = false;
    if (m.offset === 0) {
      this.images.clear();
      this.selected = undefined;
      this.details.hidden = true;
    } else if (m.offset !== this.grid.size) return;
    for (const image of m.images) this.images.set(image.id, image);
    this.total = m.total;
    this.grid.show(m.images, m.offset === 0);
    this.sync();
    const again = m.offset === 0 ? this.reselect : undefined;
    this.reselect = undefined;
    const same = again && m.images.find((i) => i.name === again.name && i.folder === again.folder);
    if (same) this.select(same.id);
  }

  private ask(offset: number): void {
    if (!this.root.open) return;
    if (offset > 0 && (this.loading || offset >= this.total)) return;
    this.asked = this.search.value.slice(0, LIMITS.gallerySearch);
    this.loading = true;
    if (offset === 0) this.status.textContent = this.strings.galleryLoading;
    this.post({ type: 'gallery', search: this.asked, offset });
  }

  private sync(): void {
    const s = this.strings;
    const searching = this.asked.trim() !== '';
    this.status.textContent =
      this.total === 0
        ? searching
          ? s.galleryNoMatch
          : s.galleryEmpty
        : format(searching ? s.galleryMatches : s.galleryCount, this.total);
    this.grid.root.hidden = this.total === 0;
    this.more.hidden = this.grid.size >= this.total;
  }

  private select(id: string): void {
    const image = this.images.get(id);
    if (!image) return;
    this.selected = id;
    this.grid.mark(id);
    const s = this.strings;
    const action = (name: GalleryAction, label: string, enabled = true): HTMLButtonElement => {
      const b = button(label, { class: 'secondary', attrs: { 'data-gallery-action': name } });
      b.disabled = !enabled;
      return b;
    };
    const parts: (HTMLElement | null)[] = [
      el('p', { class: 'gallery-title', text: image.name }),
      el('p', {
        class: 'meta',
        text: [
          image.folder ? format(s.galleryFolder, image.folder) : s.galleryRootFolder,
          pixelsText(image, s),
          image.size,
          usesText(image, s),
        ].join(' · '),
      }),
      image.prompt ? el('p', { class: 'gallery-prompt', text: format(s.galleryPrompt, image.prompt) }) : null,
      image.model ? el('p', { class: 'meta', text: format(s.galleryModel, image.model) }) : null,
      image.webviewUri ? null : el('p', { class: 'meta', text: s.galleryNoThumbnail }),
      el(
        'div',
        { class: 'row card-actions', attrs: { role: 'group', 'aria-label': format(s.galleryActions, image.name) } },
        action('attach', s.galleryAttach, image.attachable),
        action('insert', s.insert),
        action('copyMarkdown', s.copyMarkdown),
        action('open', s.open),
        // Only a file that says how it was made can be made again (the host checks its provenance).
        image.prompt ? action('reusePrompt', s.galleryReuse) : null,
      ),
    ];
    this.details.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
    this.details.hidden = false;
  }
}
