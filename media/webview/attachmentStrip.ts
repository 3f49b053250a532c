// Thumbnails of the reference images, each with a remove button and, where the model takes
// one, a button to paint a mask on it.
import type { AttachmentView } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format } from './dom';

export class AttachmentStrip {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLParagraphElement;
  private items: AttachmentView[] = [];
  private masked: string | undefined;
  private maskable = true;

  constructor(
    private readonly strings: StudioStrings,
    private readonly onRemove: (id: string) => void,
    private readonly onMask: (item: AttachmentView) => void,
  ) {
    this.list = el('ul', { class: 'attachments', attrs: { 'aria-label': strings.referencesLabel } });
    this.empty = el('p', { class: 'hint', text: strings.noReferences });
    this.root = el('div', { class: 'attachment-strip' }, this.list, this.empty);
    this.list.addEventListener('click', (e) => {
      const target = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-id]') : null;
      const id = target?.dataset.id;
      if (!id) return;
      if (target.dataset.role === 'mask') {
        const item = this.items.find((a) => a.id === id);
        if (item) this.onMask(item);
      } else this.onRemove(id);
    });
  }

  ids(): string[] {
    return this.items.map((a) => a.id);
  }

  find(id: string): AttachmentView | undefined {
    return this.items.find((a) => a.id === id);
  }

  set(items: AttachmentView[]): void {
    this.items = items;
    this.render();
  }

  /** Marks which image carries the mask (at most one: the API applies it to one image). */
  setMasked(id: string | undefined): void {
    this.masked = id;
    this.render();
  }

  /** Whether the chosen model takes a mask; without one, the mask buttons go. */
  setMaskable(on: boolean): void {
    this.maskable = on;
    this.render();
  }

  /** Puts keyboard focus back on an image's mask button (after the mask dialog closes). */
  focusMask(id: string): void {
    this.list.querySelector<HTMLButtonElement>(`button[data-role="mask"][data-id="${CSS.escape(id)}"]`)?.focus();
  }

  private render(): void {
    const s = this.strings;
    this.list.replaceChildren(
      ...this.items.map((a) => {
        const hasMask = this.masked === a.id;
        const remove = button('×', {
          class: 'icon-button remove',
          attrs: {
            'data-id': a.id,
            'aria-label': format(s.removeAttachment, a.name),
            title: format(s.removeAttachment, a.name),
          },
        });
        const maskLabel = format(hasMask ? s.maskEditSet : s.maskEdit, a.name);
        const mask = this.maskable
          ? button(hasMask ? s.maskBadge : s.maskButton, {
              class: `mask-button${hasMask ? ' set' : ''}`,
              attrs: { 'data-id': a.id, 'data-role': 'mask', 'aria-label': maskLabel, title: maskLabel },
            })
          : null;
        return el(
          'li',
          { class: `attachment${hasMask ? ' has-mask' : ''}` },
          el('img', { attrs: { src: a.webviewUri, alt: a.name, title: a.name, decoding: 'async' } }),
          remove,
          mask,
        );
      }),
    );
    this.empty.hidden = this.items.length > 0;
    this.list.hidden = this.items.length === 0;
  }
}
