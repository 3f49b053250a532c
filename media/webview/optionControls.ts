// The option controls under the model picker: API, number of images, aspect ratio, resolution,
// size, quality, transparent background, format and negative prompt. Each shows only when the
// model, on the API it will use, takes it (the host's `modelOptions`); hidden ones send nothing.
import {
  API_SETTINGS,
  ASPECT_RATIOS,
  IMAGE_SIZES,
  NEGATIVE_PROMPT_MAX_CHARS,
  OUTPUT_FORMATS,
  type ApiKind,
  type ApiSetting,
  type AspectRatio,
  type ImageSize,
  type ModelOptionsView,
  type OptionChoices,
  type OutputFormat,
  type StudioOptions,
} from '../../shared/imageVocabulary';
import type { StudioStrings } from '../../shared/studioStrings';
import { el, format, uid } from './dom';

/** What the controls hold, as saved in the draft (strings, so a stale draft can't break the form). */
export interface OptionDraft {
  api: string;
  variations: string;
  aspectRatio: string;
  imageSize: string;
  size: string;
  quality: string;
  transparent: string;
  outputFormat: string;
  negativePrompt: string;
}

export type OptionValues = StudioOptions & {
  aspectRatio?: AspectRatio;
  imageSize?: ImageSize;
};

function field(label: string, control: HTMLElement, ...extra: HTMLElement[]): HTMLElement {
  const id = uid('field');
  control.id = id;
  return el('div', { class: 'field' }, el('label', { attrs: { for: id }, text: label }), control, ...extra);
}

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return list.find((v) => v === value);
}

/** How the panel names an API. */
export function apiName(s: StudioStrings, api: ApiKind): string {
  return { chat: s.apiChat, images: s.apiImages, responses: s.apiResponses }[api];
}

export class OptionControls {
  /** The fields for the options grid, in order. */
  readonly fields: HTMLElement[];
  /** The negative prompt, which wants a whole row. */
  readonly wide: HTMLElement;
  private readonly api: HTMLSelectElement;
  private readonly variations: HTMLSelectElement;
  private readonly variationsHint: HTMLElement;
  private readonly aspect: HTMLSelectElement;
  private readonly imageSize: HTMLSelectElement;
  private readonly size: HTMLSelectElement;
  private readonly quality: HTMLSelectElement;
  private readonly transparent: HTMLInputElement;
  private readonly outputFormat: HTMLSelectElement;
  private readonly negative: HTMLInputElement;
  private readonly boxes: Record<
    'api' | 'variations' | 'aspect' | 'imageSize' | 'size' | 'quality' | 'transparent' | 'outputFormat',
    HTMLElement
  >;
  /** The host's answer for the current model; until then only aspect ratio and resolution show, as the host listed them. */
  private view: ModelOptionsView | undefined;

  constructor(
    private readonly s: StudioStrings,
    fallback: { aspectRatios: readonly string[]; imageSizes: readonly string[] },
    onChange: (what: 'api' | 'value') => void,
  ) {
    this.api = el('select');
    for (const a of API_SETTINGS)
      this.api.append(
        el('option', { attrs: { value: a }, text: a === 'auto' ? format(s.apiAuto, '…') : this.apiName(a) }),
      );
    this.variations = el('select');
    this.variationsHint = el('p', { class: 'hint', text: s.variationsSeparate });
    this.aspect = el('select');
    this.imageSize = el('select');
    this.size = el('select');
    this.quality = el('select');
    this.outputFormat = el('select');
    this.transparent = el('input', { attrs: { type: 'checkbox' } });
    this.negative = el('input', {
      attrs: {
        type: 'text',
        placeholder: s.negativePromptPlaceholder,
        maxlength: String(NEGATIVE_PROMPT_MAX_CHARS),
        spellcheck: 'false',
      },
    });
    const transparentId = uid('field');
    this.transparent.id = transparentId;
    this.boxes = {
      api: field(s.apiLabel, this.api),
      variations: field(s.variationsLabel, this.variations, this.variationsHint),
      aspect: field(s.aspectRatioLabel, this.aspect),
      imageSize: field(s.imageSizeLabel, this.imageSize),
      size: field(s.pixelSizeLabel, this.size),
      quality: field(s.qualityLabel, this.quality),
      outputFormat: field(s.outputFormatLabel, this.outputFormat),
      transparent: el(
        'div',
        { class: 'field checkbox' },
        this.transparent,
        el('label', { attrs: { for: transparentId }, text: s.transparentLabel }),
      ),
    };
    this.fields = [
      this.boxes.api,
      this.boxes.variations,
      this.boxes.aspect,
      this.boxes.imageSize,
      this.boxes.size,
      this.boxes.quality,
      this.boxes.outputFormat,
      this.boxes.transparent,
    ];
    this.wide = field(s.negativePromptLabel, this.negative);
    this.wide.classList.add('wide');
    this.setChoices(this.aspect, fallback.aspectRatios);
    this.setChoices(this.imageSize, fallback.imageSizes);
    this.show(undefined);
    this.api.addEventListener('change', () => onChange('api'));
    for (const c of [
      this.variations,
      this.aspect,
      this.imageSize,
      this.size,
      this.quality,
      this.outputFormat,
      this.transparent,
      this.negative,
    ]) {
      c.addEventListener('input', () => {
        // The user's own choice from now on, not one held for a list still to come.
        delete c.dataset.want;
        this.syncHint();
        onChange('value');
      });
    }
  }

  /** The API the user picked (`auto` follows the catalog). */
  apiChoice(): ApiSetting {
    return oneOf(API_SETTINGS, this.api.value) ?? 'auto';
  }

  current(): ModelOptionsView | undefined {
    return this.view;
  }

  /** Shows what `view` says applies, keeping each value the user chose where it is still offered. */
  apply(view: ModelOptionsView): void {
    this.view = view;
    this.show(view);
  }

  /** What to send: only the controls on show, only values set. */
  values(): OptionValues {
    const v = this.view;
    const out: OptionValues = {};
    const aspect = oneOf(ASPECT_RATIOS, this.aspect.value);
    const imageSize = oneOf(IMAGE_SIZES, this.imageSize.value);
    if (!this.boxes.aspect.hidden && aspect) out.aspectRatio = aspect;
    if (!this.boxes.imageSize.hidden && imageSize) out.imageSize = imageSize;
    if (!v) return out;
    out.api = this.apiChoice();
    out.variations = Number(this.variations.value) || 1;
    if (!this.boxes.size.hidden && this.size.value) out.size = this.size.value;
    if (!this.boxes.quality.hidden && this.quality.value) out.quality = this.quality.value;
    if (!this.boxes.transparent.hidden && this.transparent.checked) out.background = 'transparent';
    const outputFormat = oneOf<OutputFormat>(OUTPUT_FORMATS, this.outputFormat.value);
    if (!this.boxes.outputFormat.hidden && outputFormat) out.outputFormat = outputFormat;
    const negative = this.negative.value.trim();
    if (!this.wide.hidden && negative) out.negativePrompt = negative;
    return out;
  }

  draft(): OptionDraft {
    return {
      api: this.api.value,
      variations: this.variations.value,
      aspectRatio: this.aspect.value,
      imageSize: this.imageSize.value,
      size: this.size.value,
      quality: this.quality.value,
      transparent: this.transparent.checked ? 'true' : '',
      outputFormat: this.outputFormat.value,
      negativePrompt: this.negative.value,
    };
  }

  /** Sets the values a draft, the settings or a reused card hold; a value no longer offered falls back to Auto. */
  restore(d: Partial<OptionDraft>): void {
    const set = (select: HTMLSelectElement, value: string | undefined): void => {
      if (value === undefined) return;
      select.value = value;
      if (select.selectedIndex < 0) select.value = select.options[0]?.value ?? '';
    };
    set(this.api, d.api);
    if (d.variations !== undefined) this.variations.dataset.want = d.variations;
    set(this.variations, d.variations);
    set(this.aspect, d.aspectRatio);
    set(this.imageSize, d.imageSize);
    // Held until the model's choices arrive: the lists are empty before then.
    for (const [select, value] of [
      [this.size, d.size],
      [this.quality, d.quality],
      [this.outputFormat, d.outputFormat],
    ] as const) {
      if (value === undefined) continue;
      select.dataset.want = value;
      set(select, value);
    }
    if (d.transparent !== undefined) this.transparent.checked = d.transparent === 'true';
    if (d.negativePrompt !== undefined) this.negative.value = d.negativePrompt;
    this.syncHint();
  }

  private apiName(api: ApiKind): string {
    return apiName(this.s, api);
  }

  private show(v: ModelOptionsView | undefined): void {
    this.boxes.api.hidden = !v;
    this.boxes.variations.hidden = !v || v.maxVariations < 2;
    if (v) {
      this.api.options[0].textContent = format(this.s.apiAuto, this.apiName(v.api));
      this.setChoices(
        this.variations,
        Array.from({ length: v.maxVariations }, (_, i) => String(i + 1)),
        false,
      );
      this.offer(this.boxes.aspect, this.aspect, v.aspectRatios, (x) =>
        (ASPECT_RATIOS as readonly string[]).includes(x),
      );
      this.offer(this.boxes.imageSize, this.imageSize, v.imageSizes, (x) =>
        (IMAGE_SIZES as readonly string[]).includes(x),
      );
    }
    this.offer(this.boxes.size, this.size, v?.sizes);
    this.offer(this.boxes.quality, this.quality, v?.qualities);
    this.offer(this.boxes.outputFormat, this.outputFormat, v?.outputFormats);
    this.boxes.transparent.hidden = !v?.backgrounds?.values.includes('transparent');
    this.wide.hidden = !v?.negativePrompt;
    this.syncHint();
  }

  private offer(
    box: HTMLElement,
    select: HTMLSelectElement,
    choices: OptionChoices | undefined,
    usable: (value: string) => boolean = () => true,
  ): void {
    box.hidden = !choices;
    if (choices) this.setChoices(select, choices.values.filter(usable));
  }

  /** Replaces a select's options ('' = Auto first, unless `auto` is false), keeping the chosen value when it is still there. */
  private setChoices(select: HTMLSelectElement, values: readonly string[], auto = true): void {
    const wanted = select.dataset.want ?? select.value;
    delete select.dataset.want;
    // `auto` as a value means what leaving it unset means: one Auto entry, not two.
    const list = [...(auto ? [''] : []), ...values.filter((x) => x !== '' && x !== 'auto')];
    select.replaceChildren(...list.map((value) => el('option', { attrs: { value }, text: this.label(value) })));
    select.value = list.includes(wanted) ? wanted : (list[0] ?? '');
  }

  private label(value: string): string {
    const named: Record<string, string> = {
      '': this.s.auto,
      low: this.s.qualityLow,
      medium: this.s.qualityMedium,
      high: this.s.qualityHigh,
      standard: this.s.qualityStandard,
      hd: this.s.qualityHd,
      png: 'PNG',
      jpeg: 'JPEG',
      webp: 'WebP',
    };
    return named[value] ?? value.replace(/^(\d+)[x*](\d+)$/, '$1 × $2');
  }

  private syncHint(): void {
    this.variationsHint.hidden = !this.view || this.view.variationsInOneRequest || Number(this.variations.value) < 2;
  }
}
