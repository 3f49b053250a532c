// The jobs at work, for the user: a status bar item with how many run and wait (hidden when
// none; its tooltip says what this session has spent), and a quick pick listing them with each
// one's estimate, where picking one cancels it.
import { l10n } from 'vscode';
import { COMMANDS } from '../contributionIds';
import type { JobQueue } from '../core/job/jobQueue';
import { formatCny } from '../core/price/modelPrice';
import { shownText } from '../core/text/shownText';
import { costText, type QueuedJob } from './generationService';
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

/** What this session has spent, as the service counts it. */
export interface SessionSpending {
  sessionCost(): { total: number; unknown: number } | undefined;
  onSpend(listener: () => void): void;
}

export function jobCountText(running: number, queued: number): string {
  return queued > 0
    ? l10n.t('$(loading~spin) {0} running, {1} waiting', running, queued)
    : l10n.t('$(loading~spin) {0} running', running);
}

/** The tooltip: what clicking does, and this session's spending once there is any. */
export function jobsTooltip(spent: { total: number; unknown: number } | undefined): string {
  const lines = [l10n.t('GeekAI Image jobs: click to see or cancel them')];
  if (spent) {
    lines.push(l10n.t('Spent this session: {0}', formatCny(spent.total)));
    if (spent.unknown > 0) lines.push(l10n.t('plus {0} job(s) of unknown price', spent.unknown));
  }
  return lines.join('\n');
}

/** Keeps `item` in step with the queue (and the session's spending); returns the unsubscribe. */
export function trackJobs(queue: JobQueue<QueuedJob>, item: StatusItem, spending?: SessionSpending): () => void {
  item.command = COMMANDS.showJobs;
  const update = (): void => {
    item.tooltip = jobsTooltip(spending?.sessionCost());
    const { running, queued } = queue.counts();
    if (running + queued === 0) return item.hide();
    item.text = jobCountText(running, queued);
    item.show();
  };
  update();
  spending?.onSpend(update);
  return queue.onChange(update);
}

interface JobPick extends PickItem {
  id: string;
}

/** Lists running and waiting jobs, each with its estimate; the one picked is cancelled. */
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
    description:
      e.state === 'running'
        ? l10n.t('{0} · running · {1}', shownText(e.meta.model), costText(e.meta.estimate))
        : l10n.t(
            '{0} · waiting, number {1} in line · {2}',
            shownText(e.meta.model),
            e.place ?? 1,
            costText(e.meta.estimate),
          ),
  }));
  const picked = await ui.pick(items, {
    title: l10n.t('GeekAI Image jobs'),
    placeHolder: l10n.t('Pick a job to cancel it'),
  });
  // The job's own notification or card then says it was cancelled.
  if (picked) queue.cancel(picked.id);
}
