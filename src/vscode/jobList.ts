// The jobs at work, for the user: a status bar item with how many run and wait (hidden when
// none), and a quick pick listing them, where picking one cancels it.
import { l10n } from 'vscode';
import { COMMANDS } from '../contributionIds';
import type { JobQueue } from '../core/job/jobQueue';
import { shownText } from '../core/text/shownText';
import type { QueuedJob } from './generationService';
import type { PickItem, Ui } from './ports';

/** The slice of `vscode.StatusBarItem` the list needs, so tests can hand in a plain object. */
export interface StatusItem {
  text: string;
  tooltip?: unknown;
  command?: unknown;
  show(): void;
  hide(): void;
  dispose(): void;
}

export function jobCountText(running: number, queued: number): string {
  return queued > 0 ? l10n.t('$(loading~spin) {0} running, {1} waiting', running, queued) : l10n.t('$(loading~spin) {0} running', running);
}

/** Keeps `item` in step with the queue; returns the unsubscribe. */
export function trackJobs(queue: JobQueue<QueuedJob>, item: StatusItem): () => void {
  item.command = COMMANDS.showJobs;
  item.tooltip = l10n.t('GeekAI Image jobs: click to see or cancel them');
  const update = (): void => {
    const { running, queued } = queue.counts();
    if (running + queued === 0) return item.hide();
    item.text = jobCountText(running, queued);
    item.show();
  };
  update();
  return queue.onChange(update);
}

interface JobPick extends PickItem {
  id: string;
}

/** Lists running and waiting jobs; the one picked is cancelled. */
export async function showJobs(queue: JobQueue<QueuedJob>, ui: Ui): Promise<void> {
  const entries = queue.list();
  if (entries.length === 0) {
    await ui.info(l10n.t('No GeekAI Image jobs are running.'));
    return;
  }
  const items: JobPick[] = entries.map((e) => ({
    id: e.id,
    // Prompts come from placeholders, files and agents; model ids from settings and files.
    label: shownText(e.meta.prompt, 'plain', 80),
    description: e.state === 'running' ? l10n.t('{0} · running', shownText(e.meta.model)) : l10n.t('{0} · waiting, number {1} in line', shownText(e.meta.model), e.place ?? 1),
  }));
  const picked = await ui.pick(items, { title: l10n.t('GeekAI Image jobs'), placeHolder: l10n.t('Pick a job to cancel it') });
  // The job's own notification or card then says it was cancelled.
  if (picked) queue.cancel(picked.id);
}
