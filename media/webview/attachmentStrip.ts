// Thumbnails of the reference images, each with a remove button.
import type { AttachmentView, StudioStrings } from '../../shared/protocol';
import { button, el, format } from './dom';

export class AttachmentStrip {
  readonly root: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly empty: HTMLParagraphElement;
  private items: AttachmentView[] = [];

  constructor(
    private readonly strings: StudioStrings,
    private readonly onRemove: (id: string) => void,
  ) {
    this.list = el('ul', { class: 'attachments', attrs: { 'aria-label': strings.referencesLabel } });
    this.empty = el('p', { class: 'hint', text: strings.noReferences });
    this.root = el('div', { class: 'attachment-strip' }, this.list, this.empty);
    this.list.addEventListener('click', (e) => {
      const target = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button[data-id]') : null;
      if (target?.dataset.id) this.onRemove(target.dataset.id);
    });
  }

  ids(): string[] {
    return this.items.map((a) => a.id);
  }

  set(items: AttachmentView[]): void {
    this.items = items;
    this.list.replaceChildren(
      ...items.map((a) => {
        const remove = button('×', { class: 'icon-button remove', attrs: { 'data-id': a.id, 'aria-label': format(this.strings.removeAttachment, a.name), title: format(this.strings.removeAttachment, a.name) } });
        return el('li', { class: 'attachment' }, el('img', { attrs: { src: a.webviewUri, alt: a.name, title: a.name, decoding: 'async' } }), remove);
      }),
    );
    this.empty.hidden = items.length > 0;
    this.list.hidden = items.length === 0;
  }
}
