// The one painted mask of the composer: which reference image it belongs to, the dialog that
// paints it, what screen readers hear, and how it travels (that image first, the PNG beside).
import type { AttachmentView, WebviewToHost } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import type { AttachmentStrip } from './attachmentStrip';
import { el, format } from './dom';
import { markedPercent } from './maskBitmap';
import { MaskEditor, type PaintedMask } from './maskEditor';

type Generate = Extract<WebviewToHost, { type: 'generate' }>;

export class ReferenceMask {
  /** Tells screen readers when a mask is set or removed. */
  readonly news: HTMLElement;
  /** Built on first use: most sessions never paint a mask. */
  private editor: MaskEditor | undefined;
  private mask: (PaintedMask & { attachmentId: string; name: string }) | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly locale: string,
    private readonly strip: AttachmentStrip,
    /** Where the dialog goes in the page. */
    private readonly home: HTMLElement,
  ) {
    this.news = el('p', { class: 'visually-hidden', attrs: { role: 'status' } });
  }

  async edit(item: AttachmentView): Promise<void> {
    if (!this.editor) {
      this.editor = new MaskEditor(this.strings, this.locale);
      this.home.append(this.editor.root);
    }
    if (this.editor.isOpen()) return;
    const outcome = await this.editor.open(item, this.mask?.attachmentId === item.id ? this.mask.bitmap : undefined);
    if (outcome === null && this.mask?.attachmentId === item.id) this.set(undefined);
    else if (outcome && this.strip.find(item.id)) this.set({ ...outcome, attachmentId: item.id, name: item.name });
    this.strip.focusMask(item.id);
  }

  /** The image left (removed, or the job that used it is done): its mask goes with it. */
  attachmentsChanged(items: readonly AttachmentView[]): void {
    if (this.mask && !items.some((a) => a.id === this.mask?.attachmentId)) this.set(undefined);
  }

  /** The attachments, the masked one first (the APIs apply a mask to the first image) when a mask goes along. */
  references(ids: string[], maskTaken: boolean): Pick<Generate, 'attachmentIds' | 'maskBase64'> {
    const m = this.mask;
    if (!m || !maskTaken || !ids.includes(m.attachmentId)) return { attachmentIds: ids };
    return { attachmentIds: [m.attachmentId, ...ids.filter((id) => id !== m.attachmentId)], maskBase64: m.base64 };
  }

  /** One mask at a time: a mask painted on another image replaces it. */
  private set(mask: ReferenceMask['mask']): void {
    const before = this.mask;
    this.mask = mask;
    this.strip.setMasked(mask?.attachmentId);
    if (mask)
      this.news.textContent = format(
        this.strings.maskSetOn,
        mask.name,
        markedPercent(mask.bitmap).toLocaleString(this.locale),
      );
    else if (before) this.news.textContent = format(this.strings.maskRemovedFrom, before.name);
  }
}
