// The progress notification's text for each phase of a job, with the time so far. The model id
// (a setting, a file's recipe or an agent's choice), a streamed status line and a task's status
// (a server's words) pass through shownText: VS Code makes links of `[x](command:…)` there.
import { l10n } from 'vscode';
import type { GenerationProgress } from '../core/generate';
import { shownText } from '../core/text/shownText';

/** A status line the server streams is cut to this (core keeps 120 characters of it). */
const STATUS_MAX = 120;
/** A task's status is a word such as `pending` or `running`. */
const TASK_STATUS_MAX = 20;

export function progressMessage(p: GenerationProgress, modelId: string, elapsedMs: number): string {
  const s = Math.floor(elapsedMs / 1000);
  const model = shownText(modelId, 'plain', 80);
  switch (p.phase) {
    case 'queued':
      return l10n.t('Waiting for a free place: number {0} in line…', p.place ?? 1);
    case 'sending':
      return l10n.t('Asking {0} to draw… {1} s', model, s);
    case 'waiting':
      // An asynchronous task says where it is (pending, running) each time it is polled.
      if (p.task)
        return l10n.t('{0} is drawing (task {1})… {2} s', model, shownText(p.task.status, 'plain', TASK_STATUS_MAX), s);
      return l10n.t('{0} is drawing… {1} s', model, s);
    case 'streaming': {
      if (p.partial) return l10n.t('{0} is drawing… preview {1} · {2} s', model, p.partial.index + 1, s);
      const pct = p.percent === undefined ? '' : ` ${p.percent}%`;
      const status = p.status ? shownText(p.status, 'plain', STATUS_MAX) : '';
      return `${status || l10n.t('{0} is drawing…', model)}${pct} · ${s} s`;
    }
    case 'retrying':
      return l10n.t('The server is busy; trying again in {0} s…', Math.ceil((p.delayMs ?? 0) / 1000));
    case 'remedies':
      return l10n.t('No image yet; asking {0} again to draw… {1} s', model, s);
    case 'downloading':
      return l10n.t('Downloading the image… {0} s', s);
  }
}
