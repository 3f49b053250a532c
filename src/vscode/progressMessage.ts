// The progress notification's text for each phase of a job, with the time so far.
import { l10n } from 'vscode';
import type { GenerationProgress } from '../core/generate';

export function progressMessage(p: GenerationProgress, model: string, elapsedMs: number): string {
  const s = Math.floor(elapsedMs / 1000);
  switch (p.phase) {
    case 'queued':
      return l10n.t('Waiting for a free place: number {0} in line…', p.place ?? 1);
    case 'sending':
      return l10n.t('Asking {0} to draw… {1} s', model, s);
    case 'waiting':
      // An asynchronous task says where it is (pending, running) each time it is polled.
      if (p.task) return l10n.t('{0} is drawing (task {1})… {2} s', model, p.task.status.slice(0, 20), s);
      return l10n.t('{0} is drawing… {1} s', model, s);
    case 'streaming': {
      if (p.partial) return l10n.t('{0} is drawing… preview {1} · {2} s', model, p.partial.index + 1, s);
      const pct = p.percent === undefined ? '' : ` ${p.percent}%`;
      return `${p.status ?? l10n.t('{0} is drawing…', model)}${pct} · ${s} s`;
    }
    case 'retrying':
      return l10n.t('The server is busy; trying again in {0} s…', Math.ceil((p.delayMs ?? 0) / 1000));
    case 'remedies':
      return l10n.t('No image yet; asking {0} again to draw… {1} s', model, s);
    case 'downloading':
      return l10n.t('Downloading the image… {0} s', s);
  }
}
