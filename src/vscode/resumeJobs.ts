// After a reload or restart: every job the server was still running in the background for this
// window (its workspace folders) is polled again, by one window only (the one whose claim on it
// holds), its image saved where it would have gone, and its link inserted where it was asked when
// that document is open (else a notification offers to open it and insert). A job another window
// is polling is looked at again every few seconds, and taken once that window's process has ended
// (this window before the reload: at once) or its claim is stale.
// A job sent to another base URL than the settings now name is not polled (the key would go
// where the job is not, or the job's id where the key is not) and says so. A job that cannot be
// resumed says so; one older than the server keeps results is dropped with a line in the log.
import * as path from 'node:path';
import { l10n, Uri } from 'vscode';
import type { GenerationProgress } from '../core/generate';
import { planResume, sentTo, type DurableJob, type ThisWindow } from '../core/job/durableJobs';
import { apiBaseUrl } from '../core/validateInput';
import type { CommandContext } from './commands/context';
import { shownText } from '../core/text/shownText';
import { sleep, type DurableJobStore } from './durableJobStore';
import { describeFor } from './errorMessages';
import { progressMessage } from './progressMessage';

export async function resumeStoredJobs(
  ctx: CommandContext,
  store: DurableJobStore,
  now: Date = new Date(),
): Promise<void> {
  const { jobs, unreadable } = store.read();
  if (unreadable > 0) {
    ctx.log.warn(`${unreadable} stored background job(s) could not be read; dropped`);
    void ctx.ui.warn(
      l10n.t(
        '{0} image job(s) started before the reload could not be resumed: what was kept of them is unreadable.',
        unreadable,
      ),
    );
    await store.dropUnreadable();
  }
  const window: ThisWindow = {
    folders: ctx.workspace.folders().map((f) => f.toString()),
    holds: (uri) => ctx.workspace.folderOf(Uri.parse(uri)) !== undefined,
  };
  const plan = planResume(jobs, now, window, store.owner);
  for (const j of plan.expired) {
    ctx.log.info(
      `dropped background ${j.api} job ${j.serverId} ("${j.prompt.slice(0, 60)}", started ${j.created}): older than the 7 days the server keeps results`,
    );
    await store.remove(j.key);
  }
  const others = jobs.length - plan.resume.length - plan.expired.length;
  if (others > 0)
    ctx.log.info(`${others} background job(s) belong to other windows (or run here already): left to them`);
  if (plan.resume.length) ctx.log.info(`resuming ${plan.resume.length} background job(s) started before the reload`);
  const held = plan.resume.filter((j) => !store.isFree(j)).length;
  if (held > 0)
    ctx.log.info(`${held} of them polled by another window now: taken should its process end or its claim go stale`);
  await Promise.all(
    plan.resume.map((j) =>
      follow(ctx, store, j.key).catch((e: unknown) => {
        ctx.log.error(`resuming background job ${j.serverId} failed: ${e instanceof Error ? e.message : String(e)}`);
      }),
    ),
  );
}

/** Resumes the job once nobody else polls it; returns when it ended here, elsewhere, or was not resumed. */
async function follow(ctx: CommandContext, store: DurableJobStore, key: string): Promise<void> {
  for (let told = false; ;) {
    const j = store.find(key);
    // Gone: it ended in the window that held it. Claimed by this activation: it runs here already.
    if (!j || j.claim?.owner === store.owner) return;
    if (!store.isFree(j)) {
      if (!told)
        ctx.log.info(
          `background ${j.api} job ${j.serverId} is polled by another window; looked at again should that window stop`,
        );
      told = true;
      // Looked at again soon (its window's process may end) or once the claim goes stale, by a
      // random amount later: two windows that claimed it at the same moment do not collide again.
      await sleep(Math.min(store.freeIn(j), store.timing.recheckMs) + Math.random() * 2 * store.timing.settleMs);
      continue;
    }
    const current = currentBase(ctx, j);
    if (!sentTo(j, current)) {
      ctx.log.warn(
        `background ${j.api} job ${j.serverId} was sent to ${j.baseUrl}, the base URL is now ${current ?? 'not a URL'}: not polled`,
      );
      void ctx.ui.warn(
        // The prompt and both base URLs (a workspace's setting may be one of them) through the sink.
        l10n.t(
          'The image job "{0}" started before the reload was not resumed: it was sent to {1}, and geekaiImage.baseUrl is now {2}. It is kept, and resumed once the setting is {1} again (for up to 7 days).',
          prompt(j),
          shownText(j.baseUrl ?? ''),
          shownText(current ?? ctx.service.settings().baseUrl),
        ),
      );
      return;
    }
    // Another window may have claimed it at the same moment: then it is theirs, and looked at again.
    if (await store.claim(key)) return resumeOne(ctx, { ...j, claim: undefined });
  }
}

/** The base URL the settings name for the job's document now (undefined: not a usable URL). */
function currentBase(ctx: CommandContext, j: DurableJob): string | undefined {
  const scope = j.document ?? j.besideSource;
  try {
    return apiBaseUrl(ctx.service.settings(scope === undefined ? undefined : Uri.parse(scope)).baseUrl);
  } catch {
    return undefined;
  }
}

/** The job's prompt (typed, or from a file or an agent), as a notification names it. */
function prompt(j: DurableJob): string {
  return shownText(j.prompt, 'plain', 120);
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
        return await ctx.service.resume(
          j,
          (p) => {
            last = p;
            render();
          },
          signal,
        );
      } finally {
        clearInterval(ticker);
      }
    });
  } catch (e) {
    const d = describeFor(ctx, e, { model: j.model, timeoutSeconds: ctx.service.settings().timeoutSeconds });
    ctx.log.error(`resumed job ${j.serverId} failed (${d.kind}): ${e instanceof Error ? e.message : String(e)}`);
    if (d.kind === 'cancelled') return void ctx.ui.info(d.message);
    void ctx.ui.error(
      l10n.t('The image job "{0}" started before the reload could not be resumed: {1}', prompt(j), d.message),
    );
    return;
  }
  const names = shownText(outcome.files.map((f) => path.posix.basename(f.path)).join(', '), 'plain', 600);
  const document = j.document === undefined ? undefined : Uri.parse(j.document);
  if (!document || !j.insert) {
    void ctx.ui.info(l10n.t('The image job "{0}" finished after the reload: saved {1}', prompt(j), names));
    return;
  }
  if (ctx.editors.isOpen(document) && (await ctx.editors.insert(document, outcome.markdown, j.insert))) {
    void ctx.ui.info(l10n.t('The image job "{0}" finished after the reload: saved and inserted {1}', prompt(j), names));
    return;
  }
  const openAndInsert = l10n.t('Open and Insert');
  const picked = await ctx.ui.info(
    l10n.t(
      'The image job "{0}" finished after the reload: saved {1}. Insert its link into {2}?',
      prompt(j),
      names,
      shownText(path.posix.basename(document.path)),
    ),
    openAndInsert,
  );
  if (picked === openAndInsert && !(await ctx.editors.insert(document, outcome.markdown, j.insert))) {
    await ctx.ui.copy(outcome.markdown);
    void ctx.ui.info(l10n.t('Could not open the document, so the Markdown link was copied to the clipboard.'));
  }
}
