// After a reload or restart: every job the server was still running in the background is polled
// again, its image saved where it would have gone, and its link inserted where it was asked when
// that document is open (else a notification offers to open it and insert). A job that cannot be
// resumed says so; one older than the server keeps results is dropped with a line in the log.
import * as path from 'node:path';
import { l10n, Uri } from 'vscode';
import type { GenerationProgress } from '../core/generate';
import { planResume, type DurableJob } from '../core/job/durableJobs';
import type { CommandContext } from './commands/context';
import type { DurableJobStore } from './durableJobStore';
import { describeError, noLinks } from './errorMessages';
import { progressMessage } from './progressMessage';

export async function resumeStoredJobs(ctx: CommandContext, store: DurableJobStore, now: Date = new Date()): Promise<void> {
  const { jobs, unreadable } = store.read();
  if (unreadable > 0) {
    ctx.log.warn(`${unreadable} stored background job(s) could not be read; dropped`);
    void ctx.ui.warn(l10n.t('{0} image job(s) started before the reload could not be resumed: what was kept of them is unreadable.', unreadable));
    await store.dropUnreadable();
  }
  const plan = planResume(jobs, now);
  for (const j of plan.expired) {
    ctx.log.info(`dropped background ${j.api} job ${j.serverId} ("${j.prompt.slice(0, 60)}", started ${j.created}): older than the 7 days the server keeps results`);
    await store.remove(j.key);
  }
  if (plan.resume.length) ctx.log.info(`resuming ${plan.resume.length} background job(s) started before the reload`);
  await Promise.all(plan.resume.map((j) => resumeOne(ctx, j)));
}

async function resumeOne(ctx: CommandContext, j: DurableJob): Promise<void> {
  let outcome;
  try {
    outcome = await ctx.ui.progress(l10n.t('GeekAI Image (resumed after the reload)'), async (report, signal) => {
      const started = Date.now();
      let last: GenerationProgress = { phase: 'waiting' };
      const render = (): void => report({ message: progressMessage(last, j.model, Date.now() - started) });
      const ticker = setInterval(render, 1000);
      try {
        return await ctx.service.resume(j, (p) => {
          last = p;
          render();
        }, signal);
      } finally {
        clearInterval(ticker);
      }
    });
  } catch (e) {
    const d = describeError(e, { model: j.model, timeoutSeconds: ctx.service.settings().timeoutSeconds, secrets: ctx.keys.knownSecrets() });
    ctx.log.error(`resumed job ${j.serverId} failed (${d.kind}): ${e instanceof Error ? e.message : String(e)}`);
    if (d.kind === 'cancelled') return void ctx.ui.info(d.message);
    void ctx.ui.error(noLinks(l10n.t('The image job "{0}" started before the reload could not be resumed: {1}', j.prompt, d.message)));
    return;
  }
  const names = outcome.files.map((f) => path.posix.basename(f.path)).join(', ');
  const document = j.document === undefined ? undefined : Uri.parse(j.document);
  if (!document || !j.insert) {
    void ctx.ui.info(noLinks(l10n.t('The image job "{0}" finished after the reload: saved {1}', j.prompt, names)));
    return;
  }
  if (ctx.editors.isOpen(document) && (await ctx.editors.insert(document, outcome.markdown, j.insert))) {
    void ctx.ui.info(noLinks(l10n.t('The image job "{0}" finished after the reload: saved and inserted {1}', j.prompt, names)));
    return;
  }
  const openAndInsert = l10n.t('Open and Insert');
  const picked = await ctx.ui.info(noLinks(l10n.t('The image job "{0}" finished after the reload: saved {1}. Insert its link into {2}?', j.prompt, names, path.posix.basename(document.path))), openAndInsert);
  if (picked === openAndInsert && !(await ctx.editors.insert(document, outcome.markdown, j.insert))) {
    await ctx.ui.copy(outcome.markdown);
    void ctx.ui.info(l10n.t('Could not open the document, so the Markdown link was copied to the clipboard.'));
  }
}
