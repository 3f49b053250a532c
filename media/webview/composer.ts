// The prompt form: text, model, aspect ratio, size, reference images and the Send button.
import { LIMITS, type AttachmentView, type HostToWebview, type StudioStrings, type WebviewToHost } from '../../shared/protocol';
import { AttachmentStrip } from './attachmentStrip';
import { button, el, format, uid } from './dom';
import { markedPercent } from './maskBitmap';
import { MaskEditor, type PaintedMask } from './maskEditor';
import type { Draft, HostLink } from './vscodeApi';

type Init = Extract<HostToWebview, { type: 'init' }>;
type Generate = Extract<WebviewToHost, { type: 'generate' }>;

/** Not a possible model id (ids start with a letter or digit), so it can't collide. */
const CUSTOM = '__custom__';

function labelled(text: string, control: HTMLElement): HTMLElement {
  const id = uid('field');
  control.id = id;
  return el('div', { class: 'field' }, el('label', { attrs: { for: id }, text }), control);
}

function select(options: readonly { value: string; label: string }[]): HTMLSelectElement {
  const s = el('select');
  for (const o of options) s.append(el('option', { attrs: { value: o.value }, text: o.label }));
  return s;
}

export class Composer {
  readonly root: HTMLElement;
  readonly strip: AttachmentStrip;
  private readonly prompt: HTMLTextAreaElement;
  private readonly model: HTMLSelectElement;
  private readonly customModel: HTMLInputElement;
  private readonly customField: HTMLElement;
  private readonly aspect: HTMLSelectElement;
  private readonly size: HTMLSelectElement;
  private readonly sendButton: HTMLButtonElement;
  private busy = false;
  /** Between Send and the host's answer, so a double Enter can't start two jobs. */
  private pending = false;
  private last: Generate | undefined;
  private readonly aspectRatios: Init['aspectRatios'];
  private readonly imageSizes: Init['imageSizes'];
  /** Built on first use: most sessions never paint a mask. */
  private maskEditor: MaskEditor | undefined;
  private readonly locale: string;
  /** Tells screen readers when a mask is set or removed. */
  private readonly maskNews: HTMLElement;
  /** The painted mask and the reference image it belongs to. */
  private mask: (PaintedMask & { attachmentId: string; name: string }) | undefined;

  constructor(
    private readonly link: HostLink,
    private readonly strings: StudioStrings,
    init: Init,
  ) {
    this.aspectRatios = init.aspectRatios;
    this.imageSizes = init.imageSizes;
    const hintId = uid('hint');
    this.prompt = el('textarea', { class: 'prompt-input', attrs: { rows: '4', placeholder: strings.promptPlaceholder, 'aria-describedby': hintId, maxlength: String(LIMITS.prompt) } });
    this.model = select([...init.models.map((m) => ({ value: m.id, label: m.label })), { value: CUSTOM, label: strings.customModel }]);
    this.customModel = el('input', { attrs: { type: 'text', spellcheck: 'false', autocomplete: 'off', maxlength: String(LIMITS.model) } });
    this.aspect = select(init.aspectRatios.map((a) => ({ value: a, label: a || strings.auto })));
    this.size = select(init.imageSizes.map((s) => ({ value: s, label: s || strings.auto })));
    this.strip = new AttachmentStrip(
      strings,
      (id) => link.post({ type: 'removeAttachment', id }),
      (item) => void this.editMask(item),
    );
    this.locale = init.locale;
    this.maskNews = el('p', { class: 'visually-hidden', attrs: { role: 'status' } });
    this.sendButton = button(strings.send, { class: 'primary' });
    const addButton = button(strings.addImages, { class: 'secondary' });
    this.customField = labelled(strings.customModelLabel, this.customModel);

    const promptField = labelled(strings.promptLabel, this.prompt);
    promptField.append(el('p', { class: 'hint', attrs: { id: hintId }, text: strings.promptHint }));
    this.root = el(
      'section',
      { class: 'composer', attrs: { 'aria-label': strings.title } },
      promptField,
      el('div', { class: 'options' }, labelled(strings.modelLabel, this.model), this.customField, labelled(strings.aspectRatioLabel, this.aspect), labelled(strings.imageSizeLabel, this.size)),
      el('div', { class: 'references', attrs: { role: 'group', 'aria-label': strings.referencesLabel } }, this.strip.root, el('div', { class: 'row' }, addButton, el('p', { class: 'hint drop-hint', text: strings.dropHint }))),
      el('div', { class: 'row actions' }, this.sendButton),
      this.maskNews,
    );

    this.restore(link.draft(), init);
    this.strip.set(init.attachments);
    this.prompt.addEventListener('keydown', (e) => {
      // isComposing: Enter that confirms an IME candidate (Chinese input) must not send.
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        this.send();
      }
    });
    this.sendButton.addEventListener('click', () => this.send());
    addButton.addEventListener('click', () => link.post({ type: 'pickImages' }));
    this.model.addEventListener('change', () => this.syncCustom());
    for (const c of [this.prompt, this.model, this.customModel, this.aspect, this.size]) c.addEventListener('input', () => this.saveDraft());
  }

  setAttachments(items: AttachmentView[]): void {
    this.strip.set(items);
    // The image left (removed, or the job that used it is done): its mask goes with it.
    if (this.mask && !items.some((a) => a.id === this.mask?.attachmentId)) this.setMask(undefined);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.pending = false;
    this.sendButton.disabled = busy;
  }

  /** The host answered (an error, say) without starting a job. */
  settle(): void {
    if (!this.busy) this.setBusy(false);
  }

  fill(values: { prompt: string; model: string; aspectRatio?: string; imageSize?: string }): void {
    this.prompt.value = values.prompt;
    this.setModel(values.model);
    this.aspect.value = values.aspectRatio ?? '';
    this.size.value = values.imageSize ?? '';
    this.saveDraft();
    this.focusPrompt();
  }

  focusPrompt(): void {
    this.prompt.focus();
    this.prompt.select();
  }

  /** Sends the last request again (the error banner's Retry). */
  retry(): void {
    if (this.last && !this.busy && !this.pending) this.post(this.last);
  }

  private send(): void {
    if (this.busy || this.pending) return;
    const prompt = this.prompt.value.trim();
    const model = this.modelId();
    this.prompt.setAttribute('aria-invalid', String(prompt === ''));
    if (prompt === '') return this.prompt.focus();
    if (model === '') return this.customModel.focus();
    this.post({
      type: 'generate',
      prompt,
      model,
      aspectRatio: this.aspectRatios.find((a) => a === this.aspect.value) ?? '',
      imageSize: this.imageSizes.find((s) => s === this.size.value) ?? '',
      ...this.references(),
    });
  }

  /** The attachments, the masked one first: the APIs apply a mask to the first image. */
  private references(): Pick<Generate, 'attachmentIds' | 'maskBase64'> {
    const ids = this.strip.ids();
    const masked = this.mask?.attachmentId;
    if (!this.mask || !masked || !ids.includes(masked)) return { attachmentIds: ids };
    return { attachmentIds: [masked, ...ids.filter((id) => id !== masked)], maskBase64: this.mask.base64 };
  }

  private async editMask(item: AttachmentView): Promise<void> {
    if (!this.maskEditor) {
      this.maskEditor = new MaskEditor(this.strings, this.locale);
      this.root.append(this.maskEditor.root);
    }
    if (this.maskEditor.isOpen()) return;
    const outcome = await this.maskEditor.open(item, this.mask?.attachmentId === item.id ? this.mask.bitmap : undefined);
    if (outcome === null && this.mask?.attachmentId === item.id) this.setMask(undefined);
    else if (outcome && this.strip.find(item.id)) this.setMask({ ...outcome, attachmentId: item.id, name: item.name });
    this.strip.focusMask(item.id);
  }

  /** One mask at a time: a mask painted on another image replaces it. */
  private setMask(mask: Composer['mask']): void {
    const before = this.mask;
    this.mask = mask;
    this.strip.setMasked(mask?.attachmentId);
    if (mask) this.maskNews.textContent = format(this.strings.maskSetOn, mask.name, markedPercent(mask.bitmap).toLocaleString(this.locale));
    else if (before) this.maskNews.textContent = format(this.strings.maskRemovedFrom, before.name);
  }

  private post(message: Generate): void {
    this.last = message;
    this.pending = true;
    this.sendButton.disabled = true;
    this.link.post(message);
  }

  private modelId(): string {
    return (this.model.value === CUSTOM ? this.customModel.value : this.model.value).trim();
  }

  private setModel(id: string): void {
    const known = Array.from(this.model.options).some((o) => o.value === id && id !== CUSTOM);
    this.model.value = known ? id : CUSTOM;
    this.customModel.value = known ? '' : id;
    this.syncCustom();
  }

  private syncCustom(): void {
    this.customField.hidden = this.model.value !== CUSTOM;
  }

  private restore(draft: Partial<Draft>, init: Init): void {
    this.prompt.value = draft.prompt ?? '';
    this.setModel(draft.model || init.defaults.model);
    this.aspect.value = draft.aspectRatio ?? init.defaults.aspectRatio ?? '';
    this.size.value = draft.imageSize ?? init.defaults.imageSize ?? '';
    // A default the list doesn't offer leaves the select blank; fall back to Auto.
    if (this.aspect.selectedIndex < 0) this.aspect.value = '';
    if (this.size.selectedIndex < 0) this.size.value = '';
  }

  private saveDraft(): void {
    this.link.saveDraft({ prompt: this.prompt.value, model: this.modelId(), aspectRatio: this.aspect.value, imageSize: this.size.value });
  }
}
