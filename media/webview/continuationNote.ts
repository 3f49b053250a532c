// "Continuing from …" above the prompt: after "Edit this" on a Responses API result the next
// prompt edits that image in the same conversation. The earlier prompt is untrusted text.
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format } from './dom';

const SHOWN_CHARS = 120;

export class ContinuationNote {
  readonly root: HTMLElement;
  private readonly text: HTMLElement;

  constructor(
    private readonly strings: StudioStrings,
    onDismiss: () => void,
  ) {
    this.text = el('p', { class: 'continuation-text' });
    const dismiss = button('×', {
      class: 'icon-button dismiss-continuation',
      attrs: { 'aria-label': strings.stopContinuing, title: strings.stopContinuing },
    });
    dismiss.addEventListener('click', () => {
      // Hidden at once; the host confirms with a `continuation` message without an id.
      this.set(undefined);
      onDismiss();
    });
    this.root = el('div', { class: 'continuation', attrs: { role: 'note' } }, this.text, dismiss);
    this.root.hidden = true;
  }

  /** Shows the note for `prompt`, or hides it when `resultId` is absent. */
  set(resultId: string | undefined, prompt = ''): void {
    this.root.hidden = resultId === undefined;
    if (resultId === undefined) {
      this.root.removeAttribute('data-result');
      this.text.textContent = '';
      return;
    }
    this.root.dataset.result = resultId;
    const line = prompt.replace(/\s+/g, ' ').trim();
    this.text.textContent = format(
      this.strings.continuingFrom,
      line.length > SHOWN_CHARS ? `${line.slice(0, SHOWN_CHARS - 1)}…` : line,
    );
  }
}
