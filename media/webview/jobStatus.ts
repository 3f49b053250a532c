// The jobs at work, each on its own card: streamed progress text, a percentage bar when the
// model gives one, elapsed time, its place in line while it waits, its own Cancel, and the
// partial images of a model that sends them while it draws.
import type { RunningJob } from '../../shared/protocol';
import type { StudioStrings } from '../../shared/studioStrings';
import { button, el, format, seconds } from './dom';
import { JobPreviews } from './jobPreviews';

const LOG_LINES = 4;

/** Every running or waiting job's card, oldest first. */
export class JobCards {
  readonly root: HTMLElement;
  private readonly cards = new Map<string, JobStatus>();

  constructor(
    private readonly strings: StudioStrings,
    private readonly locale: string,
    private readonly onCancel: (jobId: string) => void,
  ) {
    this.root = el('div', { class: 'jobs' });
  }

  start(job: RunningJob): void {
    if (this.cards.has(job.jobId)) return;
    const card = new JobStatus(this.strings, this.locale, this.onCancel);
    this.cards.set(job.jobId, card);
    this.root.append(card.root);
    card.start(job);
  }

  progress(jobId: string, percent: number | undefined, text: string, elapsedMs: number, place?: number): void {
    this.cards.get(jobId)?.progress(percent, text, elapsedMs, place);
  }

  preview(jobId: string, variation: number, index: number, dataUrl: string): void {
    this.cards.get(jobId)?.previews.show(variation, index, dataUrl);
  }

  end(jobId: string): void {
    const card = this.cards.get(jobId);
    if (!card) return;
    card.end();
    card.root.remove();
    this.cards.delete(jobId);
  }

  /** The job started last, for Escape. */
  newest(): string | undefined {
    return [...this.cards.keys()].pop();
  }
}

class JobStatus {
  readonly root: HTMLElement;
  readonly previews: JobPreviews;
  private readonly heading: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly fill: HTMLElement;
  private readonly text: HTMLElement;
  private readonly log: HTMLOListElement;
  private readonly clock: HTMLElement;
  private readonly cancelButton: HTMLButtonElement;
  private jobId: string | undefined;
  private model = '';
  private startedAt = 0;
  private timer: number | undefined;

  constructor(
    private readonly strings: StudioStrings,
    private readonly locale: string,
    onCancel: (jobId: string) => void,
  ) {
    this.heading = el('p', { class: 'job-heading' });
    this.fill = el('div', { class: 'bar-fill' });
    this.bar = el(
      'div',
      {
        class: 'bar indeterminate',
        attrs: {
          role: 'progressbar',
          'aria-label': strings.progressLabel,
          'aria-valuemin': '0',
          'aria-valuemax': '100',
        },
      },
      this.fill,
    );
    this.text = el('p', { class: 'job-text', attrs: { 'aria-live': 'polite' } });
    this.log = el('ol', { class: 'job-log', attrs: { 'aria-hidden': 'true' } });
    this.clock = el('span', { class: 'job-clock', attrs: { 'aria-live': 'off' } });
    this.cancelButton = button(strings.cancel, { class: 'secondary' });
    this.previews = new JobPreviews(strings);
    this.root = el(
      'section',
      { class: 'job', attrs: { 'aria-label': strings.working } },
      el('div', { class: 'row' }, this.heading, this.clock, this.cancelButton),
      this.bar,
      this.text,
      this.previews.root,
      this.log,
    );
    this.cancelButton.addEventListener('click', () => {
      if (this.jobId) onCancel(this.jobId);
    });
  }

  running(): string | undefined {
    return this.jobId;
  }

  start(job: RunningJob): void {
    this.jobId = job.jobId;
    this.startedAt = performance.now() - job.elapsedMs;
    this.model = job.model;
    // Several jobs are several regions: each is named for its own prompt, so a screen reader's
    // list of landmarks tells them apart (axe: landmark-unique).
    this.root.setAttribute(
      'aria-label',
      `${this.strings.working} ${job.prompt.length > 80 ? `${job.prompt.slice(0, 79)}…` : job.prompt}`,
    );
    this.log.replaceChildren();
    this.previews.clear();
    this.text.textContent = '';
    this.setPlace(job.place);
    this.setPercent(job.percent);
    if (job.text) this.progress(job.percent, job.text, job.elapsedMs, job.place);
    this.root.hidden = false;
    this.tick();
    window.clearInterval(this.timer);
    this.timer = window.setInterval(() => this.tick(), 200);
  }

  progress(percent: number | undefined, text: string, elapsedMs: number, place?: number): void {
    this.startedAt = performance.now() - elapsedMs;
    this.setPlace(place);
    this.setPercent(percent);
    const previous = this.text.textContent ?? '';
    if (text !== previous) {
      if (previous) this.log.append(el('li', { text: previous }));
      while (this.log.childElementCount > LOG_LINES) this.log.firstElementChild?.remove();
      this.text.textContent = text;
    }
    this.tick();
  }

  end(): void {
    this.jobId = undefined;
    window.clearInterval(this.timer);
    this.timer = undefined;
    this.root.hidden = true;
  }

  /** A waiting job says so in its heading and carries its place for assistive tech and tests. */
  private setPlace(place: number | undefined): void {
    if (place === undefined) {
      this.root.removeAttribute('data-place');
      this.root.classList.remove('queued');
      this.heading.textContent = `${this.strings.working} ${this.model}`;
    } else {
      this.root.dataset.place = String(place);
      this.root.classList.add('queued');
      this.heading.textContent = `${format(this.strings.queued, String(place))} ${this.model}`;
    }
  }

  private setPercent(percent: number | undefined): void {
    const known = percent !== undefined && Number.isFinite(percent);
    this.bar.classList.toggle('indeterminate', !known);
    if (known) {
      const p = Math.max(0, Math.min(100, Math.round(percent)));
      this.bar.setAttribute('aria-valuenow', String(p));
      this.bar.setAttribute('aria-valuetext', `${p}%`);
      // CSSOM, not a style attribute: allowed under the CSP.
      this.fill.style.width = `${p}%`;
    } else {
      this.bar.removeAttribute('aria-valuenow');
      this.bar.removeAttribute('aria-valuetext');
      this.fill.style.width = '';
    }
  }

  private tick(): void {
    this.clock.textContent = format(this.strings.elapsed, seconds(performance.now() - this.startedAt, this.locale));
  }
}
