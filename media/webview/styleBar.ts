// The workspace style the next generation uses, above the prompt, with a box to leave it out of
// one generation. The style's prompt comes from a file in the repository: untrusted, text only.
import type { StyleView } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { el, format, uid } from './dom';

const SHOWN_CHARS = 100;

export class StyleBar {
  readonly root: HTMLElement;
  private readonly text: HTMLElement;
  private readonly skip: HTMLInputElement;
  private readonly skipField: HTMLElement;

  constructor(private readonly strings: StudioStrings) {
    this.text = el('p', { class: 'style-text' });
    const skipId = uid('skip-style');
    this.skip = el('input', { attrs: { type: 'checkbox', id: skipId } });
    this.skipField = el(
      'div',
      { class: 'field checkbox' },
      this.skip,
      el('label', { attrs: { for: skipId }, text: strings.styleSkip }),
    );
    this.root = el('div', { class: 'style-bar', attrs: { role: 'note' } }, this.text, this.skipField);
    this.root.hidden = true;
  }

  set(style: StyleView | undefined): void {
    this.root.hidden = style === undefined;
    this.root.classList.toggle('invalid', style?.problem !== undefined);
    this.skipField.hidden = style?.problem !== undefined || style?.notApplied !== undefined;
    if (!style) {
      this.skip.checked = false;
      this.text.textContent = '';
      return;
    }
    if (style.notApplied !== undefined) {
      this.skip.checked = false;
      this.text.textContent = this.strings.styleUntrusted;
      return;
    }
    if (style.problem !== undefined) {
      this.text.textContent = format(this.strings.styleInvalid, style.problem);
      return;
    }
    const prompt = (style.prompt ?? '').replace(/\s+/g, ' ').trim();
    const shown = prompt
      ? `“${prompt.length > SHOWN_CHARS ? `${prompt.slice(0, SHOWN_CHARS - 1)}…` : prompt}”`
      : this.strings.styleNoPrompt;
    const extras = [
      style.model,
      style.aspectRatio,
      style.saveFormat,
      style.references > 0 ? format(this.strings.styleReferences, style.references) : undefined,
    ].filter((x) => x);
    this.text.textContent = format(
      this.strings.styleActive,
      shown,
      extras.length ? `(${extras.join(', ')})` : '',
    ).trim();
  }

  /** True when the next generation leaves the style out; the box clears itself: it is for one job. */
  takeSkip(): boolean {
    const skip = !this.root.hidden && this.skip.checked;
    this.skip.checked = false;
    return skip;
  }
}
