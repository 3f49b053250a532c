// A running job's partial images (Responses API): one picture per variation, each preview
// replacing the one before (they get sharper); the result card replaces them all. Only image
// data URLs of the types the host checks are shown; anything else is ignored.
import type { StudioStrings } from '../../shared/studioStrings';
import { el, format } from './dom';

const IMAGE_DATA_URL = /^data:image\/(?:png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

export function isImageDataUrl(value: string): boolean {
  return IMAGE_DATA_URL.test(value);
}

export class JobPreviews {
  readonly root: HTMLElement;
  private readonly shown = new Map<number, { img: HTMLImageElement; index: number }>();

  constructor(private readonly strings: StudioStrings) {
    this.root = el('div', { class: 'job-previews' });
    this.root.hidden = true;
  }

  show(variation: number, index: number, dataUrl: string): void {
    if (!isImageDataUrl(dataUrl)) return;
    const current = this.shown.get(variation);
    // A late, blurrier preview must not replace a sharper one.
    if (current && current.index >= index) return;
    const img = current?.img ?? el('img', { class: 'job-preview', attrs: { decoding: 'async' } });
    img.src = dataUrl;
    img.dataset.index = String(index);
    img.dataset.variation = String(variation);
    if (!current) {
      const after = [...this.shown.entries()].filter(([v]) => v > variation).sort(([a], [b]) => a - b)[0];
      this.root.insertBefore(img, after ? after[1].img : null);
    }
    this.shown.set(variation, { img, index });
    this.root.hidden = false;
    this.relabel();
  }

  clear(): void {
    this.shown.clear();
    this.root.replaceChildren();
    this.root.hidden = true;
  }

  /** "Preview 2 of the image being drawn", with the variation when there are several. */
  private relabel(): void {
    const several = this.shown.size > 1;
    for (const [variation, { img, index }] of this.shown) {
      const alt = format(this.strings.previewAlt, index + 1);
      img.alt = several ? `${format(this.strings.variationLabel, variation + 1)}: ${alt}` : alt;
    }
  }
}
