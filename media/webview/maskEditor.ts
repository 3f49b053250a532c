// A modal dialog for painting a mask over one reference image: brush with a size slider,
// erase, undo, clear. Works by pointer and by keyboard (arrows move a brush cursor, Space
// paints), and says in a live region how much of the image is marked.
import { MAX_DECODE_PIXELS } from '../../shared/imageVocabulary';
import { LIMITS, type AttachmentView } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format, uid } from './dom';
import { MaskBitmap, markedPercent, type Point, type Rect } from './maskBitmap';
import { readBase64 } from './imageInput';
import { maskPng, overlayPixels } from './maskPng';

export interface PaintedMask {
  bitmap: MaskBitmap;
  /** The PNG the host receives. */
  base64: string;
}

/** What the dialog ends with: the mask to use, `null` to remove it, `undefined` to keep what was there. */
export type MaskOutcome = PaintedMask | null | undefined;

/** Base64 characters of the largest mask the host accepts. */
const MAX_BASE64 = Math.ceil(LIMITS.pasteBytes / 3) * 4;

/** An image's pixel size once loaded, before anything draws (decodes) it; undefined if it does not load. */
function headerSize(url: string): Promise<{ width: number; height: number } | undefined> {
  return new Promise((resolve) => {
    const probe = new Image();
    probe.onload = () => resolve({ width: probe.naturalWidth, height: probe.naturalHeight });
    probe.onerror = () => resolve(undefined);
    probe.src = url;
  });
}

export class MaskEditor {
  readonly root: HTMLDialogElement;
  private readonly heading: HTMLElement;
  private readonly stage: HTMLElement;
  private readonly image: HTMLImageElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly cursor: HTMLElement;
  private readonly size: HTMLInputElement;
  private readonly sizeText: HTMLOutputElement;
  private readonly eraseButton: HTMLButtonElement;
  private readonly undoButton: HTMLButtonElement;
  private readonly clearButton: HTMLButtonElement;
  private readonly applyButton: HTMLButtonElement;
  private readonly removeButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly position: HTMLElement;
  private bitmap: MaskBitmap | undefined;
  private brush: Point = { x: 0, y: 0 };
  private erase = false;
  /** A stroke is being drawn (pointer held down, or Space held). */
  private drawing = false;
  private finish: ((outcome: MaskOutcome) => void) | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly locale: string,
  ) {
    const s = strings;
    const headingId = uid('mask-title');
    const keysId = uid('mask-keys');
    const sizeId = uid('brush');
    this.heading = el('h2', { attrs: { id: headingId } });
    this.image = el('img', { class: 'mask-image', attrs: { alt: '' } });
    this.canvas = el('canvas', {
      class: 'mask-canvas',
      attrs: {
        tabindex: '0',
        role: 'application',
        'aria-roledescription': s.maskCanvasRole,
        'aria-label': s.maskCanvasLabel,
        'aria-describedby': keysId,
      },
    });
    this.cursor = el('div', { class: 'brush-cursor', attrs: { 'aria-hidden': 'true' } });
    this.stage = el('div', { class: 'mask-stage' }, this.image, this.canvas, this.cursor);
    this.size = el('input', { attrs: { id: sizeId, type: 'range', min: '1', step: '1' } });
    this.sizeText = el('output', { attrs: { for: sizeId } });
    this.eraseButton = button(s.maskErase, { class: 'secondary', attrs: { 'aria-pressed': 'false' } });
    this.undoButton = button(s.maskUndo, { class: 'secondary' });
    this.clearButton = button(s.maskClear, { class: 'secondary' });
    this.applyButton = button(s.maskApply, { class: 'primary' });
    this.removeButton = button(s.maskRemove, { class: 'secondary' });
    const cancel = button(s.cancel, { class: 'secondary' });
    this.status = el('p', { class: 'mask-status', attrs: { 'aria-live': 'polite' } });
    this.position = el('p', { class: 'visually-hidden', attrs: { 'aria-live': 'polite' } });
    this.root = el(
      'dialog',
      { class: 'mask-editor', attrs: { 'aria-labelledby': headingId } },
      this.heading,
      el('p', { class: 'hint', text: s.maskHint }),
      this.stage,
      el(
        'div',
        { class: 'row mask-tools' },
        el('label', { class: 'brush-size', attrs: { for: sizeId }, text: s.brushSize }),
        this.size,
        this.sizeText,
        this.eraseButton,
        this.undoButton,
        this.clearButton,
      ),
      this.status,
      this.position,
      el('p', { class: 'hint', attrs: { id: keysId }, text: s.maskKeys }),
      el('div', { class: 'row actions' }, this.applyButton, this.removeButton, cancel),
    );

    this.size.addEventListener('input', () => this.syncSize());
    this.eraseButton.addEventListener('click', () => this.setErase(!this.erase));
    this.undoButton.addEventListener('click', () => this.undo());
    this.clearButton.addEventListener('click', () => {
      this.bitmap?.clear();
      this.redraw();
    });
    this.applyButton.addEventListener('click', () => void this.apply());
    this.removeButton.addEventListener('click', () => this.close(null));
    cancel.addEventListener('click', () => this.close(undefined));
    // Escape closes the dialog (a `cancel` event) and must not also cancel a running generation.
    this.root.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.close(undefined);
    });
    this.root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') e.stopPropagation();
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        this.undo();
      }
    });
    this.listenToPointer();
    this.listenToKeys();
    window.addEventListener('resize', () => {
      if (this.root.open && this.bitmap) this.fit();
    });
  }

  isOpen(): boolean {
    return this.root.open;
  }

  /** Opens on `attachment`, continuing `existing` when there is one; resolves when the dialog closes. */
  async open(attachment: AttachmentView, existing: MaskBitmap | undefined): Promise<MaskOutcome> {
    this.heading.textContent = format(this.strings.maskTitle, attachment.name);
    this.bitmap = undefined;
    this.setErase(false);
    this.removeButton.hidden = !existing;
    this.status.textContent = '';
    // Busy until the image is decoded and the canvas sized: keys pressed before then paint nothing.
    this.root.setAttribute('aria-busy', 'true');
    this.root.showModal();
    const done = new Promise<MaskOutcome>((resolve) => (this.finish = resolve));
    // The header's size first: a mask is as many bytes as the image has pixels, and decoding
    // a file that announces 60000 × 60000 would take gigabytes.
    const announced = await headerSize(attachment.webviewUri);
    if (announced && announced.width * announced.height > MAX_DECODE_PIXELS) {
      this.status.textContent = format(
        this.strings.maskTooManyPixels,
        announced.width,
        announced.height,
        MAX_DECODE_PIXELS / 1_000_000,
      );
      this.setEnabled(false);
      return done;
    }
    this.image.src = attachment.webviewUri;
    try {
      if (!announced) throw new Error('not loaded');
      await this.image.decode();
    } catch {
      this.status.textContent = this.strings.maskLoadFailed;
      this.setEnabled(false);
      return done;
    }
    if (!this.root.open) return done;
    const { naturalWidth: w, naturalHeight: h } = this.image;
    this.bitmap = existing && existing.width === w && existing.height === h ? existing.clone() : new MaskBitmap(w, h);
    this.canvas.width = w;
    this.canvas.height = h;
    const longest = Math.max(w, h);
    this.size.max = String(Math.max(2, Math.round(longest / 4)));
    this.size.value = String(Math.max(1, Math.round(longest / 12)));
    this.brush = { x: w / 2, y: h / 2 };
    this.fit();
    this.setEnabled(true);
    this.syncSize();
    this.redraw();
    this.canvas.focus();
    return done;
  }

  /** Encodes the mask; an empty one removes the mask, one too large to send keeps the dialog open. */
  private async apply(): Promise<void> {
    const bitmap = this.bitmap;
    if (!bitmap || bitmap.isEmpty()) return this.close(null);
    this.applyButton.disabled = true;
    try {
      const base64 = await readBase64(await maskPng(bitmap));
      if (base64.length > MAX_BASE64) {
        this.status.textContent = format(this.strings.maskTooLarge, LIMITS.pasteBytes / (1024 * 1024));
        return;
      }
      this.close({ bitmap, base64 });
    } finally {
      this.applyButton.disabled = false;
    }
  }

  private close(outcome: MaskOutcome): void {
    this.drawing = false;
    this.root.removeAttribute('aria-busy');
    if (this.root.open) this.root.close();
    this.image.removeAttribute('src');
    const finish = this.finish;
    this.finish = undefined;
    finish?.(outcome);
  }

  /** Shows the image as large as the window allows (small ones scaled up, so they can be painted on). */
  private fit(): void {
    const { naturalWidth: w, naturalHeight: h } = this.image;
    if (!w || !h) return;
    const room = { width: Math.min(window.innerWidth * 0.92 - 48, 860), height: window.innerHeight * 0.6 };
    const scale = Math.min(Math.max(1, 384 / Math.max(w, h)), room.width / w, room.height / h);
    this.image.style.width = `${Math.max(1, Math.floor(w * scale))}px`;
    this.image.style.height = `${Math.max(1, Math.floor(h * scale))}px`;
  }

  private setEnabled(on: boolean): void {
    this.root.removeAttribute('aria-busy');
    for (const c of [this.size, this.eraseButton, this.undoButton, this.clearButton, this.applyButton])
      c.disabled = !on;
    this.canvas.hidden = !on;
  }

  private radius(): number {
    return Number(this.size.value) / 2;
  }

  private syncSize(): void {
    this.sizeText.textContent = format(this.strings.brushSizeValue, this.size.value);
    this.size.setAttribute('aria-valuetext', this.sizeText.textContent);
    this.placeCursor();
  }

  private setErase(on: boolean): void {
    this.erase = on;
    this.eraseButton.setAttribute('aria-pressed', String(on));
    this.stage.classList.toggle('erasing', on);
  }

  private undo(): void {
    if (!this.bitmap?.canUndo()) return;
    this.drawing = false;
    this.bitmap.undo();
    this.redraw();
  }

  /** Image pixels under a pointer event. */
  private toImage(e: PointerEvent): Point {
    const box = this.canvas.getBoundingClientRect();
    const b = this.bitmap;
    if (!b || box.width === 0 || box.height === 0) return { x: 0, y: 0 };
    return { x: ((e.clientX - box.left) / box.width) * b.width, y: ((e.clientY - box.top) / box.height) * b.height };
  }

  private listenToPointer(): void {
    this.canvas.addEventListener('pointerdown', (e) => {
      if (!this.bitmap || e.button !== 0) return;
      this.canvas.setPointerCapture(e.pointerId);
      this.brush = this.toImage(e);
      this.drawing = true;
      this.paint(this.bitmap.begin(this.brush, this.radius(), this.erase));
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (!this.bitmap) return;
      this.brush = this.toImage(e);
      this.placeCursor();
      if (this.drawing) this.paint(this.bitmap.extend(this.brush));
    });
    const end = (): void => {
      if (!this.drawing) return;
      this.drawing = false;
      this.announce();
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  private listenToKeys(): void {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    this.canvas.addEventListener('keydown', (e) => {
      const b = this.bitmap;
      if (!b) return;
      const move = moves[e.key];
      if (move) {
        e.preventDefault();
        const step = e.shiftKey ? 1 : Math.max(1, Math.round(this.radius()));
        this.brush = {
          x: Math.min(b.width - 0.5, Math.max(0.5, this.brush.x + move[0] * step)),
          y: Math.min(b.height - 0.5, Math.max(0.5, this.brush.y + move[1] * step)),
        };
        this.placeCursor();
        if (this.drawing) this.paint(b.extend(this.brush));
        this.position.textContent = format(this.strings.maskCursor, Math.floor(this.brush.x), Math.floor(this.brush.y));
      } else if (e.key === ' ') {
        e.preventDefault();
        if (e.repeat || this.drawing) return;
        this.drawing = true;
        this.paint(b.begin(this.brush, this.radius(), this.erase));
      } else if (e.key.toLowerCase() === 'e' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        this.setErase(!this.erase);
      }
    });
    this.canvas.addEventListener('keyup', (e) => {
      if (e.key !== ' ' || !this.drawing) return;
      this.drawing = false;
      this.announce();
    });
    this.canvas.addEventListener('blur', () => {
      if (this.drawing) {
        this.drawing = false;
        this.announce();
      }
    });
  }

  private paint(r: Rect | undefined): void {
    const ctx = this.canvas.getContext('2d');
    if (!r || !ctx || !this.bitmap || r.width === 0 || r.height === 0) return;
    const pixels = ctx.createImageData(r.width, r.height);
    overlayPixels(this.bitmap, r, pixels);
    ctx.putImageData(pixels, r.x, r.y);
    this.undoButton.disabled = false;
  }

  private redraw(): void {
    const b = this.bitmap;
    if (!b) return;
    this.paint({ x: 0, y: 0, width: b.width, height: b.height });
    this.undoButton.disabled = !b.canUndo();
    this.announce();
  }

  private announce(): void {
    const b = this.bitmap;
    if (!b) return;
    const empty = b.isEmpty();
    this.status.textContent = empty
      ? this.strings.maskEmpty
      : format(this.strings.maskCoverage, markedPercent(b).toLocaleString(this.locale));
    this.clearButton.disabled = empty;
    this.undoButton.disabled = !b.canUndo();
  }

  /** The ring that shows where (and how big) the brush is, in % of the stage so zoom does not matter. */
  private placeCursor(): void {
    const b = this.bitmap;
    if (!b) return;
    const d = 2 * this.radius();
    // CSSOM, not a style attribute: allowed under the CSP.
    this.cursor.style.left = `${((this.brush.x - d / 2) / b.width) * 100}%`;
    this.cursor.style.top = `${((this.brush.y - d / 2) / b.height) * 100}%`;
    this.cursor.style.width = `${(d / b.width) * 100}%`;
    this.cursor.style.height = `${(d / b.height) * 100}%`;
  }
}
