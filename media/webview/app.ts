// Builds the panel once `init` arrives and routes every later host message to its part.
import type { HostToWebview, ResultCard, RunningJob } from '../../shared/protocol';
import { Composer } from './composer';
import { ContinuationNote } from './continuationNote';
import { el, format } from './dom';
import { Gallery } from './gallery';
import { listenForImages } from './imageInput';
import { JobCards } from './jobStatus';
import { MessageBar } from './messageBar';
import type { CardAction } from './resultCard';
import { ResultFeed } from './resultFeed';
import type { HostLink } from './vscodeApi';

type Init = Extract<HostToWebview, { type: 'init' }>;

export class App {
  private readonly composer: Composer;
  private readonly job: JobCards;
  private readonly messages: MessageBar;
  private readonly feed: ResultFeed;
  private readonly continuation: ContinuationNote;
  /** The workspace's images, closed until opened. */
  private readonly gallery: Gallery;
  /** The GeekAI balance in the header, when the host has one to show. */
  private readonly balance: HTMLElement;
  private readonly strings: Init['strings'];

  constructor(
    private readonly link: HostLink,
    root: HTMLElement,
    init: Init,
  ) {
    const s = init.strings;
    this.strings = s;
    document.title = s.title;
    this.balance = el('p', { class: 'balance hint', attrs: { role: 'status' } });
    this.balance.hidden = true;
    this.composer = new Composer(link, s, init);
    this.continuation = new ContinuationNote(s, () => link.post({ type: 'dropContinuation' }));
    // Above the prompt: it says what the next prompt will do.
    this.composer.root.prepend(this.continuation.root);
    this.job = new JobCards(s, init.locale, (jobId) => link.post({ type: 'cancel', jobId }));
    this.messages = new MessageBar(s, (action, m) => {
      if (action === 'retry') this.composer.retry();
      else if (action === 'switchApi') this.composer.switchApi(m.switchTo);
      else link.post({ type: action });
    });
    const dateFormat = new Intl.DateTimeFormat(init.locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.feed = new ResultFeed(
      { strings: s, locale: init.locale, dateFormat },
      (action, card, image) => this.cardAction(action, card, image),
      (offset) => link.post({ type: 'loadMoreHistory', offset }),
    );
    this.gallery = new Gallery(s, (m) => link.post(m));
    const banner = init.defaults.banner
      ? [el('p', { class: 'banner', attrs: { role: 'note' }, text: init.defaults.banner })]
      : [];
    root.replaceChildren(
      el('h1', { class: 'visually-hidden', text: s.title }),
      this.balance,
      ...banner,
      this.composer.root,
      this.job.root,
      this.messages.root,
      this.gallery.root,
      this.feed.root,
    );
    root.removeAttribute('aria-busy');
    listenForImages(this.composer.root, (m) => link.post(m));
    document.addEventListener('keydown', (e) => {
      const newest = this.job.newest();
      if (e.key === 'Escape' && newest) link.post({ type: 'cancel', jobId: newest });
    });
    this.feed.setTarget(init.target);
    this.feed.setHistory(init.history, 0, init.historyTotal);
    for (const job of init.jobs) this.job.start(job);
  }

  handle(m: HostToWebview): void {
    switch (m.type) {
      case 'init':
        return; // only one per page load: the host answers each `ready` once
      case 'attachments':
        return this.composer.setAttachments(m.attachments);
      case 'target':
        return this.feed.setTarget(m.name);
      case 'placement':
        return this.feed.placement.set(m.placement);
      case 'jobStarted':
        return this.started({ jobId: m.jobId, prompt: m.prompt, model: m.model, text: '', elapsedMs: 0 });
      case 'progress':
        return this.job.progress(m.jobId, m.percent, m.text, m.elapsedMs, m.place);
      case 'result':
        return this.feed.prepend(m.card);
      case 'jobEnded':
        this.job.end(m.jobId);
        if (m.outcome === 'done') this.gallery.refresh();
        return this.composer.setBusy(false);
      case 'error':
        this.composer.settle();
        return this.messages.showError(m);
      case 'notice':
        return this.messages.showNotice(m.message);
      case 'history':
        return this.feed.setHistory(m.entries, m.offset, m.total);
      case 'focusPrompt':
        return this.composer.focusPrompt();
      case 'modelOptions':
        return this.composer.setModelOptions(m.options);
      case 'estimate':
        return this.composer.setEstimate(m.seq, m.text);
      case 'models':
        return this.composer.setModels(m.models, this.strings);
      case 'balance':
        this.balance.textContent = m.text === undefined ? '' : format(this.strings.balanceLabel, m.text);
        this.balance.hidden = m.text === undefined;
        return;
      case 'preview':
        return this.job.preview(m.jobId, m.variation, m.index, m.dataUrl);
      case 'continuation':
        return this.continuation.set(m.resultId, m.prompt);
      case 'style':
        return this.composer.style.set(m.style);
      case 'gallery':
        return this.gallery.set(m);
      case 'fill':
        this.messages.clearError();
        return this.composer.fill(m);
    }
  }

  /** A job has its card: the composer is free for the next prompt (jobs run side by side). */
  private started(job: RunningJob): void {
    this.messages.clearError();
    this.composer.setBusy(false);
    this.job.start(job);
  }

  private cardAction(action: CardAction, card: ResultCard, image?: number): void {
    if (action === 'reuse') return this.composer.fill(card);
    if ((action === 'insert' || action === 'copyMarkdown') && image !== undefined)
      return this.link.post({ type: action, resultId: card.id, image });
    this.link.post({ type: action, resultId: card.id });
  }
}
