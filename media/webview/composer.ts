// The prompt form: text, model, the options that model takes, reference images (with a mask)
// and the Send button.
import {
  MODEL_ID_MAX_CHARS,
  PROMPT_MAX_CHARS,
  type ApiKind,
  type ModelOptionsView,
} from '../../shared/imageVocabulary';
import type { AttachmentView, HostToWebview, ModelChoice, WebviewToHost } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { AttachmentStrip } from './attachmentStrip';
import { button, el, uid } from './dom';
import { OptionControls, type OptionDraft } from './optionControls';
import { ReferenceMask } from './referenceMask';
import { StyleBar } from './styleBar';
import type { Draft, HostLink } from './vscodeApi';

type Init = Extract<HostToWebview, { type: 'init' }>;
type Generate = Extract<WebviewToHost, { type: 'generate' }>;
type Fill = Extract<HostToWebview, { type: 'fill' }>;

/** Option values (the settings', or an image's recorded request) as the controls hold them. */
function draftOf(o: Fill['options']): Partial<OptionDraft> {
  return {
    api: o.api,
    variations: o.variations === undefined ? undefined : String(o.variations),
    size: o.size,
    quality: o.quality,
    transparent: o.background === 'transparent' ? 'true' : undefined,
    outputFormat: o.outputFormat,
    negativePrompt: o.negativePrompt,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Not a possible model id (ids start with a letter or digit), so it can't collide. */
const CUSTOM = '__custom__';
/** A typed model id is described once the typing pauses. */
const TYPING_MS = 400;
/** Changes in quick succession (a restore sets every control) ask for one estimate. */
const ESTIMATE_MS = 60;

function labelled(text: string, control: HTMLElement): HTMLElement {
  const id = uid('field');
  control.id = id;
  return el('div', { class: 'field' }, el('label', { attrs: { for: id }, text }), control);
}

/** The catalog's models grouped by the API that serves them, then "Other model id…". */
function modelSelect(models: readonly ModelChoice[], s: StudioStrings): HTMLSelectElement {
  const select = el('select');
  fillModels(select, models, s);
  return select;
}

function fillModels(select: HTMLSelectElement, models: readonly ModelChoice[], s: StudioStrings): void {
  select.replaceChildren();
  const groups: [string, ModelChoice[]][] = [
    [s.apiChat, models.filter((m) => m.api === 'chat')],
    [s.apiImages, models.filter((m) => m.api === 'images')],
    [s.apiResponses, models.filter((m) => m.api === 'responses')],
  ];
  const option = (m: ModelChoice): HTMLOptionElement => el('option', { attrs: { value: m.id }, text: m.label });
  for (const m of models.filter((x) => !x.api)) select.append(option(m));
  for (const [label, list] of groups)
    if (list.length) select.append(el('optgroup', { attrs: { label } }, ...list.map(option)));
  select.append(el('option', { attrs: { value: CUSTOM }, text: s.customModel }));
}

export class Composer {
  readonly root: HTMLElement;
  readonly strip: AttachmentStrip;
  private readonly prompt: HTMLTextAreaElement;
  private readonly model: HTMLSelectElement;
  private readonly customModel: HTMLInputElement;
  private readonly customField: HTMLElement;
  private readonly options: OptionControls;
  private readonly mask: ReferenceMask;
  private readonly sendButton: HTMLButtonElement;
  /** "≈ ¥0.12 · 3 images" beside Send, as the host estimates the job Send would start. */
  private readonly estimateLine: HTMLElement;
  private estimateSeq = 0;
  private estimateTimer: number | undefined;
  readonly style: StyleBar;
  private busy = false;
  /** Between Send and the host's answer, so a double Enter can't start two jobs. */
  private pending = false;
  private last: Generate | undefined;
  /** The last `describeModel` posted, so the same question is not asked twice. */
  private asked = '';
  private typingTimer: number | undefined;

  constructor(
    private readonly link: HostLink,
    strings: StudioStrings,
    init: Init,
  ) {
    const hintId = uid('hint');
    this.prompt = el('textarea', {
      class: 'prompt-input',
      attrs: {
        rows: '4',
        placeholder: strings.promptPlaceholder,
        'aria-describedby': hintId,
        maxlength: String(PROMPT_MAX_CHARS),
      },
    });
    this.model = modelSelect(init.models, strings);
    this.customModel = el('input', {
      attrs: { type: 'text', spellcheck: 'false', autocomplete: 'off', maxlength: String(MODEL_ID_MAX_CHARS) },
    });
    this.options = new OptionControls(strings, init, (what) => {
      if (what === 'api') this.describe();
      this.saveDraft();
      this.askEstimate();
    });
    this.strip = new AttachmentStrip(
      strings,
      (id) => link.post({ type: 'removeAttachment', id }),
      (item) => void this.mask.edit(item),
    );
    this.sendButton = button(strings.send, { class: 'primary' });
    this.estimateLine = el('p', {
      class: 'hint estimate',
      attrs: { role: 'status', 'aria-label': strings.estimateLabel },
    });
    const addButton = button(strings.addImages, { class: 'secondary' });
    this.customField = labelled(strings.customModelLabel, this.customModel);

    this.style = new StyleBar(strings);
    const promptField = labelled(strings.promptLabel, this.prompt);
    promptField.append(el('p', { class: 'hint', attrs: { id: hintId }, text: strings.promptHint }));
    this.root = el(
      'section',
      { class: 'composer', attrs: { 'aria-label': strings.title } },
      this.style.root,
      promptField,
      el(
        'div',
        { class: 'options' },
        labelled(strings.modelLabel, this.model),
        this.customField,
        ...this.options.fields,
      ),
      this.options.wide,
      el(
        'div',
        { class: 'references', attrs: { role: 'group', 'aria-label': strings.referencesLabel } },
        this.strip.root,
        el('div', { class: 'row' }, addButton, el('p', { class: 'hint drop-hint', text: strings.dropHint })),
      ),
      el('div', { class: 'row actions' }, this.estimateLine, this.sendButton),
    );
    this.mask = new ReferenceMask(strings, init.locale, this.strip, this.root);
    this.root.append(this.mask.news);

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
    this.model.addEventListener('change', () => {
      this.syncCustom();
      this.describe();
      this.askEstimate();
    });
    this.customModel.addEventListener('input', () => {
      window.clearTimeout(this.typingTimer);
      this.typingTimer = window.setTimeout(() => {
        this.describe();
        this.askEstimate();
      }, TYPING_MS);
    });
    for (const c of [this.prompt, this.model, this.customModel]) c.addEventListener('input', () => this.saveDraft());
  }

  /** Asks the host what the current model takes (it answers with `modelOptions`). */
  describe(): void {
    const model = this.modelId();
    const api = this.options.apiChoice();
    const key = `${model}\n${api}`;
    if (!model || key === this.asked) return;
    this.asked = key;
    this.link.post({ type: 'describeModel', model, api });
  }

  /** The host's answer: applied when it is about the model still chosen. */
  setModelOptions(view: ModelOptionsView): void {
    if (view.model !== this.modelId()) return;
    this.options.apply(view);
    this.strip.setMaskable(view.mask);
    // The controls on show decide what is sent, so what it costs.
    this.askEstimate();
  }

  /** The picker's models again (the gateway's list arrived): the chosen model stays chosen, and is described anew. */
  setModels(models: readonly ModelChoice[], strings: StudioStrings): void {
    const chosen = this.modelId();
    fillModels(this.model, models, strings);
    this.setModel(chosen);
    this.asked = '';
    this.describe();
  }

  /** The host's estimate; only the answer to the latest question is shown. */
  setEstimate(seq: number, text: string): void {
    if (seq === this.estimateSeq) this.estimateLine.textContent = text;
  }

  /** Asks the host what Send would cost now (once the changes of this moment are all in). */
  private askEstimate(): void {
    window.clearTimeout(this.estimateTimer);
    this.estimateTimer = window.setTimeout(() => {
      const model = this.modelId();
      if (!model) {
        this.estimateSeq++;
        this.estimateLine.textContent = '';
        return;
      }
      this.link.post({ type: 'estimate', seq: ++this.estimateSeq, model, ...this.options.values() });
    }, ESTIMATE_MS);
  }

  setAttachments(items: AttachmentView[]): void {
    this.strip.set(items);
    this.mask.attachmentsChanged(items);
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

  /**
   * A reused card or image: prompt, model, aspect ratio and size class; with `options` (an image's
   * recorded request) every other control too, each unset one back to Auto.
   */
  fill(values: {
    prompt: string;
    model: string;
    aspectRatio?: string;
    imageSize?: string;
    options?: Fill['options'];
  }): void {
    this.prompt.value = values.prompt;
    this.setModel(values.model);
    const ratios = { aspectRatio: values.aspectRatio ?? '', imageSize: values.imageSize ?? '' };
    if (values.options) {
      const o = draftOf(values.options);
      this.options.restore({
        api: 'auto',
        variations: '1',
        size: '',
        quality: '',
        transparent: '',
        outputFormat: '',
        negativePrompt: '',
        ...definedOnly(o),
        ...ratios,
      });
    } else {
      this.options.restore(ratios);
    }
    this.describe();
    this.saveDraft();
    this.focusPrompt();
  }

  focusPrompt(): void {
    this.prompt.focus();
    this.prompt.select();
  }

  /** The error's fix "Use the Images API": the API control switches, and the last request goes again on it. */
  switchApi(api: ApiKind | undefined): void {
    if (!api) return;
    this.options.restore({ api });
    this.describe();
    this.saveDraft();
    if (this.last) this.last = { ...this.last, api };
    this.retry();
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
    const view = this.options.current();
    this.post({
      type: 'generate',
      prompt,
      model,
      ...this.options.values(),
      ...this.mask.references(this.strip.ids(), view?.mask ?? true),
      ...(this.style.takeSkip() ? { skipStyle: true } : {}),
    });
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
    const o = init.defaults.options ?? {};
    const fromSettings: Partial<OptionDraft> = {
      ...draftOf(o),
      aspectRatio: init.defaults.aspectRatio ?? '',
      imageSize: init.defaults.imageSize ?? '',
    };
    // The draft wins where it has a value: it is what the user last left in the form.
    const fromDraft: Partial<OptionDraft> = definedOnly(draft);
    this.options.restore({ ...fromSettings, ...fromDraft });
    // The host describes its default model right after `init`; any other choice is asked about.
    const model = this.modelId();
    if (model === init.defaults.model && this.options.apiChoice() === (o.api ?? 'auto'))
      this.asked = `${model}\n${this.options.apiChoice()}`;
    else this.describe();
  }

  private saveDraft(): void {
    this.link.saveDraft({ prompt: this.prompt.value, model: this.modelId(), ...this.options.draft() });
  }
}
