// Errors with the action that fixes them, and short notices ("Copied"). Server and model text
// in `detail` is untrusted and goes in as text only.
import type { PanelErrorAction, HostToWebview } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format } from './dom';
import { apiName } from './optionControls';

type ErrorMessage = Extract<HostToWebview, { type: 'error' }>;

const NOTICE_MS = 4000;

export class MessageBar {
  readonly root: HTMLElement;
  private readonly errorBox: HTMLElement;
  private readonly notice: HTMLElement;
  private noticeTimer: number | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly onAction: (action: PanelErrorAction, m: ErrorMessage) => void,
  ) {
    this.errorBox = el('div', { class: 'error', attrs: { role: 'alert' } });
    this.errorBox.hidden = true;
    this.notice = el('p', { class: 'notice', attrs: { role: 'status' } });
    this.root = el('div', { class: 'messages' }, this.errorBox, this.notice);
  }

  showError(m: ErrorMessage): void {
    const labels: Record<PanelErrorAction, string> = {
      setApiKey: this.strings.actionSetApiKey,
      openSettings: this.strings.actionOpenSettings,
      retry: this.strings.actionRetry,
      saveAs: this.strings.actionSaveAs,
      switchApi: m.switchTo ? format(this.strings.actionSwitchApi, apiName(this.strings, m.switchTo)) : '',
    };
    // A switch needs to know where to; without it the button would do nothing.
    const actions = m.actions
      .filter((a) => a !== 'switchApi' || m.switchTo)
      .map((a) => {
        const b = button(labels[a], {
          class: a === m.actions[0] ? 'primary' : 'secondary',
          attrs: { 'data-action': a },
        });
        b.addEventListener('click', () => {
          this.clearError();
          this.onAction(a, m);
        });
        return b;
      });
    const dismiss = button(this.strings.dismiss, { class: 'secondary' });
    dismiss.addEventListener('click', () => this.clearError());
    this.errorBox.dataset.kind = m.kind;
    this.errorBox.replaceChildren(el('p', { class: 'error-message', text: m.message }));
    if (m.detail) this.errorBox.append(el('p', { class: 'error-detail', text: m.detail }));
    this.errorBox.append(el('div', { class: 'row' }, ...actions, dismiss));
    this.errorBox.hidden = false;
  }

  clearError(): void {
    this.errorBox.hidden = true;
    this.errorBox.replaceChildren();
  }

  showNotice(text: string): void {
    this.notice.textContent = text;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => (this.notice.textContent = ''), NOTICE_MS);
  }
}
